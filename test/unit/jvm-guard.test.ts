import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isProcessAlive } from '../../local/config-file';
import { killRecordedOrphan } from '../../local/jvm-guard';

const dir = await mkdtemp(join(tmpdir(), 'pillarwatch-guard-'));
const children: ChildProcess[] = [];
afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

/** A long-lived process whose command line carries `marker` (as the JVM's carries DynamoDBLocal.jar). */
function idleProcess(marker: string): ChildProcess {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', marker], { stdio: 'ignore' });
  children.push(child);
  return child;
}

async function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise((resolve) => child.once('exit', resolve));
}

describe('a previous run’s DynamoDB Local recorded in the data dir', () => {
  it('is killed on start when its command line is DynamoDB Local’s, and the pid file is removed', async () => {
    const orphan = idleProcess('DynamoDBLocal.jar');
    const pidFile = join(dir, 'orphan.pid');
    await writeFile(pidFile, `${orphan.pid}\n`);
    expect(await killRecordedOrphan(pidFile)).toBe(orphan.pid);
    await exited(orphan);
    expect(orphan.signalCode).toBe('SIGKILL');
    await expect(readFile(pidFile, 'utf8')).rejects.toThrow();
  });

  it('is left alone when the pid now belongs to another program (pids are reused)', async () => {
    const stranger = idleProcess('something-else');
    const pidFile = join(dir, 'reused.pid');
    await writeFile(pidFile, `${stranger.pid}\n`);
    expect(await killRecordedOrphan(pidFile)).toBeUndefined();
    expect(isProcessAlive(stranger.pid as number)).toBe(true);
  });

  it('does nothing without a pid file', async () => {
    expect(await killRecordedOrphan(join(dir, 'missing.pid'))).toBeUndefined();
  });
});
