import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DATA_DIR_ENV, DEFAULT_DATA_DIR } from '../../local/config-file';
import { EXPORTS_PREFIX } from '../../shared/store/layout';

/** Command-line flags for the finding thresholds, and the threshold each sets. */
const THRESHOLD_FLAGS = [
  ['stale-days', 'staleDays'],
  ['min-delta', 'minDelta'],
  ['min-active-days', 'minActiveDays'],
  ['divergent-pillar', 'divergentPillar'],
  ['divergent-total', 'divergentTotal'],
  ['divergent-runs', 'divergentRuns'],
] as const;

export const HELP = `Usage: npm start -- [options]

Runs pillarwatch locally: DynamoDB Local, an S3-compatible server and the API on 127.0.0.1, with the
same handlers as in AWS. Uploads under ${EXPORTS_PREFIX}<memberId>/…zip are ingested as they arrive.

Options:
  --port <n>        API port (default 3000; the other ports are picked free)
  --data-dir <dir>  where data is kept between runs (default $${DATA_DIR_ENV}, else ${DEFAULT_DATA_DIR})
  --fresh           wipe the data dir first
  --no-sample       do not load the bundled sample export and its official readings
  --stale-days <n>  findings thresholds (defaults in docs/findings.md); also --min-delta <points>,
  --min-active-days <n>, --divergent-pillar <points>, --divergent-total <points>, --divergent-runs <n>
  --help            show this help
`;

/** What `npm start -- <flags>` asked for. */
export interface StartOptions {
  port: number;
  /** The data dir, resolved. */
  dataDir: string;
  /** `--data-dir` as typed (undefined for the default), for the hints printed to the user. */
  dataDirFlag: string | undefined;
  fresh: boolean;
  sample: boolean;
  /** Finding thresholds set by flags, by threshold name; empty when none was given. */
  thresholds: Record<string, number>;
}

/** The flags of `npm start`; undefined when `--help` asked for the help only. Throws on a bad flag. */
export function parseStartOptions(
  args: string[],
  env: Readonly<Record<string, string | undefined>> = process.env,
): StartOptions | undefined {
  // The CLI looks in the same place (local/config-file.ts findDataDir).
  const defaultDataDir = env[DATA_DIR_ENV] || DEFAULT_DATA_DIR;
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: '3000' },
      'data-dir': { type: 'string', default: defaultDataDir },
      fresh: { type: 'boolean', default: false },
      'no-sample': { type: 'boolean', default: false },
      ...Object.fromEntries(THRESHOLD_FLAGS.map(([flag]) => [flag, { type: 'string' as const }])),
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) return undefined;
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 1 || port > 65_535)
    throw new Error(`--port must be 1–65535, got "${values.port}"`);
  const thresholds = Object.fromEntries(
    THRESHOLD_FLAGS.flatMap(([flag, name]) => {
      const value = (values as Record<string, unknown>)[flag];
      return typeof value === 'string' ? [[name, Number(value)]] : [];
    }),
  );
  return {
    port,
    dataDir: resolve(values['data-dir']),
    dataDirFlag: values['data-dir'] === defaultDataDir ? undefined : values['data-dir'],
    fresh: values.fresh,
    sample: !values['no-sample'],
    thresholds,
  };
}
