import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  readSweepState,
  SWEEP_INTERVAL_MS,
  scheduleDailySweep,
  sweepStatePath,
} from '../../local/daily-sweep';

const HOUR = 60 * 60_000;
let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'pillarwatch-sweep-'));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

/** A fake clock and a fake timer the test fires by hand: nothing here depends on the machine's speed. */
function fakeTime(start: number) {
  let clock = start;
  const timers: { wake: () => void; at: number; cancelled: boolean }[] = [];
  return {
    now: () => clock,
    setTimer: (wake: () => void, ms: number) => {
      const timer = { wake, at: clock + ms, cancelled: false };
      timers.push(timer);
      return {
        cancel: () => {
          timer.cancelled = true;
        },
      };
    },
    pending: () => timers.filter((timer) => !timer.cancelled),
    /** Moves the clock to the next timer and fires it. */
    fireNext() {
      const timer = timers.shift();
      if (!timer) throw new Error('no timer set');
      clock = timer.at;
      timer.wake();
    },
  };
}

const T0 = Date.parse('2026-03-01T08:00:00Z');

describe('the local daily sweep', () => {
  it('sweeps at start when there was no sweep yet, records it, and again a day later', async () => {
    const time = fakeTime(T0);
    const runs: number[] = [];
    const schedule = scheduleDailySweep({
      dataDir,
      run: async () => {
        runs.push(time.now());
        return { members: 3, newFindings: 1 };
      },
      log: () => undefined,
      ...time,
    });
    await schedule.settled();
    expect(runs).toEqual([T0]);
    expect(await readSweepState(dataDir)).toEqual({
      lastSweepAt: new Date(T0).toISOString(),
      members: 3,
      newFindings: 1,
    });
    expect(time.pending().map((timer) => timer.at)).toEqual([T0 + SWEEP_INTERVAL_MS]);
    time.fireNext();
    await schedule.settled();
    expect(runs).toEqual([T0, T0 + SWEEP_INTERVAL_MS]);
    schedule.stop();
  });

  it('at start-up sweeps only when a day was missed, otherwise waits for the day to be up', async () => {
    const recent = { lastSweepAt: new Date(T0 - 5 * HOUR).toISOString(), members: 1, newFindings: 0 };
    await writeFile(sweepStatePath(dataDir), JSON.stringify(recent));
    const time = fakeTime(T0);
    let runs = 0;
    const run = async () => {
      runs += 1;
      return { members: 1, newFindings: 0 };
    };
    const fresh = scheduleDailySweep({ dataDir, run, log: () => undefined, ...time });
    await fresh.settled();
    expect(runs).toBe(0);
    expect(time.pending().map((timer) => timer.at)).toEqual([T0 + 19 * HOUR]);
    fresh.stop();

    const missed = { ...recent, lastSweepAt: new Date(T0 - 30 * HOUR).toISOString() };
    await writeFile(sweepStatePath(dataDir), JSON.stringify(missed));
    const late = scheduleDailySweep({ dataDir, run, log: () => undefined, ...fakeTime(T0) });
    await late.settled();
    expect(runs).toBe(1);
    late.stop();
  });

  it('a failed sweep is logged, not recorded, and tried again an hour later', async () => {
    const time = fakeTime(T0);
    const lines: string[] = [];
    let fail = true;
    const schedule = scheduleDailySweep({
      dataDir,
      run: async () => {
        if (fail) throw new Error('table unavailable');
        return { members: 2, newFindings: 0 };
      },
      log: (line) => lines.push(line),
      ...time,
    });
    await schedule.settled();
    expect(lines.at(-1)).toMatch(/Daily sweep failed .*table unavailable/);
    expect(await readSweepState(dataDir)).toBeUndefined();
    expect(time.pending().map((timer) => timer.at)).toEqual([T0 + HOUR]);
    fail = false;
    time.fireNext();
    await schedule.settled();
    expect((await readSweepState(dataDir))?.members).toBe(2);
    schedule.stop();
  });
});
