import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isProcessAlive } from '../../local/config-file';
import { jvmPidFile } from '../../local/parts';
import { killHard, type StackProcess, startStackProcess, waitUntilGone } from '../support/spawned-stack';

/** `npm start` killed the hard way (kill -9), as a crash or an impatient user does, then started again. */

const dataDir = await mkdtemp(join(tmpdir(), 'pillarwatch-crash-'));
const running: StackProcess[] = [];
afterAll(async () => {
  for (const stack of running) if (stack.child.exitCode === null) stack.child.kill('SIGTERM');
  await rm(dataDir, { recursive: true, force: true });
});

const jvmPid = async () => Number((await readFile(jvmPidFile(join(dataDir, 'dynamodb')), 'utf8')).trim());

describe('kill -9 of the local stack', () => {
  it('takes the DynamoDB Local JVM with it', async () => {
    const stack = await startStackProcess(dataDir);
    running.push(stack);
    const jvm = await jvmPid();
    expect(isProcessAlive(jvm)).toBe(true);
    await killHard(stack);
    // Up to 30 s of polls; passes as soon as the JVM is gone.
    expect(await waitUntilGone(jvm)).toBe(true);
  });
});
