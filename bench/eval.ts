/**
 * `npm run eval` (tsx bench/eval.ts): how well the findings and the calibrated model do on simulated members whose
 * official score comes from a hidden formula. Seeded and deterministic. Options: --members <n> (default 60),
 * --seed <n>, --formula <name> (one hidden formula only). Prints a summary and writes bench/out/eval-results.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { HIDDEN_FORMULAS } from './eval/formulas';
import {
  divergentMetrics,
  prospectiveMetrics,
  recalculationMetrics,
  runFindings,
  staleMetrics,
} from './eval/metrics';
import { buildWorld, type WorldConfig } from './eval/world';

const { values } = parseArgs({
  options: {
    members: { type: 'string', default: '60' },
    seed: { type: 'string', default: '20260601' },
    formula: { type: 'string' },
  },
});

const config: WorldConfig = {
  seed: Number(values.seed),
  members: Number(values.members),
  end: '2026-05-31',
  readingDays: 240,
  recalcDay: '2026-04-10',
  recalcFactor: 0.93,
  noise: 0.3,
};

const fixed = (value: number | null, digits = 2): string => (value === null ? '—' : value.toFixed(digits));

const started = performance.now();
const results = [];
for (const formula of HIDDEN_FORMULAS.filter((f) => !values.formula || f.name === values.formula)) {
  const world = buildWorld(config, formula);
  const { findings, events } = runFindings(world);
  const result = {
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
    prospectiveMae: prospectiveMetrics(world, findings),
  };
  results.push(result);

  const { stale, divergent, recalculation, prospectiveMae } = result;
  console.log(
    `\n${formula.name} (${formula.inModelFamily ? 'in' : 'NOT in'} the model's family): ${formula.description}`,
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
  for (const [bucket, mae] of Object.entries(prospectiveMae.byReadingsBefore))
    console.log(
      `  prospective MAE, ${bucket.padEnd(5)} readings before: brand ${fixed(mae.brand)} people ${fixed(mae.people)} insights ${fixed(mae.insights)} relationships ${fixed(mae.relationships)} total ${fixed(mae.total)} (raw total ${fixed(mae.rawTotal)}, ${mae.readings} readings)`,
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
