import { describe, expect, it } from 'vitest';
import { readingHash } from '../../shared/readings/normalise';
import { parsePlainReading, parseReadingsUpload } from '../../shared/readings/parse';
import { recordedSsiPayload } from '../support/ssi-page';

const receivedAt = '2026-06-02T08:30:00.000Z';

/** A live SSI page payload (June 2026), the one shown in docs/ssi-signals.md. */
const ssiPayload = recordedSsiPayload;

const upload = (fileName: string, content: string | Uint8Array, observedAt?: string) =>
  parseReadingsUpload('jane', fileName, content, { receivedAt, ...(observedAt ? { observedAt } : {}) });

describe('the SSI page JSON', () => {
  it('keeps every decimal, the ranks and the group averages, and assumes the upload time', () => {
    const { readings, rejected } = upload('ssi.json', JSON.stringify(ssiPayload()));
    expect(rejected).toEqual([]);
    expect(readings).toEqual([
      {
        memberId: 'jane',
        observedAt: receivedAt,
        observedAtAssumed: true,
        receivedAt,
        source: 'api-json',
        overall: 19.705751,
        pillars: { brand: 13.118002, people: 3.68, insights: 0.29999998, relationships: 2.6077502 },
        industry: { rank: 75, overall: 30.99 },
        network: { rank: 81, overall: 32.72 },
        readingHash: readingHash(receivedAt, 19.705751, {
          brand: 13.118002,
          people: 3.68,
          insights: 0.29999998,
          relationships: 2.6077502,
        }),
      },
    ]);
  });

  it('maps subScores by pillar name, not by position', () => {
    const payload = ssiPayload();
    payload.memberScore.subScores.reverse();
    const [reading] = upload('ssi.json', JSON.stringify(payload)).readings;
    expect(reading?.pillars).toEqual({
      brand: 13.118002,
      people: 3.68,
      insights: 0.29999998,
      relationships: 2.6077502,
    });
  });

  it('reads the payload inside the Unipile wrapper, as bytes with a BOM', () => {
    const wrapped = `\uFEFF${JSON.stringify({ object: 'LinkedinRawData', data: ssiPayload() })}`;
    const { readings } = upload('unipile.json', new TextEncoder().encode(wrapped));
    expect(readings.map((reading) => [reading.source, reading.overall])).toEqual([['api-json', 19.705751]]);
  });

  it('accepts a payload without groupScore, and keeps group pillars, size and industry when sent', () => {
    const bare = ssiPayload() as Partial<ReturnType<typeof ssiPayload>>;
    delete bare.groupScore;
    const [plain] = upload('ssi.json', JSON.stringify(bare)).readings;
    expect(plain).not.toHaveProperty('industry');
    expect(plain).not.toHaveProperty('network');

    const rich = ssiPayload();
    rich.groupScore[0] = {
      groupType: 'INDUSTRY',
      rank: 12,
      score: {
        overall: 41.5,
        subScores: [
          { pillar: 'PROFESSIONAL_BRAND', score: 11.1 },
          { pillar: 'STRONG_RELATIONSHIP', score: 9.9 },
        ] as never[],
      },
      groupSize: 1200,
      industry: 'Software Development',
    } as never;
    const [reading] = upload('ssi.json', JSON.stringify(rich)).readings;
    expect(reading?.industry).toEqual({
      rank: 12,
      overall: 41.5,
      pillars: { brand: 11.1, relationships: 9.9 },
      groupSize: 1200,
      industry: 'Software Development',
    });
  });

  it('takes the observation time from the payload or the upload option, the option winning', () => {
    const own = { ...ssiPayload(), observedAt: '2026-05-30T07:00:00+02:00' };
    const [fromPayload] = upload('ssi.json', JSON.stringify(own)).readings;
    expect(fromPayload?.observedAt).toBe('2026-05-30T05:00:00.000Z');
    expect(fromPayload).not.toHaveProperty('observedAtAssumed');
    const [fromOption] = upload('ssi.json', JSON.stringify(own), '2026-05-31').readings;
    expect(fromOption?.observedAt).toBe('2026-05-31T00:00:00.000Z');
  });

  it('names the missing pillar', () => {
    const payload = ssiPayload();
    payload.memberScore.subScores = payload.memberScore.subScores.filter(
      (s) => s.pillar !== 'FIND_RIGHT_PEOPLE',
    );
    expect(upload('ssi.json', JSON.stringify(payload)).rejected).toEqual([
      { reason: "memberScore.subScores has no 'FIND_RIGHT_PEOPLE'" },
    ]);
  });

  it('rejects structure errors with the field path', () => {
    const payload = { memberScore: { overall: '19.7', subScores: [] } };
    const [problem] = upload('ssi.json', JSON.stringify(payload)).rejected;
    expect(problem?.reason).toMatch(/^memberScore\.overall: /);
  });
});

describe('plain readings', () => {
  const plain = {
    observedAt: '2026-05-20T09:15:00Z',
    overall: 20,
    pillars: { brand: 13.118002, people: 3.68, insights: 0.29999998, relationships: 2.6077502 },
  };

  it('accepts an overall that is the rounded pillar sum (20 for 19.705751)', () => {
    const result = parsePlainReading('jane', plain, receivedAt);
    expect(result).toMatchObject({
      ok: true,
      reading: { source: 'typed', observedAt: '2026-05-20T09:15:00.000Z', overall: 20 },
    });
  });

  it.each([
    [{ ...plain, pillars: { ...plain.pillars, brand: 26.3 } }, "pillar 'brand' is 26.3; pillars are 0–25"],
    [{ ...plain, pillars: { ...plain.pillars, people: -1 } }, "pillar 'people' is -1; pillars are 0–25"],
    [
      { ...plain, overall: 101, pillars: { brand: 25, people: 25, insights: 25, relationships: 25 } },
      'overall is 101; the SSI is 0–100',
    ],
    [
      { ...plain, overall: 22 },
      'overall is 22 but the pillars sum to 19.71; they may differ by at most 1 point',
    ],
    [
      { ...plain, overall: 18.6 },
      'overall is 18.6 but the pillars sum to 19.71; they may differ by at most 1 point',
    ],
    [{ ...plain, observedAt: '2026-02-30' }, "observedAt '2026-02-30' is not a real calendar date and time"],
    [
      { ...plain, observedAt: '2026-05-20 09:15' },
      "observedAt '2026-05-20 09:15' is not a date (YYYY-MM-DD) or an ISO date-time with a zone",
    ],
    [
      { ...plain, observedAt: '2026-06-10' },
      "observedAt '2026-06-10' is after the upload time 2026-06-02T08:30:00.000Z",
    ],
  ])('rejects %j with a message naming the field', (body, reason) => {
    expect(parsePlainReading('jane', body, receivedAt)).toEqual({ ok: false, reason });
  });

  it('rejects unknown and missing fields', () => {
    expect(parsePlainReading('jane', { ...plain, pillars: { brand: 1 } }, receivedAt)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^pillars\.people: /),
    });
  });

  it('gives the same hash to the same reading from another source, a different one when a value moves', () => {
    const typed = parsePlainReading('jane', { ...plain, overall: 19.705751 }, receivedAt);
    const later = parsePlainReading('jane', { ...plain, overall: 19.705751 }, '2026-06-03T00:00:00Z');
    const fromPage = upload('ssi.json', JSON.stringify(ssiPayload()), plain.observedAt).readings[0];
    const moved = parsePlainReading(
      'jane',
      { ...plain, overall: 19.705751, pillars: { ...plain.pillars, people: 3.680001 } },
      receivedAt,
    );
    if (!typed.ok || !later.ok || !moved.ok) throw new Error('expected valid readings');
    expect(typed.reading.readingHash).toMatch(/^[0-9a-f]{14}$/);
    expect(later.reading.readingHash).toBe(typed.reading.readingHash);
    expect(fromPage?.readingHash).toBe(typed.reading.readingHash);
    expect(moved.reading.readingHash).not.toBe(typed.reading.readingHash);
  });

  it('reads a JSON array, reporting bad items by index and keeping duplicates once', () => {
    const items = [plain, { ...plain, overall: 50 }, plain, { ...plain, observedAt: '2026-05-21' }];
    const { readings, rejected } = upload('readings.json', JSON.stringify(items));
    expect(readings.map((reading) => reading.observedAt)).toEqual([
      '2026-05-20T09:15:00.000Z',
      '2026-05-21T00:00:00.000Z',
    ]);
    expect(rejected).toEqual([
      { item: 1, reason: 'overall is 50 but the pillars sum to 19.71; they may differ by at most 1 point' },
    ]);
  });
});

describe('CSV readings', () => {
  it('reads one reading per row and reports a bad row with its line', () => {
    const csv = [
      'Date,Overall,Brand,People,Insights,Relationships',
      '2026-05-01,19.705751,13.118002,3.68,0.29999998,2.6077502',
      '2026-05-02T06:00:00Z,20,13.2,3.7,0.4,2.7',
      '2026-05-03,20,13.2,x,0.4,2.7',
      '',
      '2026-05-04,20,30,3.7,0.4,2.7',
    ].join('\r\n');
    const { readings, rejected } = upload('history.csv', csv);
    expect(readings.map((r) => [r.source, r.observedAt, r.overall, r.pillars.brand])).toEqual([
      ['csv', '2026-05-01T00:00:00.000Z', 19.705751, 13.118002],
      ['csv', '2026-05-02T06:00:00.000Z', 20, 13.2],
    ]);
    expect(rejected).toEqual([
      { line: 4, reason: "people 'x' is not a number" },
      { line: 6, reason: "pillar 'brand' is 30; pillars are 0–25" },
    ]);
  });

  it('accepts the columns in any order and refuses a file without the header', () => {
    const reordered = 'overall,date,relationships,insights,people,brand\n19.7,2026-05-01,2.6,0.3,3.7,13.1\n';
    expect(upload('h.csv', reordered).readings[0]?.pillars).toEqual({
      brand: 13.1,
      people: 3.7,
      insights: 0.3,
      relationships: 2.6,
    });
    expect(upload('h.csv', '2026-05-01,19.7,13.1,3.7,0.3,2.6\n')).toMatchObject({
      readings: [],
      rejected: [
        {
          reason:
            'the CSV header must name date,overall,brand,people,insights,relationships; missing: date, overall, brand, people, insights, relationships',
          expected: expect.arrayContaining([
            expect.stringMatching(/^a long CSV/),
            expect.stringMatching(/^a team CSV/),
          ]),
        },
      ],
      shapes: [],
    });
  });

  it('refuses text that is neither JSON nor a readings CSV, and broken JSON', () => {
    expect(upload('x.json', '').rejected).toEqual([{ reason: 'the file is empty' }]);
    expect(upload('x.json', '{"memberScore": ').rejected[0]?.reason).toMatch(/^not valid JSON/);
    expect(upload('x.json', '{"hello": 1}').rejected).toEqual([
      {
        reason:
          'neither the SSI page JSON (memberScore, subScores) nor a plain reading (observedAt, overall, pillars)',
        // The wording stays (manifests quote it); what would have been read is listed beside it.
        expected: expect.arrayContaining([expect.stringMatching(/^a browser extension history/)]),
      },
    ]);
  });
});
