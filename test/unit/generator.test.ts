import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as yauzl from 'yauzl';
import {
  type GeneratedExport,
  type GeneratorOptions,
  heavyOptions,
  INVITATION_WINDOW_DAYS,
  SAMPLE_OPTIONS,
  writeExport,
} from '../../sample/generator';
import { SENIOR_TITLES } from '../../sample/vocabulary';
import type { DayActivity } from '../../shared/domain/kinds';

// The generator's expected counts are checked two ways here: against the scale it was asked for, and
// against the files it wrote, read back with csv-parse (the reference parser) and date logic written
// in this file. Neither path uses the project's own parsers or the generator's date helpers.

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'generator-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let fileCounter = 0;
const generate = (options: GeneratorOptions): Promise<GeneratedExport> =>
  writeExport(join(dir, `export-${fileCounter++}.zip`), options);

interface ZipEntry {
  name: string;
  uncompressedSize: number;
  mtime: Date;
  text: string;
}

const readZip = async (path: string, withContent = true): Promise<Map<string, ZipEntry>> => {
  const zip = await yauzl.openPromise(path);
  const entries = new Map<string, ZipEntry>();
  try {
    for await (const entry of zip.eachEntry()) {
      let text = '';
      if (withContent) {
        const chunks: Buffer[] = [];
        for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
        text = Buffer.concat(chunks).toString('utf8');
      }
      entries.set(entry.fileName, {
        name: entry.fileName,
        uncompressedSize: entry.uncompressedSize,
        mtime: entry.getLastModDate(),
        text,
      });
    }
  } finally {
    zip.close();
  }
  return entries;
};

const entryText = (entries: Map<string, ZipEntry>, pattern: RegExp): string => {
  const found = [...entries.values()].filter((entry) => pattern.test(entry.name));
  expect(found, `one entry matching ${pattern}`).toHaveLength(1);
  return found[0]?.text ?? '';
};

const csvRows = (text: string, options: { escape?: string } = {}): Record<string, string>[] =>
  parse(text.replace(/^\uFEFF/, ''), { columns: true, bom: true, relax_column_count: false, ...options });

/** Totals per kind and signal over all days (optionally only days ≤ lastDay). */
const totals = (days: DayActivity[], lastDay = '9999-12-31'): Record<string, number> => {
  const sum: Record<string, number> = {};
  for (const day of days) {
    if (day.day > lastDay) continue;
    for (const [key, value] of [...Object.entries(day.counts), ...Object.entries(day.signals)]) {
      sum[key] = (sum[key] ?? 0) + (value ?? 0);
    }
  }
  return sum;
};

/** Per-day counts of one kind (or signal). */
const perDay = (days: DayActivity[], key: string): Map<string, number> => {
  const out = new Map<string, number>();
  for (const day of days) {
    const value = (day.counts as Record<string, number>)[key] ?? (day.signals as Record<string, number>)[key];
    if (value) out.set(day.day, value);
  }
  return out;
};

const countBy = <T>(items: T[], key: (item: T) => string): Map<string, number> => {
  const out = new Map<string, number>();
  for (const item of items) out.set(key(item), (out.get(key(item)) ?? 0) + 1);
  return out;
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `M/D/YY, h:mm AM` US Pacific wall time → UTC day, by trying both offsets and keeping the consistent one. */
const pacificFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/Los_Angeles',
  year: '2-digit',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
});
const pacificToUtcDay = (text: string): string => {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{2}), (\d{1,2}):(\d{2}) (AM|PM)$/.exec(text);
  if (!match) throw new Error(`not a Pacific short time: ${text}`);
  const [, month, day, year, hour, minute, half] = match;
  const hour24 = (Number(hour) % 12) + (half === 'PM' ? 12 : 0);
  const wall = Date.UTC(2000 + Number(year), Number(month) - 1, Number(day), hour24, Number(minute));
  for (const offsetHours of [7, 8]) {
    const candidate = new Date(wall + offsetHours * 3_600_000);
    const rendered = pacificFormat.format(candidate).replace(/\u202f/g, ' ');
    if (rendered === text) return candidate.toISOString().slice(0, 10);
  }
  throw new Error(`no Pacific offset renders ${text}`);
};

const small = (overrides: Partial<GeneratorOptions> = {}): GeneratorOptions => ({
  ...SAMPLE_OPTIONS,
  seed: 7,
  startDate: '2025-01-01',
  endDate: '2025-12-31',
  timelineEndDate: '2025-12-31',
  scale: {
    ...SAMPLE_OPTIONS.scale,
    connections: 300,
    messages: 900,
    comments: 200,
    reactions: 400,
    shares: 120,
    searches: 300,
  },
  ...overrides,
});

describe('writeExport: the sample member', () => {
  let sample: GeneratedExport;
  let entries: Map<string, ZipEntry>;

  beforeAll(async () => {
    sample = await generate(SAMPLE_OPTIONS);
    entries = await readZip(sample.path);
  });

  it('writes every announced entry, with the export time as mtime', () => {
    expect([...entries.keys()]).toEqual(sample.files);
    for (const name of [
      'Profile.csv',
      'Positions.csv',
      'Connections.csv',
      'Invitations.csv',
      'messages.csv',
      'Company Follows.csv',
      'SearchQueries.csv',
      'Jobs/Job Applications.csv',
      'LearningCoachMessages.csv',
      'Ad_Targeting.csv',
    ]) {
      expect(entries.has(name), name).toBe(true);
    }
    // 2026 with quirks: per-member activity files carry a numeric suffix; articles sit in their folder.
    expect(sample.files.some((name) => /^Shares_\d+\.csv$/.test(name))).toBe(true);
    expect(sample.files.some((name) => name.startsWith('Articles/Articles/') && name.endsWith('.html'))).toBe(
      true,
    );
    for (const entry of entries.values()) expect(entry.mtime.getTime()).toBe(sample.exportedAt.getTime());
    const total = [...entries.values()].reduce((sum, entry) => sum + entry.uncompressedSize, 0);
    expect(sample.uncompressedBytes).toBe(total);
  });

  it('reaches the scale totals exactly (within the counting rules)', () => {
    const sum = totals(sample.expected);
    const scale = SAMPLE_OPTIONS.scale;
    expect(sum.connection).toBe(scale.connections);
    expect((sum.message_sent ?? 0) + (sum.message_received ?? 0)).toBe(scale.messages);
    expect((sum.comment ?? 0) + (sample.undated.comment ?? 0)).toBe(scale.comments);
    expect(sample.undated.comment).toBeGreaterThan(0);
    expect(sum.reaction).toBe(scale.reactions);
    expect((sum.post ?? 0) + (sum.reshare ?? 0)).toBe(scale.shares);
    expect(sum.post).toBeGreaterThan(0);
    expect(sum.reshare).toBeGreaterThan(0);
    expect(sum.search).toBe(scale.searches);
    expect(sum.repost).toBe(scale.reposts);
    expect(sum.vote).toBe(scale.votes);
    expect((sum.article ?? 0) + (sample.undated.article ?? 0)).toBe(scale.articles);
    expect(sum.saved_item).toBe(scale.savedItems);
    expect(sum.member_follow).toBe(scale.memberFollows);
    expect(sum.company_follow).toBe(scale.companyFollows);
    expect(sum.media_upload).toBe(scale.mediaUploads);
    expect(sum.job_application).toBe(scale.jobApplications);
    expect(sum.endorsement_received).toBe(scale.endorsementsReceived);
    expect(sum.endorsement_given).toBe(scale.endorsementsGiven);
    expect(sum.recommendation_received).toBe(scale.recommendationsReceived);
    expect(sum.recommendation_given).toBe(scale.recommendationsGiven);
    // Invitations: ~6 months at 40/month, plus the two old incoming rows.
    const invitations = (sum.invitation_sent ?? 0) + (sum.invitation_received ?? 0);
    expect(invitations).toBeGreaterThan(40 * 6 * 0.7);
    expect(invitations).toBeLessThan(40 * 6 * 1.3 + 2);
  });

  it('keeps signals within their kinds and days sorted and non-empty', () => {
    const days = sample.expected.map((d) => d.day);
    expect(days).toEqual([...days].sort());
    expect(new Set(days).size).toBe(days.length);
    for (const day of sample.expected) {
      const c = day.counts;
      const s = day.signals;
      expect(Object.keys(c).length + Object.keys(s).length).toBeGreaterThan(0);
      for (const value of [...Object.values(c), ...Object.values(s)]) expect(value).toBeGreaterThan(0);
      expect(s['connection.senior'] ?? 0).toBeLessThanOrEqual(c.connection ?? 0);
      expect(s['connection.coworker'] ?? 0).toBeLessThanOrEqual(c.connection ?? 0);
      expect(s['message_sent.reply'] ?? 0).toBeLessThanOrEqual(c.message_sent ?? 0);
      expect(s['invitation_sent.personalised'] ?? 0).toBeLessThanOrEqual(c.invitation_sent ?? 0);
      if (c.message_sent) expect(s['message_sent.people']).toBeGreaterThan(0);
      else expect(s['message_sent.people']).toBeUndefined();
    }
    const sum = totals(sample.expected);
    for (const signal of [
      'connection.senior',
      'connection.coworker',
      'message_sent.reply',
      'message_sent.people',
      'invitation_sent.personalised',
    ]) {
      expect(sum[signal], signal).toBeGreaterThan(0);
    }
  });

  it('Connections: preamble, hidden rows, no final newline; counts, senior and coworker match the rows', () => {
    const text = entryText(entries, /^Connections\.csv$/);
    expect(text.startsWith('Notes:\n"When exporting your connection data')).toBe(true);
    expect(text.endsWith('\n')).toBe(false);
    expect(text).toMatch(/\n,,,,,,\d{2} [A-Z][a-z]{2} \d{4}(\n|$)/);
    const rows = csvRows(text.slice(text.indexOf('First Name,')));
    const toDay = (value: string) => {
      const [day, month, year] = value.split(' ');
      return `${year}-${String(MONTHS.indexOf(month ?? '') + 1).padStart(2, '0')}-${day}`;
    };
    expect(countBy(rows, (r) => toDay(r['Connected On'] ?? ''))).toEqual(
      perDay(sample.expected, 'connection'),
    );
    const norm = (company: string) => company.trim().toLowerCase();
    const coworkers = rows.filter((r) => norm(r.Company ?? '') === norm(SAMPLE_OPTIONS.currentCompany ?? ''));
    expect(countBy(coworkers, (r) => toDay(r['Connected On'] ?? ''))).toEqual(
      perDay(sample.expected, 'connection.coworker'),
    );
    // Seniority comes from the generator's own title lists, so the rows and the signal must agree on it.
    const senior = new Set<string>(SENIOR_TITLES);
    const seniorRows = rows.filter((r) => senior.has(r.Position ?? ''));
    expect(countBy(seniorRows, (r) => toDay(r['Connected On'] ?? ''))).toEqual(
      perDay(sample.expected, 'connection.senior'),
    );
    // The traps (assistants to senior people, "Coordinator" containing "coo") are generated, never senior.
    const traps = rows.filter((r) => /assistant|coordinator/i.test(r.Position ?? ''));
    expect(traps.length).toBeGreaterThan(0);
    for (const r of traps) expect(senior.has(r.Position ?? '')).toBe(false);
  });

  it('SearchQueries: unsorted, with exact duplicates counted once', () => {
    const rows = csvRows(entryText(entries, /^SearchQueries\.csv$/));
    const times = rows.map((r) => r.Time ?? '');
    expect(times).not.toEqual([...times].sort());
    const distinct = new Set(rows.map((r) => `${r.Time}\u0000${r['Search Query']}`));
    expect(distinct.size).toBeLessThan(rows.length);
    const byDay = countBy([...distinct], (key) => key.slice(0, 10).replaceAll('/', '-'));
    expect(byDay).toEqual(perDay(sample.expected, 'search'));
  });

  it('Reactions (with BOM) and Votes (CRLF) match the expected days', () => {
    const reactions = entryText(entries, /^Reactions_\d+\.csv$/);
    expect(reactions.charCodeAt(0)).toBe(0xfeff);
    expect(countBy(csvRows(reactions), (r) => (r.Date ?? '').slice(0, 10))).toEqual(
      perDay(sample.expected, 'reaction'),
    );
    const votes = entryText(entries, /^Votes_\d+\.csv$/);
    expect(votes).toContain('\r\n');
    expect(votes.replaceAll('\r\n', '')).not.toContain('\n');
    expect(countBy(csvRows(votes), (r) => (r.Date ?? '').slice(0, 10))).toEqual(
      perDay(sample.expected, 'vote'),
    );
  });

  it('Shares: post/reshare split follows the rule on the written columns', () => {
    const rows = csvRows(entryText(entries, /^Shares_\d+\.csv$/));
    const isReshare = (r: Record<string, string>) =>
      (r.SharedUrl ?? '') !== '' || ((r.ShareCommentary ?? '') === '' && (r.MediaUrl ?? '') === '');
    expect(countBy(rows.filter(isReshare), (r) => (r.Date ?? '').slice(0, 10))).toEqual(
      perDay(sample.expected, 'reshare'),
    );
    expect(
      countBy(
        rows.filter((r) => !isReshare(r)),
        (r) => (r.Date ?? '').slice(0, 10),
      ),
    ).toEqual(perDay(sample.expected, 'post'));
    // Paragraph breaks come wrapped in quotes, as LinkedIn writes them.
    expect(rows.some((r) => (r.ShareCommentary ?? '').includes('"\n""\n"'))).toBe(true);
  });

  it('Invitations: Pacific wall times land on the expected UTC days, only recent months plus two old rows', () => {
    const rows = csvRows(entryText(entries, /^Invitations\.csv$/));
    const ownerUrl = `https://www.linkedin.com/in/${SAMPLE_OPTIONS.memberSlug}`;
    const outgoing = rows.filter((r) => r.Direction === 'OUTGOING');
    for (const r of outgoing) expect(r.inviterProfileUrl).toBe(ownerUrl);
    for (const r of rows.filter((x) => x.Direction === 'INCOMING'))
      expect(r.inviteeProfileUrl).toBe(ownerUrl);
    const day = (r: Record<string, string>) => pacificToUtcDay(r['Sent At'] ?? '');
    expect(countBy(outgoing, day)).toEqual(perDay(sample.expected, 'invitation_sent'));
    expect(
      countBy(
        rows.filter((r) => r.Direction === 'INCOMING'),
        day,
      ),
    ).toEqual(perDay(sample.expected, 'invitation_received'));
    const personalised = outgoing.filter((r) => (r.Message ?? '').trim() !== '');
    expect(countBy(personalised, day)).toEqual(perDay(sample.expected, 'invitation_sent.personalised'));
    const windowStart = new Date(
      Date.parse(SAMPLE_OPTIONS.endDate) - (INVITATION_WINDOW_DAYS - 1) * 86_400_000,
    );
    const old = rows.filter((r) => day(r) < windowStart.toISOString().slice(0, 10));
    expect(old).toHaveLength(2);
    for (const r of old) expect(r.Direction).toBe('INCOMING');
  });

  it('messages.csv: 2026 quoting; sent/received by sender URL, sponsored rows excluded; signals reproduce', () => {
    const text = entryText(entries, /^messages\.csv$/);
    expect(text.split('\n', 1)[0]).toBe(
      '"CONVERSATION ID","CONVERSATION TITLE","FROM","SENDER PROFILE URL","TO","RECIPIENT PROFILE URLS","DATE","SUBJECT","CONTENT","FOLDER","ATTACHMENTS"',
    );
    expect(text).toContain('%FIRSTNAME%');
    expect(text).toContain('\r\n');
    const rows = csvRows(text);
    const ownerUrl = `https://www.linkedin.com/in/${SAMPLE_OPTIONS.memberSlug}`;
    const sponsored = rows.filter((r) => r['CONVERSATION TITLE'] === 'Sponsored Conversation');
    expect(sponsored.length).toBeGreaterThan(0);
    for (const r of sponsored) {
      expect(r.FROM).toBe('LinkedIn Member');
      expect(r['SENDER PROFILE URL']).toBe('');
    }
    const counted = rows
      .filter((r) => r['CONVERSATION TITLE'] !== 'Sponsored Conversation')
      .map((r) => ({ row: r, day: (r.DATE ?? '').slice(0, 10), sent: r['SENDER PROFILE URL'] === ownerUrl }));
    expect(
      countBy(
        counted.filter((r) => r.sent),
        (r) => r.day,
      ),
    ).toEqual(perDay(sample.expected, 'message_sent'));
    expect(
      countBy(
        counted.filter((r) => !r.sent),
        (r) => r.day,
      ),
    ).toEqual(perDay(sample.expected, 'message_received'));

    // Replies and distinct people, recomputed from the rows.
    const lastSender = new Map<string, string>();
    const replies = new Map<string, number>();
    const people = new Map<string, Set<string>>();
    const chronological = [...counted].sort((a, b) => (a.row.DATE ?? '').localeCompare(b.row.DATE ?? ''));
    for (const r of chronological) {
      const conversation = r.row['CONVERSATION ID'] ?? '';
      const previous = lastSender.get(conversation);
      if (r.sent) {
        if (previous !== undefined && previous !== ownerUrl)
          replies.set(r.day, (replies.get(r.day) ?? 0) + 1);
        const set = people.get(r.day) ?? new Set<string>();
        for (const url of (r.row['RECIPIENT PROFILE URLS'] ?? '').split(',')) set.add(url);
        people.set(r.day, set);
      }
      lastSender.set(conversation, r.row['SENDER PROFILE URL'] ?? '');
    }
    expect(replies).toEqual(perDay(sample.expected, 'message_sent.reply'));
    expect(new Map([...people].map(([d, set]) => [d, set.size]))).toEqual(
      perDay(sample.expected, 'message_sent.people'),
    );
  });

  it('Company Follows: Java Date.toString in UTC, no final newline', () => {
    const text = entryText(entries, /^Company Follows\.csv$/);
    expect(text.endsWith('\n')).toBe(false);
    const rows = csvRows(text);
    const toDay = (value: string) => {
      const match = /^[A-Z][a-z]{2} ([A-Z][a-z]{2}) (\d{2}) \d{2}:\d{2}:\d{2} UTC (\d{4})$/.exec(value);
      if (!match) throw new Error(`not a Java date: ${value}`);
      return `${match[3]}-${String(MONTHS.indexOf(match[1] ?? '') + 1).padStart(2, '0')}-${match[2]}`;
    };
    expect(countBy(rows, (r) => toDay(r['Followed On'] ?? ''))).toEqual(
      perDay(sample.expected, 'company_follow'),
    );
  });

  it('Comments: backslash-escaped quotes, unquoted multi-line rows and blank dates are all present', () => {
    const text = entryText(entries, /^Comments_\d+\.csv$/);
    expect(text).toContain('\\"');
    expect(text).toMatch(/\n,https:\/\//); // blank Date
    // An unquoted record whose message continues on the next lines.
    expect(text).toMatch(/\n\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},https:[^",\n]*,[^"\n]+\n[A-Z][^\n]*\n\n/);
  });

  it('writes the unknown and odd files LinkedIn ships', () => {
    expect(entryText(entries, /^LearningCoachMessages\.csv$/).trim()).toBe('No conversations found');
    expect(
      entryText(entries, /^Learning\.csv$/)
        .split('\n', 1)[0]
        ?.endsWith(','),
    ).toBe(true);
    const adHeader =
      entryText(entries, /^Ad_Targeting\.csv$/)
        .split('\n', 1)[0]
        ?.split(',') ?? [];
    expect(new Set(adHeader).size).toBeLessThan(adHeader.length);
    const positions = csvRows(entryText(entries, /^Positions\.csv$/));
    expect(positions.filter((r) => r['Finished On'] === '').map((r) => r['Company Name'])).toEqual([
      SAMPLE_OPTIONS.currentCompany,
    ]);
    const profile = csvRows(entryText(entries, /^Profile\.csv$/));
    expect(`${profile[0]?.['First Name']} ${profile[0]?.['Last Name']}`).toBe(SAMPLE_OPTIONS.memberName);
  });
});

describe('writeExport: determinism and one timeline', () => {
  it('same options ⇒ identical bytes and expectations', async () => {
    const options = small();
    const [a, b] = [await generate(options), await generate(options)];
    const hash = async (path: string) =>
      createHash('sha256')
        .update(await readFile(path))
        .digest('hex');
    expect(await hash(a.path)).toBe(await hash(b.path));
    expect(a.expected).toEqual(b.expected);
    const other = await generate(small({ seed: 8 }));
    expect(await hash(other.path)).not.toBe(await hash(a.path));
  });

  it('an earlier export is the later one cut at its end date (Invitations only within its window)', async () => {
    const later = await generate(small({ endDate: '2025-12-31' }));
    const earlierEnd = '2025-09-20';
    const earlier = await generate(small({ endDate: earlierEnd }));
    const beyond = await generate(small({ endDate: '2026-02-10' })); // past timelineEndDate: same history, more days

    const withoutInvitations = (days: DayActivity[], lastDay: string) =>
      days
        .filter((d) => d.day <= lastDay)
        .map((d) => ({
          day: d.day,
          counts: Object.fromEntries(Object.entries(d.counts).filter(([k]) => !k.startsWith('invitation_'))),
          signals: Object.fromEntries(
            Object.entries(d.signals).filter(([k]) => !k.startsWith('invitation_')),
          ),
        }))
        .filter((d) => Object.keys(d.counts).length + Object.keys(d.signals).length > 0);

    expect(earlier.expected.every((d) => d.day <= earlierEnd)).toBe(true);
    expect(withoutInvitations(earlier.expected, earlierEnd)).toEqual(
      withoutInvitations(later.expected, earlierEnd),
    );
    expect(withoutInvitations(later.expected, '2025-12-31')).toEqual(
      withoutInvitations(beyond.expected, '2025-12-31'),
    );
    expect(beyond.expected.some((d) => d.day > '2025-12-31')).toBe(true);

    // Invitations agree on the days both files cover: the later file's window, up to the earlier end date.
    const laterWindowStart = new Date(Date.parse('2025-12-31') - (INVITATION_WINDOW_DAYS - 1) * 86_400_000)
      .toISOString()
      .slice(0, 10);
    for (const kind of ['invitation_sent', 'invitation_received', 'invitation_sent.personalised']) {
      const pick = (days: DayActivity[]) =>
        [...perDay(days, kind)].filter(([day]) => day >= laterWindowStart && day <= earlierEnd);
      expect(pick(earlier.expected), kind).toEqual(pick(later.expected));
      expect(pick(earlier.expected).length, kind).toBeGreaterThan(0);
    }
    // …and the earlier export holds invitations the later one has already dropped.
    const earlierOnly = [...perDay(earlier.expected, 'invitation_sent')].filter(
      ([day]) => day < laterWindowStart,
    );
    expect(earlierOnly.length).toBeGreaterThan(0);
  });
});

describe('writeExport: eras and quirks', () => {
  const headerOf = (entries: Map<string, ZipEntry>, pattern: RegExp) =>
    entryText(entries, pattern)
      .replace(/^\uFEFF/, '')
      .split('\n', 1)[0]
      ?.replaceAll('"', '')
      .split(',') ?? [];

  it.each([
    ['2026', 11, 7, true],
    ['2025', 12, 7, true],
    ['2024', 12, 7, true],
    ['2023', 10, 5, true],
    ['2022', 9, 5, false],
  ] as const)(
    'era %s: messages %i columns, Invitations %i columns, Connections URL %s',
    async (era, messageColumns, invitationColumns, url) => {
      const result = await generate(small({ era, endDate: '2025-06-30' }));
      const entries = await readZip(result.path);
      expect(headerOf(entries, /^messages\.csv$/)).toHaveLength(messageColumns);
      expect(headerOf(entries, /^Invitations\.csv$/)).toHaveLength(invitationColumns);
      const connections = entryText(entries, /^Connections\.csv$/);
      expect(connections.includes('First Name,Last Name,URL,')).toBe(url);
      // Suffixed activity files only in 2026.
      expect(result.files.some((name) => /^Comments_\d+\.csv$/.test(name))).toBe(era === '2026');
    },
  );

  it('2025 drafts are written but not counted', async () => {
    const result = await generate(small({ era: '2025' }));
    const rows = csvRows(entryText(await readZip(result.path), /^messages\.csv$/));
    const drafts = rows.filter((r) => r['IS MESSAGE DRAFT'] === 'Yes');
    expect(drafts.length).toBeGreaterThan(0);
    const sum = totals(result.expected);
    const counted = rows.filter(
      (r) => r['IS MESSAGE DRAFT'] !== 'Yes' && r['CONVERSATION TITLE'] !== 'Sponsored Conversation',
    );
    expect((sum.message_sent ?? 0) + (sum.message_received ?? 0)).toBe(counted.length);
    expect(counted.length).toBe(900);
  });

  it('quirks off: plain RFC-4180 files a strict parser reads, nothing undated, no duplicates', async () => {
    const result = await generate(small({ quirks: false }));
    const entries = await readZip(result.path);
    expect(result.undated).toEqual({});
    for (const entry of entries.values()) {
      expect(entry.text.charCodeAt(0)).not.toBe(0xfeff);
      if (entry.name.endsWith('.csv') && entry.name !== 'LearningCoachMessages.csv') {
        expect(entry.text.endsWith('\n'), entry.name).toBe(true);
      }
    }
    const comments = csvRows(entryText(entries, /^Comments\.csv$/));
    expect(comments).toHaveLength(200);
    expect(countBy(comments, (r) => (r.Date ?? '').slice(0, 10))).toEqual(perDay(result.expected, 'comment'));
    const searches = csvRows(entryText(entries, /^SearchQueries\.csv$/));
    expect(searches).toHaveLength(300);
  });
});

describe('heavyOptions', () => {
  it('describes ≈5 years, ≈30k connections, ≈400k messages; the multiplier scales every count', () => {
    const heavy = heavyOptions();
    expect(heavy.scale.connections).toBe(30_000);
    expect(heavy.scale.messages).toBe(400_000);
    const years = (Date.parse(heavy.endDate) - Date.parse(heavy.startDate)) / (365.25 * 86_400_000);
    expect(years).toBeGreaterThan(4.9);
    expect(years).toBeLessThan(5.1);
    const triple = heavyOptions(3);
    for (const [key, value] of Object.entries(heavy.scale)) {
      expect((triple.scale as unknown as Record<string, number>)[key], key).toBe(value * 3);
    }
    expect(() => heavyOptions(0)).toThrow();
  });

  it('at multiplier 0.02 writes ≈2 % of 180 MB, ≈90 % of it messages', async () => {
    const result = await generate(heavyOptions(0.02));
    const entries = await readZip(result.path, false);
    const messages = entries.get('messages.csv')?.uncompressedSize ?? 0;
    expect(result.uncompressedBytes).toBeGreaterThan(180e6 * 0.02 * 0.85);
    expect(result.uncompressedBytes).toBeLessThan(180e6 * 0.02 * 1.15);
    expect(messages / result.uncompressedBytes).toBeGreaterThan(0.85);
    expect(messages / result.uncompressedBytes).toBeLessThan(0.95);
    expect(totals(result.expected).connection).toBe(600);
  });
});
