import { addDays } from '../../shared/domain/days';
import type { IngestManifest } from '../../shared/domain/manifest';
import { type DailyEstimate, PILLARS, type PillarScores } from '../../shared/domain/pillars';

/** Smooth, distinct pillar curves for day `index`: easy to see on the chart, every value inside 0–25. */
export const pillarsOn = (index: number, offset = 0): PillarScores => ({
  brand: 12 + 6 * Math.sin(index / 40) + offset,
  people: 9 + 4 * Math.cos(index / 55) + offset,
  insights: 6 + 5 * Math.sin(index / 23) + offset,
  relationships: 15 + 3 * Math.cos(index / 31) + offset,
});

export const sum = (pillars: PillarScores): number =>
  PILLARS.reduce((total, pillar) => total + pillars[pillar], 0);

/** `days` daily estimates from `firstDay` on, following `pillarsOn`. */
export const syntheticEstimates = (firstDay: string, days: number): DailyEstimate[] =>
  Array.from({ length: days }, (_, index) => {
    const pillars = pillarsOn(index);
    return {
      day: addDays(firstDay, index),
      modelVersion: 'v1',
      pillars,
      total: sum(pillars),
      confidence: { brand: 1, people: 1, insights: 1, relationships: 1, total: 1 },
      contributions: { brand: {}, people: {}, insights: {}, relationships: {} },
    };
  });

/** A PARTIAL manifest with a rejected row, an unreadable file and an ignored one: the report's richest case. */
export const reportManifest = (overrides: Partial<IngestManifest> = {}): IngestManifest => ({
  memberId: 'jane',
  objectKey: 'exports/jane/Complete_LinkedInDataExport.zip',
  status: 'PARTIAL',
  startedAt: '2026-05-03T14:01:58.000Z',
  finishedAt: '2026-05-03T14:02:01.500Z',
  durationMs: 3500,
  exportedAt: '2026-05-02T22:10:00.000Z',
  filesRecognised: [
    {
      path: 'Comments.csv',
      type: 'Comments',
      rows: 1200,
      rejected: 2,
      undated: 1,
      samples: [
        { file: 'Comments.csv', line: 17, reason: 'unparseable date' },
        { file: 'Comments.csv', line: 90, reason: 'date after the export' },
      ],
    },
    { path: 'Reactions.csv', type: 'Reactions', rows: 3400, rejected: 0, undated: 0, samples: [] },
    {
      path: 'Votes.csv',
      type: 'Votes',
      rows: 0,
      rejected: 0,
      undated: 0,
      samples: [],
      error: "header lacks 'Date'",
    },
  ],
  filesIgnored: [{ path: 'Ad_Targeting.csv', reason: 'not activity' }],
  rowsPerKind: { comment: 1197, reaction: 3400 },
  undatedRows: 1,
  rejectedRows: 2,
  coverage: {},
  daysWritten: 800,
  writeRequests: 40,
  ...overrides,
});
