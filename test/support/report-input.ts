import type { IngestManifest } from '../../shared/domain/manifest';

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
