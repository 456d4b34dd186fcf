import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isProcessAlive, type LocalStackConfig, readLocalConfig } from '../../local/config-file';
import { freePort } from '../../local/parts';

/** `npm start` as its own process (tsx, without npm in between, so its pid is the stack's). */
export interface StackProcess {
  child: ChildProcess;
  config: LocalStackConfig;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
}

const POLL_MS = 250;
/** Polls, not a wall-clock budget: a slow machine only takes more of them. */
const MAX_START_POLLS = 1_200;

/**
 * A data dir for spawned stacks in memory (tmpfs) where the system has one: DynamoDB Local keeps its table in
 * SQLite there, and on disk each of its writes waits for the disk (an ingest or an erasure took twice as
 * long). A killed process leaves tmpfs files as it leaves disk files, which is all a crash test needs.
 */
export const stackDataDir = (prefix: string): Promise<string> =>
  mkdtemp(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), prefix));

/**
 * The JVM of DynamoDB Local in a spawned stack starts with the quick compiler only and the serial collector:
 * half the start-up time of the default (C2 and G1 pay off only for a long-running server, and each stack
 * here lives seconds).
 */
const QUICK_JVM = '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC';

export async function startStackProcess(dataDir: string, flags: string[] = []): Promise<StackProcess> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'bin/local-stack.ts',
      '--data-dir',
      dataDir,
      '--port',
      String(port),
      '--no-sample',
      ...flags,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, JAVA_TOOL_OPTIONS: QUICK_JVM } },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  for (let poll = 0; poll < MAX_START_POLLS; poll++) {
    if (child.exitCode !== null) throw new Error(`the stack exited with ${child.exitCode}: ${output}`);
    const config = await readLocalConfig(dataDir);
    // "Press Ctrl-C" ends the start-up: reconcile and the first sweep have been started by then.
    if (config && config.pid === child.pid && output.includes('Press Ctrl-C'))
      return { child, config, output: () => output };
    await sleep(POLL_MS);
  }
  child.kill('SIGKILL');
  throw new Error(`the stack did not start: ${output}`);
}

/** Resolves true as soon as `pid` is gone, false if it is still there after `polls` polls. */
export async function waitUntilGone(pid: number, polls = 120): Promise<boolean> {
  for (let poll = 0; poll < polls; poll++) {
    if (!isProcessAlive(pid)) return true;
    await sleep(POLL_MS);
  }
  return !isProcessAlive(pid);
}

export async function killHard(stack: StackProcess): Promise<void> {
  const exited = new Promise((resolve) => stack.child.once('exit', resolve));
  stack.child.kill('SIGKILL');
  await exited;
}

const sleep = (ms: number) => new Promise((wake) => setTimeout(wake, ms));
