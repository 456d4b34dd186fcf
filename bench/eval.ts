/**
 * `npm run eval` (tsx bench/eval.ts): how well the findings and the calibrated model do on simulated members whose
 * official score comes from a hidden formula. Seeded and deterministic. Options: --members <n> (default 60),
 * --seed <n>. Prints a summary and writes bench/out/eval-results.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { HIDDEN_FORMULAS } from './eval/formulas';
import {
  calibrationMetrics,
  divergentMetrics,
  recalculationMetrics,
  runFindings,
  staleMetrics,
} from './eval/metrics';
import { buildWorld, type WorldConfig } from './eval/world';

const { values } = parseArgs({
  options: { members: { type: 'string', default: '60' }, seed: { type: 'string', default: '20260601' } },
});

const config: WorldConfig = {
  seed: Number(values.seed),
  members: Number(values.members),
  end: '2026-05-31',
  readingDays: 240,
  recalcDay: '2026-04-10',
  recalcFactor: 0.93,
  noise: 0.1,
};

const fixed = (value: number | null, digits = 2): string => (value === null ? '—' : value.toFixed(digits));

const started = performance.now();
const results = [];
for (const formula of HIDDEN_FORMULAS) {
  const world = buildWorld(config, formula);
  const findings = runFindings(world);
  const result = {
    formula: formula.name,
    inModelFamily: formula.inModelFamily,
    description: formula.description,
    members: world.members.length,
    readings: world.members.reduce((sum, member) => sum + member.readings.length, 0),
    rejectedReadings: world.rejectedReadings,
    stale: staleMetrics(world, findings),
    divergent: divergentMetrics(world, findings),
    divergentWithoutRecalculationNormalising: divergentMetrics(world, runFindings(world, false)),
    recalculation: recalculationMetrics(world, findings),
    calibratedMae: calibrationMetrics(world, [5, 10, 30]),
  };
  results.push(result);

  const { stale, divergent, recalculation, calibratedMae } = result;
  console.log(
    `\n${formula.name} (${formula.inModelFamily ? 'in' : 'NOT in'} the model's family): ${formula.description}`,
  );
  console.log(
    `  members ${result.members}, readings ${result.readings} (${result.rejectedReadings} rejected)`,
  );
  console.log(
    `  STALE  precision ${fixed(stale.precision, 3)}  recall ${fixed(stale.recall, 3)}  (${stale.detected}/${stale.positives} plateaus ≥ 14 d, ${stale.falsePositives} false of ${stale.findings} findings, ${stale.shortFreezesFlagged} short freezes flagged)`,
  );
  console.log(
    `         days threshold→flag: mean ${fixed(stale.daysFromThresholdToFlag.mean)}, p95 ${fixed(stale.daysFromThresholdToFlag.p95, 0)}, max ${fixed(stale.daysFromThresholdToFlag.max, 0)}, ≤ 1 day ${fixed(stale.daysFromThresholdToFlag.withinOneDay, 3)}; readings skipped before the flag: max ${fixed(stale.readingsBetweenThresholdAndFlag.max, 0)}`,
  );
  console.log(
    `  DIVERGENT false alarms ${divergent.falseAlarms} (${divergent.membersWithFalseAlarm} members, ${fixed(divergent.falseAlarmMemberShare, 3)}; ${fixed(divergent.falseAlarmsPer1000ReadingDays)} per 1000 reading days), ${divergent.duringFreezes} during freezes; without recalculation normalising: ${result.divergentWithoutRecalculationNormalising.falseAlarms}`,
  );
  console.log(
    `  RECALCULATION found ${recalculation.found}/${recalculation.expected} members at the step, ${recalculation.findingsOnOtherDays} on other days`,
  );
  for (const [after, mae] of Object.entries(calibratedMae))
    console.log(
      `  calibrated MAE ${after.padEnd(7)} brand ${fixed(mae.brand)} people ${fixed(mae.people)} insights ${fixed(mae.insights)} relationships ${fixed(mae.relationships)} total ${fixed(mae.total)} (raw per pillar ${fixed(mae.raw)}, ${mae.members} members)`,
    );
}
const seconds = (performance.now() - started) / 1000;
console.log(`\n${seconds.toFixed(1)} s`);
const outDir = resolve('bench/out');
mkdirSync(outDir, { recursive: true });
writeFileSync(
  resolve(outDir, 'eval-results.json'),
  `${JSON.stringify({ config, seconds, results }, null, 2)}\n`,
);
