import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from './build';

/**
 * The whole synthesized template as a reviewable file (`__snapshots__/pillarwatch.template.json.snap`: plain
 * JSON; the `.snap` suffix keeps the formatter off a generated file), so any change to the infrastructure
 * shows up as a diff in review. Update it on purpose with `npx vitest run -u`.
 *
 * Asset object keys are content hashes (of the function code, of CDK's own handlers) and change with every
 * code edit or CDK upgrade, so they are replaced by a placeholder, as in aws-cdk-examples' snapshot-testing
 * guide; the assertions tests cover what the functions are wired to.
 */
function normalisedTemplate(template: unknown): string {
  return JSON.stringify(template, null, 2).replace(/"[a-f0-9]{64}\.zip"/g, '"[ASSET HASH].zip"');
}

describe('template snapshot', () => {
  // Synthesis takes seconds on a busy machine; the unit project's default timeout is 5 s.
  it('matches the reviewed template', async () => {
    const template = Template.fromStack(buildTestApp().stack).toJSON();
    await expect(`${normalisedTemplate(template)}\n`).toMatchFileSnapshot(
      '__snapshots__/pillarwatch.template.json.snap',
    );
  }, 60_000);

  it('hides asset hashes and nothing else', () => {
    const hash = 'ab'.repeat(32);
    expect(normalisedTemplate({ S3Key: `${hash}.zip`, Note: hash })).toBe(
      JSON.stringify({ S3Key: '[ASSET HASH].zip', Note: hash }, null, 2),
    );
  });
});
