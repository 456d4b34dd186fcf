import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROUTES } from '../../shared/api/routes';
import { loadApiConfig } from '../../shared/config/api-config';
import { environmentCredentials, s3PathStyle } from '../../shared/config/clients';
import { ConfigError, ENV, requiredEnv } from '../../shared/config/env';
import { loadEraseConfig } from '../../shared/config/erase-config';
import { FUNCTIONS, ROUTE_FUNCTIONS } from '../../shared/config/functions';
import { loadIngestConfig } from '../../shared/config/ingest-config';
import { loadReportConfig } from '../../shared/config/report-config';
import { loadSweepConfig } from '../../shared/config/sweep-config';
import { parseThresholds } from '../../shared/config/thresholds';
import { DEFAULT_ARCHIVE_LIMITS } from '../../shared/export/zip';
import { DEFAULT_THRESHOLDS } from '../../shared/findings/thresholds';
import { SERVICE_NAMES } from '../../shared/observability/names';

const REPO_ROOT = join(import.meta.dirname, '../..');
const TABLE = { TABLE_NAME: 'pillarwatch-table' };
const LOADERS = {
  ingest: loadIngestConfig,
  api: loadApiConfig,
  report: loadReportConfig,
  sweep: loadSweepConfig,
  erase: (env: Record<string, string>) => loadEraseConfig({ BUCKET_NAME: 'uploads', ...env }),
};

describe('required variables', () => {
  it.each(Object.entries(LOADERS))(
    '%s: a missing or empty TABLE_NAME stops start-up, naming it',
    (_, load) => {
      expect(() => load({})).toThrow(ConfigError);
      expect(() => load({})).toThrow(/^TABLE_NAME is not set/);
      expect(() => load({ TABLE_NAME: '' })).toThrow(/^TABLE_NAME is not set/);
    },
  );

  it('erase: a missing BUCKET_NAME stops start-up, naming it', () => {
    expect(() => loadEraseConfig(TABLE)).toThrow(/^BUCKET_NAME is not set/);
  });

  it('requiredEnv returns the value as set', () => {
    expect(requiredEnv({ TABLE_NAME: 't' }, ENV.tableName)).toBe('t');
  });
});

describe('loaders', () => {
  it('ingest: table, defaults, topic and archive limits', () => {
    expect(loadIngestConfig(TABLE)).toEqual({
      tableName: 'pillarwatch-table',
      thresholds: DEFAULT_THRESHOLDS,
      findingsTopicArn: undefined,
      archiveLimits: DEFAULT_ARCHIVE_LIMITS,
    });
    const config = loadIngestConfig({
      ...TABLE,
      FINDINGS_TOPIC_ARN: 'arn:aws:sns:eu-west-1:1:findings',
      PILLARWATCH_THRESHOLDS: '{"staleDays":21}',
      PILLARWATCH_MAX_ENTRIES: '100',
      PILLARWATCH_MAX_UNCOMPRESSED_MB: '512',
      PILLARWATCH_MAX_COMPRESSION_RATIO: '50',
    });
    expect(config.findingsTopicArn).toBe('arn:aws:sns:eu-west-1:1:findings');
    expect(config.thresholds.staleDays).toBe(21);
    expect(config.archiveLimits).toEqual({
      maxEntries: 100,
      maxTotalUncompressedBytes: 512 * 1024 ** 2,
      maxEntryUncompressedBytes: 512 * 1024 ** 2,
      maxCompressionRatio: 50,
    });
  });

  it('ingest: refuses a nonsense archive limit, naming the variable', () => {
    expect(() => loadIngestConfig({ ...TABLE, PILLARWATCH_MAX_ENTRIES: 'many' })).toThrow(
      /PILLARWATCH_MAX_ENTRIES must be a positive number, got 'many'/,
    );
    expect(() => loadIngestConfig({ ...TABLE, PILLARWATCH_MAX_COMPRESSION_RATIO: '-1' })).toThrow(
      /PILLARWATCH_MAX_COMPRESSION_RATIO/,
    );
  });

  it.each([
    ['api', loadApiConfig],
    ['report', loadReportConfig],
  ] as const)('%s: auth mode iam by default, as set, and refused when unknown', (_, load) => {
    expect(load(TABLE)).toEqual({
      tableName: 'pillarwatch-table',
      thresholds: DEFAULT_THRESHOLDS,
      authMode: 'iam',
    });
    expect(load({ ...TABLE, PILLARWATCH_AUTH_MODE: 'cognito' }).authMode).toBe('cognito');
    expect(load({ ...TABLE, PILLARWATCH_AUTH_MODE: 'off' }).authMode).toBe('off');
    expect(() => load({ ...TABLE, PILLARWATCH_AUTH_MODE: 'none' })).toThrow(
      /PILLARWATCH_AUTH_MODE must be iam, cognito or off, got 'none'/,
    );
  });

  it('sweep: table, thresholds and topic', () => {
    expect(
      loadSweepConfig({
        ...TABLE,
        FINDINGS_TOPIC_ARN: 'arn:topic',
        PILLARWATCH_THRESHOLDS: '{"minDelta":0.5}',
      }),
    ).toEqual({
      tableName: 'pillarwatch-table',
      thresholds: { ...DEFAULT_THRESHOLDS, minDelta: 0.5 },
      findingsTopicArn: 'arn:topic',
    });
  });

  it('erase: table, bucket and auth mode, no thresholds', () => {
    expect(loadEraseConfig({ ...TABLE, BUCKET_NAME: 'uploads', PILLARWATCH_AUTH_MODE: 'cognito' })).toEqual({
      tableName: 'pillarwatch-table',
      bucketName: 'uploads',
      authMode: 'cognito',
    });
  });
});

describe('parseThresholds', () => {
  it('overrides the defaults and refuses unknown or invalid values', () => {
    expect(parseThresholds(undefined)).toEqual(DEFAULT_THRESHOLDS);
    expect(parseThresholds('{"staleDays":21,"minDelta":0.5}')).toEqual({
      ...DEFAULT_THRESHOLDS,
      staleDays: 21,
      minDelta: 0.5,
    });
    expect(() => parseThresholds('{"staleDayz":21}')).toThrow(
      /PILLARWATCH_THRESHOLDS.*(staleDayz|Unrecognized)/,
    );
    expect(() => parseThresholds('{"staleDays":-1}')).toThrow(/PILLARWATCH_THRESHOLDS: staleDays/);
    expect(() => parseThresholds('fourteen')).toThrow(/PILLARWATCH_THRESHOLDS is not JSON/);
  });
});

describe('client settings', () => {
  it('turns on path-style S3 only for PILLARWATCH_S3_PATH_STYLE=1', () => {
    expect(s3PathStyle({})).toBe(false);
    expect(s3PathStyle({ PILLARWATCH_S3_PATH_STYLE: '0' })).toBe(false);
    expect(s3PathStyle({ PILLARWATCH_S3_PATH_STYLE: '1' })).toBe(true);
  });

  it('reads Lambda credentials only when both halves are set', () => {
    expect(environmentCredentials({ AWS_ACCESS_KEY_ID: 'AKID' })).toBeUndefined();
    expect(
      environmentCredentials({
        AWS_ACCESS_KEY_ID: 'AKID',
        AWS_SECRET_ACCESS_KEY: 's',
        AWS_SESSION_TOKEN: 't',
      }),
    ).toEqual({ accessKeyId: 'AKID', secretAccessKey: 's', sessionToken: 't' });
  });
});

describe('function registry', () => {
  it('names an existing entry file and a distinct service name per function', () => {
    for (const { entry } of Object.values(FUNCTIONS)) expect(existsSync(join(REPO_ROOT, entry))).toBe(true);
    expect(new Set(Object.values(SERVICE_NAMES)).size).toBe(Object.keys(FUNCTIONS).length);
    expect(SERVICE_NAMES.ingest).toBe(FUNCTIONS.ingest.serviceName);
  });

  it('gives every route a function', () => {
    for (const route of ROUTES) expect(FUNCTIONS[ROUTE_FUNCTIONS[route.target]]).toBeDefined();
  });
});

/** Every .ts file under a folder of the repository. */
const sources = (folder: string): string[] =>
  readdirSync(join(REPO_ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(folder, file));

describe('the one reader of process.env', () => {
  it('is shared/config: no other module under shared/ or functions/ reads the environment', () => {
    const readers = [...sources('shared'), ...sources('functions')].filter(
      (file) =>
        !file.startsWith(join('shared', 'config')) &&
        /process\.env/.test(readFileSync(join(REPO_ROOT, file), 'utf8')),
    );
    expect(readers.map((file) => relative('.', file))).toEqual([]);
  });
});
