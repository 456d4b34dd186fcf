import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  LINKEDIN_EPOCH_MS,
  parseArticleFileName,
  parseDayMonYear,
  parseIsoLocalT,
  parseIsoUtc,
  parseJavaDate,
  parseLegacyMessageDate,
  parseRichMediaProse,
  parseSlashUtc,
  parseUsPacific,
  parseUtcSuffixed,
  utcDay,
} from '../../shared/export/dates';

const at = (iso: string): number => Date.parse(iso);

describe('LINKEDIN_EPOCH_MS and utcDay', () => {
  it('is LinkedIn launch day at midnight UTC', () => {
    expect(new Date(LINKEDIN_EPOCH_MS).toISOString()).toBe('2003-05-05T00:00:00.000Z');
  });

  it('gives the UTC calendar day, across day boundaries and leap days', () => {
    expect(utcDay(at('2024-02-29T23:59:59.999Z'))).toBe('2024-02-29');
    expect(utcDay(at('2024-03-01T00:00:00Z'))).toBe('2024-03-01');
    expect(utcDay(at('2024-02-29T00:00:00Z'))).toBe('2024-02-29');
    expect(utcDay(at('1969-12-31T12:00:00Z'))).toBe('1969-12-31');
  });

  it('agrees with Date for any instant, in any order (the cache never leaks)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 4_102_444_800_000 }), { minLength: 1, maxLength: 20 }),
        (list) => {
          for (const ms of list) expect(utcDay(ms)).toBe(new Date(ms).toISOString().slice(0, 10));
        },
      ),
    );
  });
});

describe('fixed-position UTC forms', () => {
  it('parseIsoLocalT reads the 2020 messages DATE (ISO, no zone) as UTC and nothing else', () => {
    expect(parseIsoLocalT('2019-11-06T02:08:20')).toBe(at('2019-11-06T02:08:20Z'));
    expect(parseIsoLocalT('2019-11-06 02:08:20')).toBeUndefined();
    expect(parseIsoLocalT('2019-11-06T02:08:20Z')).toBeUndefined();
    expect(parseIsoLocalT('2019-02-30T02:08:20')).toBeUndefined();
    expect(parseIsoUtc('2019-11-06T02:08:20')).toBeUndefined();
  });

  it('parseIsoUtc reads YYYY-MM-DD HH:MM:SS as UTC', () => {
    expect(parseIsoUtc('2024-01-05 13:45:12')).toBe(at('2024-01-05T13:45:12Z'));
    expect(parseIsoUtc('2024-02-29 00:00:00')).toBe(at('2024-02-29T00:00:00Z'));
    expect(parseIsoUtc('2000-02-29 23:59:59')).toBe(at('2000-02-29T23:59:59Z'));
    // Years below 100 are not shifted to the 1900s (a Date.UTC trap).
    expect(parseIsoUtc('0024-01-05 13:45:12')).toBe(Date.parse('0024-01-05T13:45:12Z'));
  });

  it.each([
    ['', 'empty'],
    ['2024-13-05 13:45:12', 'month 13'],
    ['2024-00-05 13:45:12', 'month 0'],
    ['2023-02-29 10:00:00', 'Feb 29 in a common year'],
    ['1900-02-29 10:00:00', 'Feb 29 in a century year'],
    ['2024-02-30 10:00:00', 'Feb 30'],
    ['2024-04-31 10:00:00', 'Apr 31'],
    ['2024-01-00 10:00:00', 'day 0'],
    ['2024-01-05 24:00:00', 'hour 24'],
    ['2024-01-05 13:60:00', 'minute 60'],
    ['2024-01-05 13:45:60', 'second 60'],
    ['2024-01-05T13:45:12', 'ISO T separator'],
    ['2024/01/05 13:45:12', 'slashes'],
    ['2024-1-05 13:45:12 ', 'unpadded month'],
    ['2024-01-05 13:45:1x', 'a letter'],
    ['2024-01-05 13:45:12 UTC', 'zone suffix'],
    [' 2024-01-05 13:45:1', 'leading space'],
    ['2024-01-05 13:45:+1', 'a sign'],
  ])('parseIsoUtc rejects %j (%s)', (text) => {
    expect(parseIsoUtc(text)).toBeUndefined();
  });

  it('parseUtcSuffixed reads the messages DATE', () => {
    expect(parseUtcSuffixed('2026-04-01 12:00:00 UTC')).toBe(at('2026-04-01T12:00:00Z'));
    expect(parseUtcSuffixed('2026-04-01 12:00:00')).toBeUndefined();
    expect(parseUtcSuffixed('2026-04-01 12:00:00 GMT')).toBeUndefined();
    expect(parseUtcSuffixed('2026/04/01 12:00:00 UTC')).toBeUndefined();
    expect(parseUtcSuffixed('2026-02-30 12:00:00 UTC')).toBeUndefined();
  });

  it('parseSlashUtc reads SearchQueries and Endorsement dates', () => {
    expect(parseSlashUtc('2024/01/05 13:45:12 UTC')).toBe(at('2024-01-05T13:45:12Z'));
    expect(parseSlashUtc('2016/12/28 15:15:59 UTC')).toBe(at('2016-12-28T15:15:59Z'));
    expect(parseSlashUtc('2024-01-05 13:45:12 UTC')).toBeUndefined();
    expect(parseSlashUtc('2024/01/05 25:45:12 UTC')).toBeUndefined();
    expect(parseSlashUtc('2024/01/05 13:45:12')).toBeUndefined();
  });

  it('round-trips every valid instant of whole seconds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 253_402_300_799 }), (seconds) => {
        const iso = new Date(seconds * 1000).toISOString(); // YYYY-MM-DDTHH:MM:SS.000Z
        const stamp = `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
        expect(parseIsoUtc(stamp)).toBe(seconds * 1000);
        expect(parseUtcSuffixed(`${stamp} UTC`)).toBe(seconds * 1000);
        expect(parseSlashUtc(`${stamp.replaceAll('-', '/')} UTC`)).toBe(seconds * 1000);
      }),
    );
  });
});

describe('parseUsPacific (America/Los_Angeles wall time)', () => {
  it('applies PDT (−7 h) in July and PST (−8 h) in January', () => {
    expect(parseUsPacific('7/15/24, 9:25 PM')).toBe(at('2024-07-16T04:25:00Z'));
    expect(parseUsPacific('1/15/24, 9:25 AM')).toBe(at('2024-01-15T17:25:00Z'));
  });

  it('reads zero-padded and unpadded forms alike', () => {
    expect(parseUsPacific('04/15/24, 09:25 PM')).toBe(at('2024-04-16T04:25:00Z'));
    expect(parseUsPacific('4/15/24, 9:25 PM')).toBe(at('2024-04-16T04:25:00Z'));
    // The doc's India-based cross-check: applied 11:51 AM, followed the company at 18:51:14 UTC.
    expect(parseUsPacific('3/13/24, 11:51 AM')).toBe(at('2024-03-13T18:51:00Z'));
  });

  it('handles 12 AM and 12 PM, lower-case markers and the narrow no-break space', () => {
    expect(parseUsPacific('12/31/24, 12:00 AM')).toBe(at('2024-12-31T08:00:00Z'));
    expect(parseUsPacific('4/15/24, 12:05 PM')).toBe(at('2024-04-15T19:05:00Z'));
    expect(parseUsPacific('4/15/24, 12:05 pm')).toBe(at('2024-04-15T19:05:00Z'));
    expect(parseUsPacific('4/15/24, 12:05\u202fPM')).toBe(at('2024-04-15T19:05:00Z'));
  });

  it('switches offset at 2 AM on the March and November DST changes', () => {
    // 2024-03-10: 1:59 AM PST is followed by 3:00 AM PDT.
    expect(parseUsPacific('3/10/24, 1:59 AM')).toBe(at('2024-03-10T09:59:00Z'));
    expect(parseUsPacific('3/10/24, 3:00 AM')).toBe(at('2024-03-10T10:00:00Z'));
    // A time in the skipped hour is read with the standard offset, as java.time does.
    expect(parseUsPacific('3/10/24, 2:30 AM')).toBe(at('2024-03-10T10:30:00Z'));
    // 2024-11-03: 1:00–1:59 AM happens twice; the first (PDT) one wins. 2 AM is PST again.
    expect(parseUsPacific('11/3/24, 12:59 AM')).toBe(at('2024-11-03T07:59:00Z'));
    expect(parseUsPacific('11/3/24, 1:30 AM')).toBe(at('2024-11-03T08:30:00Z'));
    expect(parseUsPacific('11/3/24, 2:00 AM')).toBe(at('2024-11-03T10:00:00Z'));
    // The day before each switch still has the old offset, the day after the new one.
    expect(parseUsPacific('3/9/24, 11:00 PM')).toBe(at('2024-03-10T07:00:00Z'));
    expect(parseUsPacific('11/4/24, 1:00 AM')).toBe(at('2024-11-04T09:00:00Z'));
  });

  it('uses the pre-2007 US DST rules too (first Sunday of April)', () => {
    expect(parseUsPacific('4/2/06, 1:00 AM')).toBe(at('2006-04-02T09:00:00Z'));
    expect(parseUsPacific('4/2/06, 3:00 AM')).toBe(at('2006-04-02T10:00:00Z'));
    expect(parseUsPacific('3/20/06, 3:00 AM')).toBe(at('2006-03-20T11:00:00Z'));
  });

  it('gives the same answer from the per-hour cache as on first use', () => {
    const first = parseUsPacific('7/4/25, 10:15 AM');
    expect(parseUsPacific('7/4/25, 10:45 AM')).toBe((first as number) + 30 * 60_000);
    expect(parseUsPacific('7/4/25, 10:15 AM')).toBe(first);
  });

  it.each([
    '13/15/24, 9:25 PM',
    '2/30/24, 9:25 PM',
    '4/15/24, 13:25 PM',
    '4/15/24, 0:25 AM',
    '4/15/24, 9:60 PM',
    '4/15/24 9:25 PM',
    '4/15/24, 9:25',
    '4/15/245, 9:25 PM',
    '2024-04-15 21:25:00',
    'yesterday',
    '',
  ])('rejects %j', (text) => {
    expect(parseUsPacific(text)).toBeUndefined();
  });
});

describe('parseLegacyMessageDate (old Messages.csv, MM/dd/YY, HH:mm a)', () => {
  it('reads the 12-hour form like parseUsPacific', () => {
    expect(parseLegacyMessageDate('04/15/18, 09:25 PM')).toBe(parseUsPacific('04/15/18, 09:25 PM'));
    expect(parseLegacyMessageDate('04/15/18, 09:25 PM')).toBe(at('2018-04-16T04:25:00Z'));
  });

  it('also reads the 24-hour clock the Java pattern prints, but only with a matching marker', () => {
    expect(parseLegacyMessageDate('04/15/18, 21:25 PM')).toBe(at('2018-04-16T04:25:00Z'));
    expect(parseLegacyMessageDate('01/15/18, 00:10 AM')).toBe(at('2018-01-15T08:10:00Z'));
    expect(parseLegacyMessageDate('04/15/18, 21:25 AM')).toBeUndefined();
    expect(parseLegacyMessageDate('04/15/18, 00:10 PM')).toBeUndefined();
    expect(parseLegacyMessageDate('04/15/18, 24:10 PM')).toBeUndefined();
  });
});

describe('parseDayMonYear (Connections Connected On)', () => {
  it('returns the calendar day without any zone conversion', () => {
    expect(parseDayMonYear('07 Jun 2026')).toBe('2026-06-07');
    expect(parseDayMonYear('7 Jun 2026')).toBe('2026-06-07');
    expect(parseDayMonYear('31 Dec 2019')).toBe('2019-12-31');
    expect(parseDayMonYear('29 Feb 2024')).toBe('2024-02-29');
    expect(parseDayMonYear('01 SEP 2021')).toBe('2021-09-01');
  });

  it.each([
    '29 Feb 2023',
    '31 Apr 2024',
    '00 Jun 2026',
    '07 Jux 2026',
    '07 June 2026',
    '2026-06-07',
    '07 Jun 26',
    '',
  ])('rejects %j', (text) => {
    expect(parseDayMonYear(text)).toBeUndefined();
  });
});

describe('parseJavaDate (Company Follows Followed On)', () => {
  it('reads Java Date.toString in UTC', () => {
    expect(parseJavaDate('Mon Apr 06 16:33:17 UTC 2026')).toBe(at('2026-04-06T16:33:17Z'));
    expect(parseJavaDate('Wed Mar 13 18:51:14 UTC 2024')).toBe(at('2024-03-13T18:51:14Z'));
    expect(parseJavaDate('Thu Dec 01 00:00:00 GMT 2011')).toBe(at('2011-12-01T00:00:00Z'));
  });

  it.each([
    'Mon Apr 31 16:33:17 UTC 2026',
    'Mon Apr 06 24:33:17 UTC 2026',
    'Mon Abc 06 16:33:17 UTC 2026',
    'Mon Apr 06 16:33:17 PST 2026',
    'Xyz Apr 06 16:33:17 UTC 2026',
    'Mon Apr 6 16:33:17 UTC 2026',
    '2026-04-06 16:33:17',
  ])('rejects %j', (text) => {
    expect(parseJavaDate(text)).toBeUndefined();
  });
});

describe('parseRichMediaProse (Rich_Media Date/Time)', () => {
  it('reads any "… on <Month> <d>, <yyyy> at <h:mm> AM|PM (GMT)" sentence', () => {
    expect(parseRichMediaProse('You uploaded a photo on March 9, 2026 at 2:58 PM (GMT)')).toBe(
      at('2026-03-09T14:58:00Z'),
    );
    expect(parseRichMediaProse('You uploaded a profile photo on December 31, 2019 at 12:05 AM (GMT)')).toBe(
      at('2019-12-31T00:05:00Z'),
    );
    expect(parseRichMediaProse('You uploaded an article cover photo on Jan 02, 2020 at 11:00 AM (GMT)')).toBe(
      at('2020-01-02T11:00:00Z'),
    );
  });

  it.each([
    'You uploaded a photo on Smarch 9, 2026 at 2:58 PM (GMT)',
    'You uploaded a photo on February 30, 2026 at 2:58 PM (GMT)',
    'You uploaded a photo on March 9, 2026 at 13:58 PM (GMT)',
    'You uploaded a photo on March 9, 2026 at 2:58 PM',
    'You uploaded a photo',
  ])('rejects %j', (text) => {
    expect(parseRichMediaProse(text)).toBeUndefined();
  });
});

describe('parseArticleFileName (Articles/Articles/*.html)', () => {
  it('reads the timestamp some exports put in the name, as UTC', () => {
    expect(parseArticleFileName('2025-11-21 17_31_01.0-TOON vs JSON.html')).toBe(at('2025-11-21T17:31:01Z'));
    expect(parseArticleFileName('Articles/Articles/2025-11-21 17_31_01.5-x.html')).toBe(
      at('2025-11-21T17:31:01.500Z'),
    );
    expect(parseArticleFileName('2025-11-21 17_31_01-No fraction.html')).toBe(at('2025-11-21T17:31:01Z'));
  });

  it('gives undefined for slug names and impossible dates', () => {
    expect(parseArticleFileName('toon-vs-json-what-i-learned.html')).toBeUndefined();
    expect(parseArticleFileName('Articles/Articles/my-first-article.html')).toBeUndefined();
    expect(parseArticleFileName('2025-02-30 17_31_01.0-Bad.html')).toBeUndefined();
  });
});
