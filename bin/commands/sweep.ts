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
Returns when the whole sweep has finished; prints the members swept and the new findings.
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
    else
      output.stdout(
        `Swept ${result.members} member(s): ${result.newFindings} new finding(s) (see \`pillarwatch findings --member <id>\`).\n`,
      );
    return 0;
  },
};
