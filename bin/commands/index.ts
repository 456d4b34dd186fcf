import type { Command } from '../cli/command';
import { activity } from './activity';
import { competition } from './competition';
import { erase } from './erase';
import { estimates } from './estimates';
import { findings } from './findings';
import { ingests } from './ingests';
import { inspect } from './inspect';
import { kpi } from './kpi';
import { leaderboard } from './leaderboard';
import { member } from './member';
import { members } from './members';
import { plan } from './plan';
import { report } from './report';
import { score } from './score';
import { sweep } from './sweep';
import { teams } from './teams';
import { tiers } from './tiers';
import { upload } from './upload';

/** Every `pillarwatch` command, in the order `pillarwatch --help` lists them. */
export const COMMANDS: readonly Command[] = [
  upload,
  inspect,
  activity,
  ingests,
  score,
  estimates,
  findings,
  sweep,
  report,
  plan,
  member,
  members,
  teams,
  leaderboard,
  competition,
  tiers,
  kpi,
  erase,
];
