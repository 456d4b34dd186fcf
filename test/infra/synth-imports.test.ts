import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../infra/bundling';

/** The packages `cdk synth` (`infra/app.ts`) imports, from esbuild's import graph (packages left external). */
async function packagesImportedBySynth(): Promise<string[]> {
  const result = await build({
    entryPoints: ['infra/app.ts'],
    absWorkingDir: REPO_ROOT,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    write: false,
    metafile: true,
    logLevel: 'error',
  });
  const inputs = Object.values((result.metafile as Metafile).inputs);
  return [...new Set(inputs.flatMap((input) => input.imports.filter((i) => i.external).map((i) => i.path)))];
}

describe('cdk synth', () => {
  it('validates its context without loading the AWS SDK', async () => {
    const packages = await packagesImportedBySynth();
    expect(packages).toContain('aws-cdk-lib');
    expect(packages.filter((name) => name.startsWith('@aws-sdk/'))).toEqual([]);
  }, 60_000);
});
