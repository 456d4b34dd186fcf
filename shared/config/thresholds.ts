import * as z from 'zod';
import { DEFAULT_THRESHOLDS, type FindingThresholds } from '../findings/thresholds';
import { ConfigError, ENV } from './env';

const Thresholds = z
  .strictObject(
    Object.fromEntries(
      Object.keys(DEFAULT_THRESHOLDS).map((name) => [name, z.number().positive().optional()]),
    ) as {
      [K in keyof FindingThresholds]: z.ZodOptional<z.ZodNumber>;
    },
  )
  .partial();

/**
 * Finding thresholds: the defaults, overridden by `PILLARWATCH_THRESHOLDS` JSON (e.g. `{"staleDays":21}`),
 * which the CDK stack fills from context and the local stack from its flags. A bad value stops start-up;
 * `cdk synth` calls this too (zod only, no AWS SDK), so it fails the synth instead of the deployment.
 */
export const parseThresholds = (raw: string | undefined): FindingThresholds => {
  if (!raw) return { ...DEFAULT_THRESHOLDS };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new ConfigError(`${ENV.thresholds} is not JSON: ${raw}`);
  }
  const parsed = Thresholds.safeParse(json);
  if (!parsed.success)
    throw new ConfigError(
      `${ENV.thresholds}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    );
  return { ...DEFAULT_THRESHOLDS, ...parsed.data } as FindingThresholds;
};
