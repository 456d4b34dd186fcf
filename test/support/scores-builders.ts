import type {
  Calibration,
  DailyEstimate,
  Finding,
  OfficialReading,
  PillarScores,
} from '../../shared/domain/pillars';

/**
 * Builders for the scoring types, shared by the unit and integration tests of teams, findings and the
 * report, so a new required field is added in one place. Each takes only what a test varies.
 */

/** One value for all four pillars, or each pillar in the page's order. */
export const pillars = (
  brand: number,
  people = brand,
  insights = brand,
  relationships = brand,
): PillarScores => ({ brand, people, insights, relationships });

export const totalOf = (p: PillarScores): number => p.brand + p.people + p.insights + p.relationships;

export const officialReading = (
  memberId: string,
  observedAt: string,
  p: PillarScores,
  readingHash = `${memberId}-${observedAt}`,
): OfficialReading => ({
  memberId,
  observedAt,
  receivedAt: observedAt,
  source: 'typed',
  overall: totalOf(p),
  pillars: p,
  readingHash,
});

export const dailyEstimate = (day: string, p: PillarScores, modelVersion = 'v1'): DailyEstimate => ({
  day,
  modelVersion,
  pillars: p,
  total: totalOf(p),
  confidence: { ...pillars(1), total: 1 },
  contributions: { brand: {}, people: {}, insights: {}, relationships: {} },
});

/** The same line (slope 1) for every pillar. */
export const calibrationOf = (
  memberId: string,
  { intercept = 1, readings = 4, modelVersion = 'v1' } = {},
): Calibration => {
  const line = { slope: 1, intercept };
  return {
    memberId,
    modelVersion,
    fittedAt: '2026-03-01T00:00:00.000Z',
    readings,
    pillars: { brand: line, people: line, insights: line, relationships: line },
    mae: {} as Calibration['mae'],
  };
};

export const findingOf = (
  memberId: string,
  type: Finding['type'],
  from: string,
  to: string,
  evidence: Finding['evidence'] = {},
): Finding => ({
  memberId,
  type,
  pillar: 'overall',
  from,
  to,
  detectedAt: `${to}T00:00:00.000Z`,
  evidence,
});
