import { describe, expect, it } from 'vitest';
import { PILLAR_LABELS } from '../../shared/domain/pillar-labels';
import { observedAtText, readRank, readScore } from '../../shared/readings/cells';
import { pillarOfLabel } from '../../shared/readings/labels';
import { parseReadings, parseReadingsJson, parseReadingsUpload } from '../../shared/readings/parse';
import {
  BOM,
  englishLongCsv,
  extensionHistory,
  germanLongCsvWithoutSections,
  germanWideCsv,
  polishWideCsv,
  spanishLongCsv,
  ssiPagePayload,
  teamCsv,
} from '../support/readings-fixtures';

const receivedAt = '2026-06-02T08:30:00.000Z';
const own = { default: 'jane' };
const read = (content: string | Uint8Array, fileName = 'readings') =>
  parseReadings(content, own, { receivedAt, fileName });

const member53 = { brand: 14.21, people: 12.5, insights: 11.3, relationships: 15.02 };

describe('cells as people write them', () => {
  it.each([
    ['14,2', 14.2],
    ['14.2', 14.2],
    [' 20,998 ', 20.998],
    ['53 de 100', 53],
    ['53 von 100', 53],
    ['53 out of 100', 53],
    ['53 z 100', 53],
    ['53 sur 100', 53],
    ['53/100', 53],
    ['-3', -3],
    ['\u22123,5', -3.5],
  ])('reads %j as %d', (text, value) => {
    expect(readScore(text)).toEqual({ value });
  });

  it('refuses what is no number, quoting it', () => {
    expect(readScore('x')).toEqual({ reason: "'x' is not a number" });
    expect(readScore('1.2.3')).toEqual({ reason: "'1.2.3' is not a number" });
  });

  it.each([
    ['Top 9%', 9],
    ['Top 9 %', 9],
    ['Top 9\u202f%', 9],
    ['Os 9% melhores', 9],
    ['Dans les 9 % premiers', 9],
    ['Top 9,5 %', 9.5],
  ])('reads the rank %j', (text, rank) => {
    expect(readRank(text)).toBe(rank);
  });

  it('turns dotted and slashed days into ISO, keeps a zoned time and drops a zoneless one', () => {
    expect(observedAtText('04.05.2026')).toBe('2026-05-04');
    expect(observedAtText('2026/05/04')).toBe('2026-05-04');
    expect(observedAtText('2026-05-04', '09:12Z')).toBe('2026-05-04T09:12Z');
    expect(observedAtText('2026-05-04', '09:12')).toBe('2026-05-04');
    expect(observedAtText('2026-05-04 09:12')).toBe('2026-05-04');
  });

  it('knows every pillar label of every language, and only that pillar', () => {
    for (const labels of Object.values(PILLAR_LABELS))
      for (const [pillar, label] of Object.entries(labels)) expect(pillarOfLabel(label), label).toBe(pillar);
  });

  it('knows the other wordings third-party pages quote for pt, es and fr (docs/readings.md)', () => {
    const quoted = {
      brand: [
        'estabelecer sua marca profissional',
        'Establece tu marca profesional',
        'Construire votre marque personnelle',
      ],
      people: ['localizar as pessoas certas', 'Trouver les bonnes personnes'],
      insights: [
        'interagir utilizando dados de análise',
        'interagir oferecendo insights',
        'Échanger des informations',
      ],
      relationships: [
        'cultivar relacionamentos de confiança',
        'criar relacionamentos',
        'Établir des relations',
      ],
    };
    for (const [pillar, labels] of Object.entries(quoted))
      for (const label of labels) expect(pillarOfLabel(label), label).toBe(pillar);
  });
});

describe('wide CSV', () => {
  it('reads a German sheet: BOM, `;`, decimal commas, dotted dates, German headers', () => {
    const bytes = new TextEncoder().encode(germanWideCsv());
    const { readings, rejected, shapes } = read(bytes);
    expect(rejected).toEqual([]);
    expect(shapes).toEqual(['wide-csv']);
    expect(readings.map((r) => [r.observedAt, r.overall, r.pillars])).toEqual([
      ['2026-05-04T00:00:00.000Z', 31.5, { brand: 14.2, people: 6.1, insights: 4.7, relationships: 6.5 }],
      ['2026-05-11T00:00:00.000Z', 32.75, { brand: 14.25, people: 6.5, insights: 5, relationships: 7 }],
    ]);
  });

  it('reads a Polish sheet whose decimal commas are quoted in a `,` file', () => {
    const [reading] = read(polishWideCsv()).readings;
    expect(reading?.pillars).toEqual({ brand: 14.2, people: 6.1, insights: 4.7, relationships: 6.5 });
  });

  it('names the real reason for a negative pillar', () => {
    const csv = 'date,overall,brand,people,insights,relationships\n2026-05-04,30,-1,11,10,10\n';
    expect(read(csv).rejected).toEqual([{ line: 2, reason: "pillar 'brand' is -1; pillars are 0–25" }]);
  });
});

describe('long CSV from SSI page scrapers', () => {
  it('reads one reading per capture, the section telling the member from the groups', () => {
    const { readings, rejected, shapes } = read(englishLongCsv());
    expect(rejected).toEqual([]);
    expect(shapes).toEqual(['long-csv']);
    expect(readings).toHaveLength(1);
    expect(readings[0]).toMatchObject({
      memberId: 'jane',
      observedAt: '2026-05-04T00:00:00.000Z',
      source: 'csv',
      overall: 53,
      pillars: member53,
      industry: {
        rank: 9,
        overall: 31,
        pillars: { brand: 9.1, people: 7.2, insights: 6.4, relationships: 8.3 },
      },
      network: { rank: 12, overall: 28 },
    });
  });

  it('reads the Spanish page: `53 de 100`, `Top 9 %`, `;`', () => {
    const [reading] = read(spanishLongCsv()).readings;
    expect(reading).toMatchObject({
      overall: 53,
      pillars: member53,
      industry: { rank: 9 },
      network: { rank: 12 },
    });
  });

  it('without sections, follows the page order; an unknown label takes the next pillar', () => {
    const [reading] = read(`${BOM}${germanLongCsvWithoutSections()}`).readings;
    expect(reading).toMatchObject({
      overall: 53,
      pillars: member53,
      industry: { rank: 9, pillars: { brand: 9.1 } },
    });
  });

  it('keeps two captures of a day apart and says which rows lack a pillar', () => {
    const second = englishLongCsv('2026-05-11', '10:00').split('\n').slice(1, 4).join('\n');
    const { readings, rejected } = read(`${englishLongCsv()}\n${second}`);
    expect(readings).toHaveLength(1);
    expect(rejected).toEqual([
      { line: 15, reason: 'no insights, relationships for the member among these rows' },
    ]);
  });
});

describe('JSON histories and the page JSON', () => {
  it('reads an extension history with numbers and page text, groups included', () => {
    const { readings, rejected, shapes } = read(JSON.stringify(extensionHistory()));
    expect(rejected).toEqual([]);
    expect(shapes).toEqual(['extension-history']);
    expect(readings.map((r) => [r.observedAt, r.overall, r.industry, r.network])).toEqual([
      ['2026-05-04T09:12:00.000Z', 53, { overall: 31, rank: 9 }, { overall: 28 }],
      ['2026-05-11T00:00:00.000Z', 54, undefined, undefined],
    ]);
  });

  it('dates a timestampless page JSON by the assumed time (a file’s mtime), flagged', () => {
    const { readings } = parseReadings(JSON.stringify(ssiPagePayload()), own, {
      receivedAt,
      assumedObservedAt: '2026-05-30T07:00:00.000Z',
    });
    expect(readings[0]).toMatchObject({ observedAt: '2026-05-30T07:00:00.000Z', observedAtAssumed: true });
  });

  it('keeps the typed form’s group figures and source (what a client read elsewhere)', () => {
    const body = {
      observedAt: '2026-05-04',
      overall: 53,
      pillars: member53,
      industry: { rank: 9, overall: 31 },
      source: 'csv',
    };
    const [reading] = parseReadingsJson(body, { only: 'jane' }, { receivedAt }).readings;
    expect(reading).toMatchObject({ source: 'csv', industry: { rank: 9, overall: 31 } });
  });
});

describe('team files', () => {
  it('assigns each row to its member and rejects the bad ones with line, member and reason', () => {
    const { readings, rejected, shapes } = parseReadings(teamCsv(), {}, { receivedAt });
    expect(shapes).toEqual(['team-csv']);
    expect(readings.map((r) => [r.memberId, r.observedAt.slice(0, 10), r.industry?.rank])).toEqual([
      ['ana', '2026-05-04', 9],
      ['ana', '2026-05-11', undefined],
      ['ben', '2026-05-04', 20],
    ]);
    expect(rejected).toEqual([
      { line: 5, member: 'ben', reason: "pillar 'people' is -1; pillars are 0–25" },
      { line: 6, member: '', reason: 'no member: name one with --member or give the file a member column' },
    ]);
  });

  it('in one member’s upload, refuses the rows of others', () => {
    const { readings, rejected } = parseReadingsUpload('ana', 'team.csv', teamCsv(), { receivedAt });
    expect(readings.map((r) => r.memberId)).toEqual(['ana', 'ana']);
    expect(rejected).toContainEqual({
      line: 4,
      member: 'ben',
      reason: "the row is for member 'ben', not 'ana'",
    });
  });
});

describe('unknown shapes', () => {
  it('name what was expected', () => {
    const [problem] = read('[1, 2]').rejected;
    expect(problem?.expected).toEqual(
      expect.arrayContaining([expect.stringMatching(/SSI page JSON/), expect.stringMatching(/long CSV/)]),
    );
  });
});
