import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { isProcessAlive } from './config-file';

/**
 * Node cannot ask the kernel to kill a child when its parent dies (PR_SET_PDEATHSIG), and a `kill -9` of
 * the stack runs no exit hook. So a tiny watchdog process sits beside the JVM: it polls whether its parent
 * (the stack) is still its parent, and when the stack is gone it kills the JVM and exits. Started with the
 * node binary and inline source, so it costs no transpiler and no file lookup.
 */
const WATCHDOG_SOURCE = `
const [jvm, pollMs] = process.argv.slice(1).map(Number);
const stack = process.ppid;
setInterval(() => {
  if (process.ppid === stack) return;
  try { process.kill(jvm, 'SIGKILL'); } catch {}
  process.exit(0);
}, pollMs);
`;

export const WATCHDOG_POLL_MS = 500;

/** Starts the watchdog for `child`; `release()` stops it (call it when the child is stopped normally). */
export function guardAgainstOrphaning(child: ChildProcess, pollMs = WATCHDOG_POLL_MS): { release(): void } {
  if (child.pid === undefined) return { release: () => undefined };
  const watchdog = spawn(process.execPath, ['-e', WATCHDOG_SOURCE, String(child.pid), String(pollMs)], {
    stdio: 'ignore',
  });
  // It must not keep the stack alive, nor outlive the JVM it guards.
  watchdog.unref();
  const release = () => {
    if (watchdog.exitCode === null && watchdog.signalCode === null) watchdog.kill('SIGKILL');
  };
  child.once('exit', release);
  return { release };
}

/**
 * The pid of a DynamoDB Local JVM is kept in its data dir: a JVM that survived its stack (its watchdog was
 * killed as well, or the machine ran an older version) holds the port's database files, and the next start
 * must kill it first. Only a process whose command line is DynamoDB Local's is killed: the pid may be reused.
 */
export async function killRecordedOrphan(pidFile: string): Promise<number | undefined> {
  const pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).trim());
  if (!Number.isInteger(pid) || pid <= 0 || !isProcessAlive(pid)) return undefined;
  if (!(await commandLineOf(pid)).includes('DynamoDBLocal')) return undefined;
  process.kill(pid, 'SIGKILL');
  // SIGKILL is asynchronous: wait (bounded by polls, not by a clock) until the files are free.
  for (let poll = 0; poll < 200 && isProcessAlive(pid); poll++) await sleep(50);
  await rm(pidFile, { force: true });
  return pid;
}

export const recordPid = (pidFile: string, pid: number) => writeFile(pidFile, `${pid}\n`);

/** The process's command line: /proc on Linux, `ps` elsewhere; empty when neither tells. */
async function commandLineOf(pid: number): Promise<string> {
  const proc = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => undefined);
  if (proc !== undefined) return proc.replace(/\0/g, ' ');
  return new Promise((resolve) =>
    execFile('ps', ['-o', 'command=', '-p', String(pid)], (error, stdout) => resolve(error ? '' : stdout)),
  );
}

const sleep = (ms: number) => new Promise((wake) => setTimeout(wake, ms));
