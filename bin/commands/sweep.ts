import { PILLARS } from '../../shared/domain/pillars';
import type { NewcomerPlacement, NewcomerWay } from '../../shared/model/population-map';
import { connect } from '../cli/client';
import type { Command } from '../cli/command';
import { printJson } from '../cli/output';

export const sweep: Command = {
  name: 'sweep',
  synopsis: 'sweep',
  summary: 'run the daily findings sweep now and wait for it',
  usage: 'sweep [--json] [--data-dir <dir>]',
  help: `Runs the daily sweep (the function EventBridge runs once a day in AWS and the local stack runs daily)
against the running local stack: cross-member RECALCULATION, and STALE and DIVERGENT for every member.
Returns when the whole sweep has finished; prints the members swept, the new findings, and how members without
readings are placed (per pillar: the population map, the line through teammates' levels or the raw estimate).
`,
  flags: {},
  async run({ flags, output }) {
    const stack = await connect(flags);
    const { config } = stack;
    // Loaded on demand: the sweep pulls in the score model and the stores, which other commands never need.
    const [{ loadSweepWithLocalEnv }, { sweepAndRecord }] = await Promise.all([
      import('../../local/aws-env'),
      import('../../local/daily-sweep'),
    ]);
    const handler = await loadSweepWithLocalEnv({
      dynamoEndpoint: config.dynamoEndpoint,
      s3Endpoint: config.s3Endpoint,
      tableName: config.table,
      bucketName: config.bucket,
    });
    output.stderr('Sweeping every member…\n');
    const started = Date.now();
    const state = await sweepAndRecord(stack.dataDir, () => handler({}));
    const result = { ...state, durationMs: Date.now() - started };
    if (flags.json) printJson(output, result);
    else {
      output.stdout(
        `Swept ${result.members} member(s): ${result.newFindings} new finding(s) (see \`pillarwatch findings --member <id>\`).\n`,
      );
      if (result.newcomers) output.stdout(`${describeNewcomers(result.newcomers)}\n`);
    }
    return 0;
  },
};

const WAY_WORDS: Record<NewcomerWay, string> = {
  map: 'the population map',
  line: 'the line through teammates’ levels',
  raw: 'the raw estimate',
};

/** "Members without readings are placed from 6 calibrated teammates: brand by …; expect ±8.0 points …". */
export const describeNewcomers = (placement: NewcomerPlacement): string => {
  const byWay = (Object.keys(WAY_WORDS) as NewcomerWay[]).flatMap((way) => {
    const pillars = PILLARS.filter((pillar) => placement.ways[pillar] === way);
    return pillars.length > 0 ? [`${pillars.join(', ')} by ${WAY_WORDS[way]}`] : [];
  });
  const { raw, calibrated } = placement.expectedTotalError;
  return `Members without readings are placed from ${placement.members} calibrated teammate(s): ${byWay.join('; ')}. Expect ±${calibrated.toFixed(1)} points on the total (the raw estimate: ±${raw.toFixed(1)}).`;
};
