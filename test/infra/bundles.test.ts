import { basename, join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bundleBudgetBytes, functionBuildOptions, REPO_ROOT } from '../../infra/bundling';
import { defaultProvider } from '../../shared/aws/lambda-credentials';
import { FUNCTIONS } from '../../shared/config/functions';

interface Bundle {
  bytes: number;
  inputs: string[];
}

/** Bundles a function exactly as the stack does (in memory) and lists what went in. */
async function bundle(name: string): Promise<Bundle> {
  const options = functionBuildOptions(join(REPO_ROOT, `functions/${name}.ts`), '/tmp/pillarwatch-bundle');
  const result = await build({ ...options, write: false, metafile: true });
  const js = result.outputFiles.find((file) => file.path.endsWith('.mjs'));
  if (!js) throw new Error(`esbuild wrote no .mjs for ${name}`);
  return { bytes: js.contents.length, inputs: Object.keys((result.metafile as Metafile).inputs) };
}

const fromPackage = (bundle: Bundle, name: string) =>
  bundle.inputs.filter((input) => input.includes(`node_modules/${name}/`));

const bundles: Record<string, Bundle> = {};

// Every Lambda entry point: a new function is budgeted the day it is added.
const FUNCTION_NAMES = Object.values(FUNCTIONS).map((fn) => basename(fn.entry, '.ts'));

beforeAll(async () => {
  for (const name of FUNCTION_NAMES) bundles[name] = await bundle(name);
}, 240_000);

describe('function bundles', () => {
  it.each(FUNCTION_NAMES)('keeps %s within its size budget', (name) => {
    expect(bundles[name]?.bytes).toBeLessThanOrEqual(bundleBudgetBytes(name));
  });

  it('keeps S3 and X-Ray out of the API bundle', () => {
    const api = bundles.api as Bundle;
    expect(fromPackage(api, '@aws-sdk/client-s3')).toEqual([]);
    expect(fromPackage(api, 'aws-xray-sdk-core')).toEqual([]);
    expect(fromPackage(api, '@aws-sdk/client-dynamodb').length).toBeGreaterThan(0);
  });

  it('replaces the SDK credential chain with the environment reader in every bundle', () => {
    for (const name of ['ingest', 'api']) {
      const functionBundle = bundles[name] as Bundle;
      expect(fromPackage(functionBundle, '@aws-sdk/credential-provider-node')).toEqual([]);
      expect(fromPackage(functionBundle, '@aws-sdk/credential-provider-ini')).toEqual([]);
      expect(fromPackage(functionBundle, '@aws-sdk/nested-clients')).toEqual([]);
      expect(functionBundle.inputs).toContain('shared/aws/lambda-credentials.ts');
    }
  });

  it('keeps the S3 client and the credential chain out of the uploads bundle: it signs with node:crypto', () => {
    const uploads = bundles.uploads as Bundle;
    expect(fromPackage(uploads, '@aws-sdk/client-s3')).toEqual([]);
    expect(fromPackage(uploads, '@aws-sdk/credential-provider-node')).toEqual([]);
    expect(fromPackage(uploads, '@smithy/signature-v4').length).toBeGreaterThan(0);
  });

  it('keeps zod out of the erase bundle: its config loader parses no thresholds', () => {
    expect(fromPackage(bundles.erase as Bundle, 'zod')).toEqual([]);
    expect(bundles.erase?.inputs).toContain('shared/config/erase-config.ts');
  });

  it('traces the ingest function: the X-Ray SDK is in its bundle', () => {
    expect(fromPackage(bundles.ingest as Bundle, 'aws-xray-sdk-core').length).toBeGreaterThan(0);
  });
});

describe('lambda-credentials', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });

  it('returns the credentials Lambda puts in the environment', async () => {
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_SESSION_TOKEN: 'token',
    });
    await expect(defaultProvider()()).resolves.toEqual({
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: 'secret',
      sessionToken: 'token',
    });
  });

  it('fails with a clear message when they are missing', async () => {
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    await expect(defaultProvider()()).rejects.toThrow(/read credentials only from the environment/);
  });
});
