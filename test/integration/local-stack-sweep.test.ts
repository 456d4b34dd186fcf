import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readSweepState } from '../../local/daily-sweep';
import { writeExport } from '../../sample/generator';
import { runCliCapturing } from '../support/cli-run';
import { useLocalStack } from '../support/local-stack';
import { smallMember } from '../support/small-member';

const stack = useLocalStack();
const dataDir = await mkdtemp(join(tmpdir(), 'pillarwatch-sweep-cli-'));
afterAll(() => rm(dataDir, { recursive: true, force: true }));

const cli = (...argv: string[]) => runCliCapturing(argv);

describe('pillarwatch sweep', () => {
  it('runs the whole sweep against the running stack, prints one JSON document and records the sweep', async () => {
    const { path } = await writeExport(join(dataDir, 'export.zip'), smallMember({}));
    await stack.upload('sweep-cli', path);
    await stack.waitForIdle();
    // The stack the CLI finds through <data-dir>/local.json.
    await stack.writeCliConfig(dataDir);

    const result = await cli('sweep', '--json', '--data-dir', dataDir);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Sweeping every member');
    const answer = JSON.parse(result.stdout) as { members: number; newFindings: number; lastSweepAt: string };
    // The stack's table is this file's own: its one member was swept.
    expect(answer.members).toBe(1);
    expect(answer.newFindings).toBeGreaterThanOrEqual(0);
    expect(await readSweepState(dataDir)).toMatchObject({
      lastSweepAt: answer.lastSweepAt,
      members: answer.members,
    });

    const text = await cli('sweep', '--data-dir', dataDir);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^Swept \d+ member\(s\): \d+ new finding\(s\)/);
  });
});
