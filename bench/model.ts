/**
 * Model v1 timing on one member with five years of daily activity. Run: `npx tsx bench/model.ts`.
 * Prints the median of 20 runs for a full recompute, an incremental one (last 30 days plus the lookback) and a
 * calibration fit on 60 readings.
 */
import { type DayActivity, EVENT_KINDS, SIGNAL_NAMES } from '../shared/domain/kinds';
import { type OfficialReading, PILLARS } from '../shared/domain/pillars';
import { emptyProfile } from '../shared/domain/profile';
import { fitCalibration } from '../shared/model/calibration';
import { estimateDays } from '../shared/model/estimate';
import type { ObservedWindows } from '../shared/model/observed';
import { MODEL_LOOKBACK_DAYS } from '../shared/model/parameters';

const DAYS = 5 * 365;
const day = (n: number) => new Date(Date.UTC(2021, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

/** Deterministic pseudo-random numbers (xorshift32) so runs are comparable. */
let seed = 0x5eed;
const random = (): number => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 0x100000000;
};
const some = (mean: number) => Math.floor(random() * 2 * mean);

const days: DayActivity[] = [];
for (let n = 0; n < DAYS; n++) {
  if (random() < 0.2) continue;
  days.push({
    day: day(n),
    counts: Object.fromEntries(EVENT_KINDS.map((kind) => [kind, some(2)]).filter(([, c]) => c !== 0)),
    signals: Object.fromEntries(SIGNAL_NAMES.map((name) => [name, some(1)]).filter(([, c]) => c !== 0)),
  });
}
const to = day(DAYS - 1);
const observed: ObservedWindows = Object.fromEntries(
  EVENT_KINDS.map((kind) => [kind, [{ from: day(0), to }]]),
);
const profile = {
  ...emptyProfile(`${to}T00:00:00.000Z`),
  hasHeadline: true,
  skills: 10,
  filesPresent: ['Profile'],
};

const median = (run: () => unknown): number => {
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[10] as number;
};

const full = estimateDays({ days, profile, observed, to });
const from = day(DAYS - 30);
const recent = days.filter((d) => d.day >= day(DAYS - 30 - MODEL_LOOKBACK_DAYS));
const readings: OfficialReading[] = full
  .filter((_, i) => i % 30 === 0)
  .map((estimate, i) => ({
    memberId: 'bench',
    observedAt: `${estimate.day}T12:00:00.000Z`,
    receivedAt: `${estimate.day}T12:00:00.000Z`,
    source: 'typed',
    overall: estimate.total * 0.9 + 3,
    pillars: Object.fromEntries(
      PILLARS.map((p) => [p, estimate.pillars[p] * 0.9 + 0.75 + (i % 3) / 10]),
    ) as never,
    readingHash: String(i),
  }));

const results = {
  days: full.length,
  activeDays: days.length,
  fullMs: median(() => estimateDays({ days, profile, observed, to })),
  incremental30Ms: median(() => estimateDays({ days: recent, profile, observed, from, to })),
  calibrationReadings: readings.length,
  calibrationMs: median(() =>
    fitCalibration({ memberId: 'bench', readings, estimates: full, fittedAt: new Date().toISOString() }),
  ),
};
console.log(JSON.stringify(results, null, 2));
