/**
 * Readings files as people have them (docs/readings.md): a German spreadsheet with `;` and decimal commas, a
 * scraper's long CSV in several languages, an extension's history, a sales-ops team file.
 */

/** Excel's UTF-8 byte-order mark. */
export const BOM = '\uFEFF';

/** A German spreadsheet's export: `;`, decimal commas, German headers, a BOM, CRLF. */
export const germanWideCsv = (): string =>
  `${BOM}${[
    'Datum;Gesamt;Marke;Personen;Einblicke;Beziehungen',
    '04.05.2026;31,5;14,2;6,1;4,7;6,5',
    '11.05.2026;32,75;14,25;6,5;5;7',
  ].join('\r\n')}\r\n`;

/** A Polish sheet saved with `,` separators: the decimal commas are quoted. */
export const polishWideCsv = (): string =>
  ['Data,Ogółem,Marka,Osoby,Wnioski,Relacje', '2026-05-04,"31,5","14,2","6,1","4,7","6,5"'].join('\n');

/** A scraper's rows for one capture of the English page, with the groups' repeated pillar labels. */
export const englishLongCsv = (date = '2026-05-04', time = '09:12'): string =>
  [
    'date,time,section,label,value',
    `${date},${time},Your Social Selling Index,Current Social Selling Index,53 out of 100`,
    `${date},${time},Your Social Selling Index,Establish your professional brand,"14,21"`,
    `${date},${time},Your Social Selling Index,Find the right people,12.5`,
    `${date},${time},Your Social Selling Index,Engage with insights,11.3`,
    `${date},${time},Your Social Selling Index,Build relationships,"15,02"`,
    `${date},${time},Industry SSI,Industry SSI rank,Top 9%`,
    `${date},${time},Industry SSI,Sales professionals in your industry have an average SSI of,31`,
    `${date},${time},Industry SSI,Establish your professional brand,9.1`,
    `${date},${time},Industry SSI,Find the right people,7.2`,
    `${date},${time},Industry SSI,Engage with insights,6.4`,
    `${date},${time},Industry SSI,Build relationships,8.3`,
    `${date},${time},Network SSI,Network SSI rank,Top 12%`,
    `${date},${time},Network SSI,People in your network have an average SSI of,28`,
  ].join('\n');

/** The same capture from the Spanish page: `53 de 100`, `Top 9 %` with a narrow no-break space, `;`. */
export const spanishLongCsv = (): string =>
  [
    'fecha;hora;sección;etiqueta;valor',
    '2026-05-04;09:12;Tu Social Selling Index;Social Selling Index actual;53 de 100',
    '2026-05-04;09:12;Tu Social Selling Index;Establecer tu marca profesional;14,21',
    '2026-05-04;09:12;Tu Social Selling Index;Encontrar a las personas adecuadas;12,5',
    '2026-05-04;09:12;Tu Social Selling Index;Interactuar con información;11,3',
    '2026-05-04;09:12;Tu Social Selling Index;Establecer relaciones;15,02',
    '2026-05-04;09:12;SSI del sector;Clasificación del SSI del sector;Top 9\u202f%',
    '2026-05-04;09:12;SSI de la red;Clasificación del SSI de la red;Top 12\u202f%',
  ].join('\n');

/**
 * A German scrape without a section column: the page's order tells the member's pillars (first) from the
 * industry's (repeated), and an unverifiable label takes the next pillar in the page's order.
 */
export const germanLongCsvWithoutSections = (): string =>
  [
    'Datum;Uhrzeit;Bezeichnung;Wert',
    '2026-05-04;09:12;Aktueller Social Selling Index;53 von 100',
    '2026-05-04;09:12;Ihre professionelle Marke aufbauen;14,21',
    '2026-05-04;09:12;Gezielt die richtigen Personen finden;12,5',
    '2026-05-04;09:12;Durch Einblicke Interesse wecken;11,3',
    '2026-05-04;09:12;Vertrauen schaffen (neu formuliert);15,02',
    '2026-05-04;09:12;Branchen-SSI-Rang;Top 9 %',
    '2026-05-04;09:12;Ihre professionelle Marke aufbauen;9,1',
  ].join('\n');

/** A browser extension's history: `{date, parsed: {…}}`, numbers and the page's text mixed. */
export const extensionHistory = () => [
  {
    date: '2026-05-04T09:12:00.000Z',
    parsed: {
      overall: 53,
      prof_brand: 14.21,
      find_right_people: 12.5,
      insight_engagement: 11.3,
      relationship: 15.02,
      industry: { overall: 31, rank: 'Top 9%' },
      network: 28,
    },
  },
  {
    date: '2026-05-11',
    parsed: {
      overall: '54 de 100',
      prof_brand: '14,5',
      find_right_people: '12,6',
      insight_engagement: '11,4',
      relationship: '15,1',
    },
  },
];

/** A sales-ops lead's file: one row per member and date, with a bad row and a row for no one. */
export const teamCsv = (members: [string, string] = ['ana', 'ben']): string =>
  [
    'member,date,overall,brand,people,insights,relationships,industry rank,network rank',
    `${members[0]},2026-05-04,53,14.21,12.5,11.3,15.02,9,12`,
    `${members[0]},2026-05-11,54,14.5,12.6,11.4,15.1,,`,
    `${members[1]},2026-05-04,40,10,10,10,10,20,25`,
    `${members[1]},2026-05-11,41,10,-1,10,10,,`,
    `,2026-05-11,41,10,11,10,10,,`,
  ].join('\n');

/** The raw SSI page JSON, as linkedin.com/sales/ssi loads it (docs/ssi-signals.md): no timestamp. */
export const ssiPagePayload = () => ({
  memberScore: {
    overall: 53.03,
    subScores: [
      { score: 14.21, pillar: 'PROFESSIONAL_BRAND' },
      { score: 12.5, pillar: 'FIND_RIGHT_PEOPLE' },
      { score: 11.3, pillar: 'INSIGHT_ENGAGEMENT' },
      { score: 15.02, pillar: 'STRONG_RELATIONSHIP' },
    ],
  },
  groupScore: [
    { groupType: 'INDUSTRY', rank: 9, score: { overall: 31, subScores: [] } },
    { groupType: 'NETWORK', rank: 12, score: { overall: 28, subScores: [] } },
  ],
});
