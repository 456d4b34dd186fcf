/**
 * `npx tsx bench/eval-calibration.ts` [--members n] [--seed n]: calibration measured prospectively on the same
 * simulated worlds as `npm run eval` (bench/eval/calibration.ts), for the old fit (every reading alike, no prior)
 * and the new one (recency weights, pooled prior). Writes bench/out/eval-calibration.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { attributeRecalculations, detectRecalculationEvents } from '../shared/findings/recalculation';
import { type CalibrationVariant, prospectiveCalibration, thinMemberErrors } from './eval/calibration';
import { HIDDEN_FORMULAS } from './eval/formulas';
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

const VARIANTS: CalibrationVariant[] = [
  { name: 'unweighted, no prior (before #10)', pooled: false, halfLifeDays: Number.POSITIVE_INFINITY },
  { name: 'recency-weighted, no prior', pooled: false },
  { name: 'recency-weighted, pooled prior', pooled: true },
];

const fixed = (value: number | null | undefined): string => (value == null ? '—' : value.toFixed(2));
const row = (errors: Record<string, number | null>): string =>
  ['brand', 'people', 'insights', 'relationships', 'total'].map((s) => `${s} ${fixed(errors[s])}`).join('  ');

const results = [];
for (const formula of HIDDEN_FORMULAS) {
  const world = buildWorld(config, formula);
  // The population events, attributed to every member whose readings bracket them (as evaluateFindings does).
  const events = detectRecalculationEvents(
    new Map(world.members.map((m) => [m.memberId, { readings: m.readings, activity: m.activity }])),
  );
  const recalculations = world.members.flatMap((m) =>
    attributeRecalculations(m.memberId, m.readings, events),
  );
  console.log(`\n${formula.name} (${formula.inModelFamily ? 'in' : 'NOT in'} the model's family)`);
  const prospective = VARIANTS.map((variant) => prospectiveCalibration(world, variant, recalculations));
  for (const result of prospective) {
    console.log(`  ${result.variant}: ${result.readings} readings`);
    console.log(`    calibrated  ${row(result.calibrated)}`);
    console.log(`    raw         ${row(result.raw)}`);
    for (const [bucket, errors] of Object.entries(result.byReadings))
      console.log(`    ${bucket.padEnd(5)} readings (${errors.readings}): ${row(errors.calibrated)}`);
  }
  const thin = thinMemberErrors(world, recalculations, [0, 1, 2, 4, 10]);
  for (const [size, result] of Object.entries(thin))
    console.log(
      `  thin member, ${size.replace('readings', '')} reading(s), prior from the other ${world.members.length - 1}: ${row(result.calibrated)}  (raw total ${fixed(result.raw.total)}; expected total ${fixed(result.expectedTotal)})`,
    );
  results.push({ formula: formula.name, inModelFamily: formula.inModelFamily, prospective, thin });
}
const outDir = resolve('bench/out');
mkdirSync(outDir, { recursive: true });
writeFileSync(resolve(outDir, 'eval-calibration.json'), `${JSON.stringify({ config, results }, null, 2)}\n`);
