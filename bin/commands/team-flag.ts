import { teamIdOf } from '../cli/args';
import { CliError, type Flags } from '../cli/command';

/** `--team <id>`, required and checked: the team tables' one shared flag. */
export const teamFlag = (flags: Flags): string => {
  if (typeof flags.team !== 'string') throw new CliError('--team <id> is required.', 2);
  return teamIdOf(flags.team, '--team');
};
