/**
 * `npm run eval` (tsx bench/eval.ts): the one evaluation of the findings and the calibrated model, on simulated
 * members whose official score comes from a hidden formula (bench/eval/formulas.ts), seeded and deterministic.
 * Per hidden formula and seed: STALE, DIVERGENT and RECALCULATION precision / recall and flag delays in data days,
 * prospective calibrated MAE per pillar and total (the weekly sweep's pooled prior, refits as readings arrive), and
 * the error of a member with 0 (1, 2, 4, 10) readings among calibrated teammates.
 *
 * Seeds: the tuning seed, on which thresholds and parameters may be looked at, and held-out seeds, to check that a
 * change helps beyond the world it was tried on (`drifting-sigmoid` is a held-out formula on every seed).
 * Options: --members <n> (default 60), --seeds <a,b,…> (default tuning and held-out), --formula <name>,
 * --half-life <days> and --level-half-life <days> (experiments: the calibration's recency and level half-lives),
 * --refit-every <days> (prospective refits; default 1, every reading day, as the API refits on each reading), --findings-only (skip the calibration
 * measures, which take most of the time), --dump (print each missed divergent run and false DIVERGENT alarm with
 * the detector's per-reading-day comparisons). Writes bench/out/eval-results.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { addDays } from '../shared/domain/days';
import type { Finding, FindingScope } from '../shared/domain/pillars';
import { divergentComparisons } from '../shared/findings/divergent';
import { type MemberScores, readingDay } from '../shared/findings/series';
import {
  type CalibrationOptions,
  prospectiveCalibration,
  sweepPriors,
  thinMemberErrors,
} from './eval/calibration';
import { HIDDEN_FORMULAS } from './eval/formulas';
import {
  divergentMetrics,
  populationRecalculations,
  recalculationMetrics,
  runFindings,
  staleMetrics,
} from './eval/metrics';
import { buildWorld, type WorldConfig } from './eval/world';

/** Each missed run and false alarm with what the detector compared on its scope, a week around it. */
const dumpDivergent = (
  divergent: ReturnType<typeof divergentMetrics>,
  scored: Map<string, MemberScores>,
  recalculations: readonly Finding[],
) => {
  const cases = [
    ...divergent.missedRuns.map((run) => ({ ...run, kind: `MISSED offset ${run.offset.toFixed(1)}` })),
    ...divergent.falseAlarms.map((alarm) => ({ ...alarm, kind: 'FALSE' })),
  ];
  for (const c of cases) {
    const member = scored.get(c.memberId);
    if (!member) continue;
    const comparisons = divergentComparisons(member, recalculations);
    console.log(`  ${c.kind} ${c.memberId} (${c.habit}) ${c.pillar} ${c.from}…${c.to}`);
    for (const scope of [c.pillar, 'overall'] as const) {
      const around = (comparisons.get(scope as FindingScope) ?? []).filter((comparison) => {
        const day = readingDay(comparison.reading);
        return day >= addDays(c.from, -7) && day <= addDays(c.to, 3);
      });
      console.log(
        `    ${scope.padEnd(13)} ${around
          .map(
            (x) =>
              `${readingDay(x.reading).slice(5)} ${(x.normalised - x.estimate).toFixed(1)}/${x.tolerance.toFixed(0)}${x.widenedBy.map((w) => w[0]).join('')}`,
          )
          .join('  ')}`,
      );
    }
  }
};

const TUNING_SEED = 20260601;
const HELD_OUT_SEEDS = [20261127];

const { values } = parseArgs({
  options: {
    members: { type: 'string', default: '60' },
    seeds: { type: 'string', default: [TUNING_SEED, ...HELD_OUT_SEEDS].join(',') },
    formula: { type: 'string' },
    'half-life': { type: 'string' },
    'level-half-life': { type: 'string' },
    'refit-every': { type: 'string' },
    'findings-only': { type: 'boolean', default: false },
    dump: { type: 'boolean', default: false },
  },
});

const seeds = values.seeds.split(',').map(Number);
const options: CalibrationOptions = {
  ...(values['half-life'] !== undefined ? { halfLifeDays: Number(values['half-life']) } : {}),
  ...(values['level-half-life'] !== undefined
    ? { levelHalfLifeDays: Number(values['level-half-life']) }
    : {}),
  ...(values['refit-every'] !== undefined ? { refitEveryDays: Number(values['refit-every']) } : {}),
};
const configFor = (seed: number): WorldConfig => ({
  seed,
  members: Number(values.members),
  end: '2026-05-31',
  readingDays: 240,
  recalcDay: '2026-04-10',
  recalcFactor: 0.93,
  noise: 0.3,
});

const fixed = (value: number | null | undefined, digits = 2): string =>
  value == null ? '—' : value.toFixed(digits);
const SCOPES = ['brand', 'people', 'insights', 'relationships', 'total'] as const;
const row = (errors: Record<string, number | null>): string =>
  SCOPES.map((s) => `${s} ${fixed(errors[s])}`).join('  ');

const started = performance.now();
const results = [];
for (const seed of seeds) {
  const config = configFor(seed);
  const role = seed === TUNING_SEED ? 'tuning seed' : 'held-out seed';
  for (const formula of HIDDEN_FORMULAS.filter((f) => !values.formula || f.name === values.formula)) {
    const world = buildWorld(config, formula);
    const { events, recalculations } = populationRecalculations(world);
    const priors = sweepPriors(world, recalculations, options);
    const finalPrior = [...priors.values()].at(-1);
    const scored = new Map<string, MemberScores>();
    const findings = runFindings(
      world,
      events,
      { ...(finalPrior ? { prior: finalPrior } : {}), ...options },
      scored,
    );
    const calibrationMeasures = values['findings-only']
      ? undefined
      : {
          prospective: prospectiveCalibration(world, recalculations, priors, options),
          thinMember: thinMemberErrors(world, recalculations, [0, 1, 2, 4, 10], options),
        };
    const result = {
      seed,
      role,
      formula: formula.name,
      inModelFamily: formula.inModelFamily,
      description: formula.description,
      members: world.members.length,
      habits: Object.fromEntries(
        ['daily', 'often', 'thin'].map((habit) => [
          habit,
          world.members.filter((m) => m.habit === habit).length,
        ]),
      ),
      quietWindows: world.members.reduce((sum, m) => sum + m.quiet.length, 0),
      bursts: world.members.reduce((sum, m) => sum + m.bursts.length, 0),
      readings: world.members.reduce((sum, member) => sum + member.readings.length, 0),
      rejectedReadings: world.rejectedReadings,
      stale: staleMetrics(world, findings),
      divergent: divergentMetrics(world, findings),
      recalculation: recalculationMetrics(world, findings),
      recalculationEvents: events,
      ...calibrationMeasures,
    };
    results.push(result);

    const { stale, divergent, recalculation } = result;
    console.log(
      `\n${formula.name} (${formula.inModelFamily ? 'in' : 'NOT in'} the model's family), ${role} ${seed}: ${formula.description}`,
    );
    console.log(
      `  members ${result.members} (${Object.entries(result.habits)
        .map(([h, n]) => `${n} ${h}`)
        .join(
          ', ',
        )}), ${result.quietWindows} quiet windows, ${result.bursts} bursts, readings ${result.readings} (${result.rejectedReadings} rejected)`,
    );
    console.log(
      `  STALE          precision ${fixed(stale.precision, 3)}  recall ${fixed(stale.recall, 3)}  (${stale.detected}/${stale.positives} plateaus ≥ 14 d, ${stale.falsePositives} false of ${stale.findings} findings, ${stale.shortFreezesFlagged} short freezes flagged); data days threshold→flag mean ${fixed(stale.daysFromThresholdToFlag.mean)}, p95 ${fixed(stale.daysFromThresholdToFlag.p95, 0)}, max ${fixed(stale.daysFromThresholdToFlag.max, 0)}`,
    );
    console.log(
      `  DIVERGENT      precision ${fixed(divergent.precision, 3)}  recall ${fixed(divergent.recall, 3)}  (${divergent.detected}/${divergent.positives} runs, ${divergent.falsePositives} false of ${divergent.findings} findings, ${divergent.duringFreezes} during freezes → strict precision ${fixed(divergent.strictPrecision, 3)}); data days run start→flag mean ${fixed(divergent.dataDaysFromRunStartToFlag.mean)}, p95 ${fixed(divergent.dataDaysFromRunStartToFlag.p95, 0)}, max ${fixed(divergent.dataDaysFromRunStartToFlag.max, 0)}`,
    );
    console.log(
      `  RECALCULATION  recall ${fixed(recalculation.recall, 3)}  (${recalculation.found}/${recalculation.expected} members bracketing the day, ${recalculation.foundWeeksApart}/${recalculation.expectedWeeksApart} with readings ≥ 7 days apart), false clusters ${recalculation.falseClusters.length}${recalculation.falseClusters.length ? ` (${recalculation.falseClusters.slice(0, 5).join(', ')})` : ''}; data days to first flag ${fixed(recalculation.dataDaysToFirstFlag, 0)}, per member mean ${fixed(recalculation.dataDaysToMemberFlag.mean)}, p95 ${fixed(recalculation.dataDaysToMemberFlag.p95, 0)}`,
    );
    if (values.dump) dumpDivergent(divergent, scored, recalculations);
    if (!calibrationMeasures) continue;
    const { prospective, thinMember } = calibrationMeasures;
    console.log(
      `  prospective MAE, all readings (${prospective.readings}, ${prospective.calibratedReadings} calibrated): ${row(prospective.calibrated)}  (raw total ${fixed(prospective.raw.total)})`,
    );
    console.log(
      `  prospective calibrated MAE (the ${prospective.calibratedReadings} readings scored with a calibration): ${row(prospective.calibratedOnly)}`,
    );
    for (const [bucket, errors] of Object.entries(prospective.byReadingsBefore))
      console.log(
        `    ${bucket.padEnd(4)} readings before (${errors.readings}, ${errors.calibratedReadings} calibrated): ${row(errors.calibrated)}`,
      );
    for (const [size, thin] of Object.entries(thinMember))
      console.log(
        `  member with ${size.replace('readings', '').padStart(2)} reading(s) among ${world.members.length - 1} calibrated: ${row(thin.calibrated)}  (raw total ${fixed(thin.raw.total)}; reported total ±${fixed(thin.expectedTotal)})`,
      );
  }
}
const seconds = (performance.now() - started) / 1000;
console.log(`\n${seconds.toFixed(1)} s`);
const outDir = resolve('bench/out');
mkdirSync(outDir, { recursive: true });
writeFileSync(
  resolve(outDir, 'eval-results.json'),
  `${JSON.stringify({ seeds, options, seconds, results }, null, 2)}\n`,
);
