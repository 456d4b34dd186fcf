import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  articleStamp,
  connectedOn,
  isoDateTime,
  javaDate,
  messageDate,
  pacificPadded,
  pacificShort,
  richMediaTime,
  slashUtc,
} from '../../sample/calendar';
import {
  parseArticleFileName,
  parseDayMonYear,
  parseIsoUtc,
  parseJavaDate,
  parseLegacyMessageDate,
  parseRichMediaProse,
  parseSlashUtc,
  parseUsPacific,
  parseUtcSuffixed,
} from '../../shared/export/dates';

/**
 * The date parsers against the sample generator's renderers (written from docs/export-format.md, independently
 * of the parsers): every instant LinkedIn could write reads back exactly, and any mangled text either reads as
 * undefined or as the one date it canonically spells. Never a throw, never a wrong date.
 */
const DAY_MS = 86_400_000;
const FROM = Date.UTC(2003, 4, 5);
const TO = Date.UTC(2099, 11, 31);
const seconds = fc.integer({ min: FROM / 1000, max: TO / 1000 }).map((s) => s * 1000);
const minutes = fc.integer({ min: FROM / 60_000, max: TO / 60_000 }).map((m) => m * 60_000);
const days = fc.integer({ min: FROM / DAY_MS, max: TO / DAY_MS });

/** Text near the formats: their own characters, digits and the odd stranger, at any length. */
const dateLikeText = fc
  .array(fc.constantFrom(...'0123456789-/: ,APMUTCGamptuc()._\u202f'.split(''), 'Feb', 'Mon', ' UTC', 'x'), {
    maxLength: 30,
  })
  .map((parts) => parts.join(''));
const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), dateLikeText);

/** A text with one character replaced, inserted or removed. */
const mutated = (text: string) =>
  fc
    .tuple(
      fc.nat({ max: text.length }),
      fc.constantFrom('replace', 'insert', 'delete'),
      fc.constantFrom(...'0123456789 -/:,Ax\u00a0'.split('')),
    )
    .map(([at, edit, char]) =>
      edit === 'replace'
        ? text.slice(0, at) + char + text.slice(at + 1)
        : edit === 'insert'
          ? text.slice(0, at) + char + text.slice(at)
          : text.slice(0, at) + text.slice(at + 1),
    );

interface InstantFormat {
  name: string;
  instants: fc.Arbitrary<number>;
  /** The date stamp itself (what the mangling tests change). */
  render: (ms: number) => string;
  /** The text around the stamp, where there is some. */
  wrap: (stamp: string) => string;
  parse: (text: string) => number | undefined;
  /** Spellings the parser accepts on purpose, mapped to one (case, abbreviations, padding, fractions). */
  loose?: (stamp: string) => string;
}

const bare = (stamp: string) => stamp;

const INSTANT_FORMATS: InstantFormat[] = [
  { name: 'parseIsoUtc', instants: seconds, render: isoDateTime, wrap: bare, parse: parseIsoUtc },
  { name: 'parseUtcSuffixed', instants: seconds, render: messageDate, wrap: bare, parse: parseUtcSuffixed },
  { name: 'parseSlashUtc', instants: seconds, render: slashUtc, wrap: bare, parse: parseSlashUtc },
  // The weekday is redundant and not checked by the parser: the stamp starts after it.
  {
    name: 'parseJavaDate',
    instants: seconds,
    render: (ms) => javaDate(ms).slice(4),
    wrap: (stamp) => `Mon ${stamp}`,
    parse: parseJavaDate,
  },
  {
    name: 'parseRichMediaProse',
    instants: minutes,
    render: richMediaTime,
    wrap: (stamp) => `You uploaded a photo on ${stamp} (GMT)`,
    parse: parseRichMediaProse,
    loose: (stamp) =>
      stamp
        .toLowerCase()
        .replace(/^([a-z]{3})[a-z]*\.?/, '$1')
        .replace(/\b0(\d)/g, '$1')
        .replace(/[ \u202f\u00a0]([ap]m)$/, '$1'),
  },
  {
    name: 'parseArticleFileName',
    instants: seconds,
    render: articleStamp,
    wrap: (stamp) => `Articles/Articles/${stamp}-Some title.html`,
    parse: parseArticleFileName,
    // The name is read after the last `/`; a fraction adds milliseconds the whole-second rendering leaves
    // out; a `-` after the time starts the title.
    loose: (stamp) =>
      stamp.slice(stamp.lastIndexOf('/') + 1).replace(/^(.*?_\d\d_\d\d)(\.\d+)?(-.*)?$/, '$1'),
  },
];

const iso = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

describe('date parsers: properties', () => {
  it.each(INSTANT_FORMATS)(
    '$name reads back every instant its format can hold',
    ({ instants, render, wrap, parse }) => {
      fc.assert(
        fc.property(instants, (ms) => {
          expect(parse(wrap(render(ms)))).toBe(ms);
        }),
        { numRuns: 2000 },
      );
    },
  );

  it.each(INSTANT_FORMATS)(
    '$name reads a mangled stamp as undefined or as the date it spells',
    ({ instants, render, wrap, parse, loose = bare }) => {
      fc.assert(
        fc.property(
          instants.chain((ms) => mutated(render(ms))),
          (stamp) => {
            const ms = parse(wrap(stamp));
            // Years before LinkedIn (a mangled `0039`) are for the plausibility check to reject.
            if (ms === undefined || ms < FROM) return;
            expect(loose(render(ms - (ms % 1000)))).toBe(loose(stamp));
          },
        ),
        { numRuns: 2000 },
      );
    },
  );

  it('parseDayMonYear reads back every day', () => {
    fc.assert(
      fc.property(days, (day) => {
        expect(parseDayMonYear(connectedOn(day))).toBe(iso(day));
      }),
      { numRuns: 2000 },
    );
  });

  it('parseDayMonYear reads a mangled day as undefined or as the day it spells', () => {
    fc.assert(
      fc.property(
        days.chain((day) => mutated(connectedOn(day))),
        (text) => {
          const day = parseDayMonYear(text);
          if (day === undefined || day < '2003-05-05') return;
          const canonical = connectedOn(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
          // A one-digit day (`7 Jun 2026`) and any case (`JUN`) are accepted as well.
          expect(canonical.toLowerCase()).toBe(text.padStart(canonical.length, '0').toLowerCase());
        },
      ),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['parseUsPacific', pacificShort, parseUsPacific],
    ['parseUsPacific (zero-padded)', pacificPadded, parseUsPacific],
    ['parseLegacyMessageDate', pacificPadded, parseLegacyMessageDate],
  ] as const)(
    '%s reads every Pacific wall time back to an instant showing that wall time',
    (_, render, parse) => {
      fc.assert(
        fc.property(minutes, (ms) => {
          const parsed = parse(render(ms));
          expect(parsed).toBeDefined();
          // In the repeated November hour the earlier instant wins; otherwise the instant itself.
          expect(render(parsed as number)).toBe(render(ms));
          expect(ms - (parsed as number)).toBeGreaterThanOrEqual(0);
          expect(ms - (parsed as number)).toBeLessThanOrEqual(3_600_000);
        }),
        { numRuns: 1000 },
      );
    },
  );

  it.each([
    ['parseIsoUtc', parseIsoUtc],
    ['parseUtcSuffixed', parseUtcSuffixed],
    ['parseSlashUtc', parseSlashUtc],
    ['parseJavaDate', parseJavaDate],
    ['parseRichMediaProse', parseRichMediaProse],
    ['parseArticleFileName', parseArticleFileName],
    ['parseUsPacific', parseUsPacific],
    ['parseLegacyMessageDate', parseLegacyMessageDate],
  ] as const)('%s never throws and gives a whole instant or undefined for any text', (_, parse) => {
    fc.assert(
      fc.property(anyText, (text) => {
        const ms = parse(text);
        if (ms !== undefined) expect(Number.isSafeInteger(ms)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('parseDayMonYear never throws and gives a real YYYY-MM-DD day or undefined for any text', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const day = parseDayMonYear(text);
        if (day !== undefined) expect(new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10)).toBe(day);
      }),
      { numRuns: 3000 },
    );
  });
});
