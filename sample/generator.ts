/**
 * Deterministic LinkedIn data-export generator with its own expected per-day counts.
 *
 * The expected counts come from what the generator decided to write (the event instants and kinds it drew),
 * never from reading the files back, and nothing here imports the project's parsers: a test comparing the
 * ingest pipeline with these numbers checks the parsers against an independent account of the truth.
 *
 * Formats follow docs/export-format.md, including its quirks. Each CSV is produced row by
 * row and streamed into the ZIP, so the heavy benchmark export (~180 MB) never sits in memory.
 */
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';
import type { DayActivity } from '../shared/domain/kinds';
import {
  articleStamp,
  connectedOn,
  dayNumber,
  dayStartMs,
  isoDateTime,
  javaDate,
  messageDate,
  monthYear,
  pacificPadded,
  pacificShort,
  richMediaTime,
  slashUtc,
} from './calendar';
import { backslashField, field, quotedRow, row } from './csv';
import { at, type Rng, rngFor } from './prng';
import { Tally } from './tally';
import { dailyCounts, secondsOfDay, type TimelineSpan } from './timeline';
import {
  COMPANIES,
  FIRST_NAMES,
  LAST_NAMES,
  MESSAGE_CORPUS,
  NAME_SUFFIXES,
  OTHER_TITLES,
  plainSentence,
  REACTION_TYPES,
  SEARCH_TERMS,
  SENIOR_TITLES,
  SKILLS,
  sentence,
} from './vocabulary';

export type ExportEra = '2026' | '2025' | '2024' | '2023' | '2022';

/** Totals over the member's timeline [startDate, timelineEndDate]. Optional kinds default to 0 (file omitted). */
export interface GeneratorScale {
  connections: number;
  /** Counted messages (sent + received); drafts and sponsored rows come on top. */
  messages: number;
  /** Comment rows, dated and undated. */
  comments: number;
  reactions: number;
  /** Shares.csv rows: posts and reshares together. */
  shares: number;
  /** Distinct searches; quirks add exact duplicate rows on top. */
  searches: number;
  invitationsPerMonth: number;
  reposts?: number;
  votes?: number;
  /** Article HTML files; with quirks about a third get slug names and so have no date. */
  articles?: number;
  savedItems?: number;
  /** `Active` follows; `Unfollow` rows come on top. */
  memberFollows?: number;
  companyFollows?: number;
  mediaUploads?: number;
  jobApplications?: number;
  endorsementsReceived?: number;
  endorsementsGiven?: number;
  recommendationsReceived?: number;
  recommendationsGiven?: number;
}

export interface GeneratorOptions {
  seed: number;
  /** Owner's full name (Profile.csv First/Last Name, split at the first space). */
  memberName: string;
  /** Owner's profile slug → https://www.linkedin.com/in/<slug> */
  memberSlug: string;
  /** 'YYYY-MM-DD' first day of the member's timeline. */
  startDate: string;
  /** 'YYYY-MM-DD' export date: the export holds events up to this day only. */
  endDate: string;
  /**
   * 'YYYY-MM-DD' day by which the scale totals are reached (default: endDate). Keep it fixed to take several
   * exports of one member: the timeline then does not depend on endDate, and after this day activity goes
   * on at the same average rate.
   */
  timelineEndDate?: string;
  scale: GeneratorScale;
  /** Header and quoting variants (docs/export-format.md, "Activity files and their columns"). Default '2026'. */
  era?: ExportEra;
  /** Default true: the real-world oddities listed in docs/export-format.md, "Quoting dialects and quirks". */
  quirks?: boolean;
  /** Average messages.csv CONTENT size in bytes (default 160). */
  messageBodyBytes?: number;
  /** Owner's current employer (the Positions.csv row without Finished On). Default: derived from seed. */
  currentCompany?: string;
}

export interface GeneratedExport {
  path: string;
  /** LinkedIn's export time, also every zip entry's mtime. */
  exportedAt: Date;
  /** Entry names written, in archive order. */
  files: string[];
  /** Expected activity per UTC day, sorted by day: counts per kind and the derived signals. */
  expected: DayActivity[];
  /** Per kind: rows that have no date (blank comment dates, slug-named articles). */
  undated: Partial<Record<string, number>>;
  uncompressedBytes: number;
}

/** Invitations.csv only holds about the last six months (docs/export-format.md, rolling window). */
export const INVITATION_WINDOW_DAYS = 183;

const OWNER = -1;
const LINKEDIN = 'https://www.linkedin.com/in/';
const AVERAGE_DAYS_PER_MONTH = 30.436875;

interface Context {
  seed: number;
  span: TimelineSpan;
  endDay: number;
  era: ExportEra;
  quirks: boolean;
  ownerFirst: string;
  ownerLast: string;
  ownerName: string;
  ownerUrl: string;
  company: string;
  bodyBytes: number;
  tally: Tally;
}

interface Entry {
  name: string;
  records: () => Iterable<string>;
  eol?: '\n' | '\r\n';
  bom?: boolean;
  finalNewline?: boolean;
}

interface Person {
  first: string;
  last: string;
  name: string;
  url: string;
}

// ---------------------------------------------------------------------------------------------------------
// People

const slugOf = (first: string, last: string, tag: string): string =>
  `${encodeURIComponent(`${first}-${last}`.toLowerCase().replace(/[^\p{L}\p{N}-]/gu, ''))}-${tag}`;

/** A random person (connections, invitations, endorsements): names may repeat, as in real networks. */
const randomPerson = (rng: Rng, quirks: boolean): Person => {
  const first = rng.pick(FIRST_NAMES);
  let last: string = rng.pick(LAST_NAMES);
  if (quirks && rng.chance(0.06)) last += rng.pick(NAME_SUFFIXES);
  return { first, last, name: `${first} ${last}`, url: `${LINKEDIN}${slugOf(first, last, rng.hex(6))}` };
};

/**
 * The people the owner messages. Names are unique within the pool so that a count of distinct recipients
 * is the same by URL or by name (9- and 10-column messages.csv eras have no or partial URLs).
 */
class ContactPool {
  private readonly cache = new Map<number, Person>();
  readonly size: number;

  constructor(
    private readonly seed: number,
    messages: number,
  ) {
    this.size = Math.min(FIRST_NAMES.length * LAST_NAMES.length, Math.max(30, Math.round(messages / 12)));
  }

  get(index: number): Person {
    let person = this.cache.get(index);
    if (!person) {
      const first = at(FIRST_NAMES, index % FIRST_NAMES.length);
      let last: string = at(LAST_NAMES, Math.floor(index / FIRST_NAMES.length) % LAST_NAMES.length);
      if (index % 29 === 7) last += at(NAME_SUFFIXES, index % NAME_SUFFIXES.length);
      const tag = rngFor(this.seed, 'contact', index).hex(6);
      person = { first, last, name: `${first} ${last}`, url: `${LINKEDIN}${slugOf(first, last, tag)}` };
      this.cache.set(index, person);
    }
    return person;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Iterating the timeline

interface DayEvents {
  day: number;
  /** Event instants (ms), ascending. */
  instants: number[];
  rng: Rng;
}

/** Each day's events of one stream, from startDay to endDay (or the reverse, newest first like LinkedIn). */
function* daysOf(
  ctx: Context,
  stream: string,
  total: number,
  order: 'asc' | 'desc' = 'desc',
): Generator<DayEvents> {
  const { startDay } = ctx.span;
  if (total <= 0 || ctx.endDay < startDay) return;
  const counts = dailyCounts(ctx.span, stream, total, ctx.endDay);
  const days = counts.map((_, i) => startDay + i);
  if (order === 'desc') days.reverse();
  for (const day of days) {
    const n = at(counts, day - startDay);
    if (n === 0) continue;
    const rng = rngFor(ctx.seed, stream, day);
    const instants = secondsOfDay(rng, n).map((second) => dayStartMs(day) + second * 1000);
    yield { day, instants, rng };
  }
}

/** A day's rows were built oldest first; activity files list the newest first, like LinkedIn's. */
const newestFirst = <T>(rows: T[]): T[] => rows.reverse();

const activityId = (rng: Rng, ms: number): string =>
  ((BigInt(ms) << 22n) | BigInt(rng.int(1 << 22))).toString();
const feedUrl = (urn: string, id: string): string =>
  `https://www.linkedin.com/feed/update/urn%3Ali%3A${urn}%3A${id}`;

// ---------------------------------------------------------------------------------------------------------
// Activity files

function* sharesRecords(ctx: Context, total: number): Generator<string> {
  yield 'Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility';
  for (const { day, instants, rng } of daysOf(ctx, 'shares', total)) {
    const rows: string[] = [];
    for (const ms of instants) {
      const link = feedUrl(rng.chance(0.7) ? 'share' : 'ugcPost', activityId(rng, ms));
      const paragraphs = Array.from({ length: rng.between(1, 4) }, () => sentence(rng, rng.between(6, 30)));
      // LinkedIn wraps each paragraph break in quotes (docs/export-format.md), so the decoded text has stray quotes.
      const commentary = paragraphs.join('"\n""\n"');
      const media = `https://www.linkedin.com/dms/prv/image/v2/${rng.hex(12)}`;
      const shared = `https://example.com/blog/${rng.hex(8)}`;
      const visibility = rng.chance(0.8) ? 'MEMBER_NETWORK' : 'PUBLIC';
      const roll = rng.next();
      let values: [string, string, string];
      if (roll < 0.55) values = [commentary, '', rng.chance(0.3) ? media : ''];
      else if (roll < 0.62)
        values = ['', '', media]; // image-only post: still a post
      else if (roll < 0.82)
        values = [commentary, shared, '']; // shared a link with a comment
      else if (roll < 0.92) values = ['', shared, ''];
      else values = ['', '', '']; // bare repost
      const [text, sharedUrl, mediaUrl] = values;
      const reshare = sharedUrl !== '' || (text === '' && mediaUrl === '');
      ctx.tally.count(day, reshare ? 'reshare' : 'post');
      rows.push(row([isoDateTime(ms), link, text, sharedUrl, mediaUrl, visibility]));
    }
    yield* newestFirst(rows);
  }
}

function* repostRecords(ctx: Context, total: number): Generator<string> {
  yield 'Date,Link';
  for (const { day, instants, rng } of daysOf(ctx, 'reposts', total)) {
    const rows = instants.map((ms) => {
      ctx.tally.count(day, 'repost');
      return row([
        isoDateTime(ms),
        feedUrl('activity', activityId(rng, ms - rng.between(3600, 86400) * 1000)),
      ]);
    });
    yield* newestFirst(rows);
  }
}

function* commentRecords(ctx: Context, total: number): Generator<string> {
  yield 'Date,Link,Message';
  const backslash = ctx.quirks && (ctx.era === '2026' || ctx.era === '2025');
  const quote = backslash ? backslashField : field;
  for (const { day, instants, rng } of daysOf(ctx, 'comments', total)) {
    const rows: string[] = [];
    for (const ms of instants) {
      let link = feedUrl('activity', activityId(rng, ms - rng.between(600, 172800) * 1000));
      if (rng.chance(0.15))
        link += `?commentUrn=urn%3Ali%3Acomment%3A%28activity%3A${rng.digits(19)}%2C${rng.digits(19)}%29`;
      const roll = rng.next();
      if (ctx.quirks && roll < 0.03) {
        // Blank Date is real (docs/export-format.md): counted, but in no day.
        ctx.tally.countUndated('comment');
        rows.push(`,${link},${quote(sentence(rng, rng.between(3, 20)))}`);
      } else if (ctx.quirks && roll < 0.08) {
        // The 2024 dialect: a multi-line message left unquoted, with a blank line (docs/export-format.md). Its
        // lines hold no commas or quotes and never start like a record, as in the real file.
        ctx.tally.count(day, 'comment');
        const lines = [plainSentence(rng, 6), plainSentence(rng, 5), '', plainSentence(rng, 4)];
        rows.push(`${isoDateTime(ms)},${link},${lines.join('\n')}`);
      } else {
        ctx.tally.count(day, 'comment');
        let text = sentence(rng, rng.between(3, 40));
        if (rng.chance(0.15)) text += `\n\n${sentence(rng, rng.between(3, 12))}`;
        if (rng.chance(0.1)) text = `Love this: "${text}"`;
        rows.push(`${isoDateTime(ms)},${link},${quote(text)}`);
      }
    }
    yield* newestFirst(rows);
  }
}

function* reactionRecords(ctx: Context, total: number): Generator<string> {
  yield 'Date,Type,Link';
  for (const { day, instants, rng } of daysOf(ctx, 'reactions', total)) {
    const rows = instants.map((ms) => {
      ctx.tally.count(day, 'reaction');
      let link = feedUrl('activity', activityId(rng, ms - rng.between(60, 604800) * 1000));
      if (rng.chance(0.1))
        link += `?commentUrn=urn%3Ali%3Acomment%3A%28activity%3A${rng.digits(19)}%2C${rng.digits(19)}%29`;
      return row([isoDateTime(ms), rng.pick(REACTION_TYPES), link]);
    });
    yield* newestFirst(rows);
  }
}

function* voteRecords(ctx: Context, total: number): Generator<string> {
  yield 'Date,Link,OptionText';
  const options = ['Yes', 'No', 'Option B, probably', 'Depends on the team', 'All of the above'];
  for (const { day, instants, rng } of daysOf(ctx, 'votes', total)) {
    const rows = instants.map((ms) => {
      ctx.tally.count(day, 'vote');
      // Votes use un-encoded URNs, unlike the other activity files.
      const link = `https://www.linkedin.com/feed/update/urn:li:ugcPost:${activityId(rng, ms - 86_400_000)}`;
      return row([isoDateTime(ms), link, rng.pick(options)]);
    });
    yield* newestFirst(rows);
  }
}

function* searchRecords(ctx: Context, total: number): Generator<string> {
  yield 'Time,Search Query';
  // LinkedIn does not sort this file: rows are emitted month by month, shuffled within each month.
  let month: string | null = null;
  let pending: string[] = [];
  const flush = function* (key: string) {
    yield* rngFor(ctx.seed, 'searches/order', key).shuffle(pending);
    pending = [];
  };
  for (const { day, instants, rng } of daysOf(ctx, 'searches', total)) {
    const key = dayKeyMonth(day);
    if (month !== null && key !== month) yield* flush(month);
    month = key;
    for (const ms of instants) {
      ctx.tally.count(day, 'search');
      const query = rng.pick(SEARCH_TERMS);
      // Saved-search runs repeat the same (Time, Query) ×2 or ×4; the pipeline counts them once.
      const roll = rng.next();
      const copies = ctx.quirks ? (roll < 0.04 ? 4 : roll < 0.12 ? 2 : 1) : 1;
      for (let i = 0; i < copies; i++) pending.push(row([slashUtc(ms), query]));
    }
  }
  if (month !== null) yield* flush(month);
}

const dayKeyMonth = (day: number): string => new Date(dayStartMs(day)).toISOString().slice(0, 7);

function* savedItemRecords(ctx: Context, total: number): Generator<string> {
  yield 'savedItem,CreatedTime';
  for (const { day, instants, rng } of daysOf(ctx, 'savedItems', total)) {
    const rows = instants.map((ms) => {
      ctx.tally.count(day, 'saved_item');
      const item = `https://www.linkedin.com/feed/update/urn:li:activity:${activityId(rng, ms - 3_600_000)}`;
      return row([item, isoDateTime(ms)]);
    });
    yield* newestFirst(rows);
  }
}

function* memberFollowRecords(ctx: Context, total: number): Generator<string> {
  yield 'Date,Status,FullName';
  for (const { day, instants, rng } of daysOf(ctx, 'memberFollows', total)) {
    const rows: string[] = [];
    for (const ms of instants) {
      const person = randomPerson(rng, ctx.quirks);
      ctx.tally.count(day, 'member_follow');
      rows.push(row([isoDateTime(ms), 'Active', person.name]));
      // Unfollows are rows too, but not a follow: not counted.
      if (rng.chance(0.12)) rows.push(row([isoDateTime(ms), 'Unfollow', randomPerson(rng, ctx.quirks).name]));
    }
    yield* newestFirst(rows);
  }
}

function* companyFollowRecords(ctx: Context, total: number): Generator<string> {
  yield 'Organization,Followed On';
  for (const { day, instants, rng } of daysOf(ctx, 'companyFollows', total)) {
    const rows = instants.map((ms) => {
      ctx.tally.count(day, 'company_follow');
      return row([rng.pick(COMPANIES), javaDate(ms)]);
    });
    yield* newestFirst(rows);
  }
}

function* richMediaRecords(ctx: Context, total: number): Generator<string> {
  yield 'Date/Time,Media Description,Media Link';
  const what = ['a photo', 'a photo', 'a profile photo', 'an article cover photo', 'a background photo'];
  for (const { day, instants, rng } of daysOf(ctx, 'mediaUploads', total)) {
    const rows = instants.map((ms) => {
      ctx.tally.count(day, 'media_upload');
      const prose = `You uploaded ${rng.pick(what)} on ${richMediaTime(ms)} (GMT)`;
      const link = `https://www.linkedin.com/dms/prv/image/v2/${rng.hex(16)}`;
      return row([prose, rng.chance(0.5) ? '' : sentence(rng, 5), link]);
    });
    yield* newestFirst(rows);
  }
}

function* jobApplicationRecords(ctx: Context, total: number): Generator<string> {
  yield 'Application Date,Contact Email,Contact Phone Number,Company Name,Job Title,Job Url,Resume Name,Question And Answers';
  for (const { day, instants, rng } of daysOf(ctx, 'jobApplications', total)) {
    const rows = instants.map((ms) => {
      ctx.tally.count(day, 'job_application');
      const answers = `How many years of sales experience do you have?: ${rng.between(2, 15)}\nWilling to relocate?: ${rng.chance(0.5) ? 'Yes' : 'No'}`;
      return row([
        pacificShort(ms),
        'owner@example.com',
        '',
        rng.pick(COMPANIES),
        rng.pick(['Account Executive', 'Head of Sales', 'Sales Manager, DACH']),
        `https://www.linkedin.com/jobs/view/${rng.digits(10)}`,
        'Resume 2025.pdf',
        answers,
      ]);
    });
    yield* newestFirst(rows);
  }
}

interface ArticleFile {
  name: string;
  title: string;
  slug: string;
}

/** Articles are one file each, so they are drawn up front (entry names must be known before zipping). */
const planArticles = (ctx: Context, total: number): ArticleFile[] => {
  const titles = [
    'Why Outbound Is Not Dead',
    'Five Lessons From 100 Discovery Calls',
    'TOON vs JSON',
    'Pipeline Hygiene',
  ];
  const files: ArticleFile[] = [];
  for (const { day, instants, rng } of daysOf(ctx, 'articles', total, 'asc')) {
    for (const ms of instants) {
      const title = `${rng.pick(titles)} ${rng.between(1, 99)}`;
      const slug = `${title.toLowerCase().replaceAll(' ', '-')}-${rng.hex(5)}`;
      // Some exports name articles by timestamp (dated, UTC), others by slug (undated).
      if (ctx.quirks && rng.chance(0.25)) {
        ctx.tally.countUndated('article');
        files.push({ name: `Articles/Articles/${slug}.html`, title, slug });
      } else {
        ctx.tally.count(day, 'article');
        files.push({ name: `Articles/Articles/${articleStamp(ms)}-${title}.html`, title, slug });
      }
    }
  }
  return files;
};

const articleHtml = (ctx: Context, article: ArticleFile): string => {
  const rng = rngFor(ctx.seed, 'article-body', article.slug);
  const paragraphs = Array.from(
    { length: rng.between(3, 8) },
    () => `<p>${sentence(rng, rng.between(20, 60))}</p>`,
  );
  return `<html><head><title>${article.title}</title></head><body><h1><a href="https://www.linkedin.com/pulse/${article.slug}">${article.title}</a></h1>${paragraphs.join('')}</body></html>`;
};

// ---------------------------------------------------------------------------------------------------------
// Network files

function* invitationRecords(ctx: Context, perMonth: number): Generator<string> {
  const withUrls = ctx.era === '2026' || ctx.era === '2025' || ctx.era === '2024';
  yield withUrls
    ? 'From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl'
    : 'From,To,Sent At,Message,Direction';
  const nominalDays = ctx.span.scaleEndDay - ctx.span.startDay + 1;
  const total = Math.round((perMonth * nominalDays) / AVERAGE_DAYS_PER_MONTH);
  const windowStart = ctx.endDay - INVITATION_WINDOW_DAYS + 1;

  const render = (day: number, ms: number, rng: Rng, outgoing: boolean, message: string): string => {
    const other = randomPerson(rng, ctx.quirks);
    const [from, to] = outgoing ? [ctx.ownerName, other.name] : [other.name, ctx.ownerName];
    const [inviter, invitee] = outgoing ? [ctx.ownerUrl, other.url] : [other.url, ctx.ownerUrl];
    ctx.tally.count(day, outgoing ? 'invitation_sent' : 'invitation_received');
    if (outgoing && message.trim() !== '') ctx.tally.signal(day, 'invitation_sent.personalised');
    const values = [from, to, pacificShort(ms), message, outgoing ? 'OUTGOING' : 'INCOMING'];
    return row(withUrls ? [...values, inviter, invitee] : values);
  };

  for (const { day, instants, rng } of daysOf(ctx, 'invitations', total)) {
    if (day < windowStart) break; // newest first: everything older is outside the file's window
    const rows = instants.map((ms) => {
      const outgoing = rng.chance(0.6);
      let message = '';
      if (rng.chance(outgoing ? 0.35 : 0.2)) {
        message = `Hi, ${sentence(rng, rng.between(8, 30))}`;
        if (rng.chance(0.2)) message += `\n\n${sentence(rng, 6)}`;
      }
      return render(day, ms, rng, outgoing, message);
    });
    yield* newestFirst(rows);
  }
  // Two INCOMING invitations from the member's early years that were never answered stay in the file.
  const old = rngFor(ctx.seed, 'invitations/old');
  for (const offset of [old.between(20, 120), old.between(200, 500)]) {
    const day = ctx.span.startDay + offset;
    const ms = dayStartMs(day) + old.int(86_400) * 1000;
    const message = old.chance(0.5) ? `Hi, ${sentence(old, 10)}` : '';
    if (day <= ctx.endDay && day < windowStart) yield render(day, ms, old, false, message);
  }
}

const CONNECTIONS_NOTE =
  'When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email addresses for connections who have allowed their connections to see or download their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more here https://www.linkedin.com/help/linkedin/answer/261';

function* connectionRecords(ctx: Context, total: number): Generator<string> {
  const withUrl = ctx.era !== '2022';
  yield 'Notes:';
  yield field(CONNECTIONS_NOTE);
  yield '';
  yield withUrl
    ? 'First Name,Last Name,URL,Email Address,Company,Position,Connected On'
    : 'First Name,Last Name,Email Address,Company,Position,Connected On';
  const ownCompanyVariants = [
    ctx.company,
    ctx.company.toLowerCase(),
    ctx.company.toUpperCase(),
    ` ${ctx.company} `,
  ];
  for (const { day, instants, rng } of daysOf(ctx, 'connections', total)) {
    const rows = instants.map(() => {
      ctx.tally.count(day, 'connection');
      if (ctx.quirks && rng.chance(0.04)) return `${withUrl ? ',,,,,,' : ',,,,,'}${connectedOn(day)}`; // hidden profile
      const person = randomPerson(rng, ctx.quirks);
      const roll = rng.next();
      let company: string;
      if (roll < 0.08) {
        company = rng.pick(ownCompanyVariants);
        ctx.tally.signal(day, 'connection.coworker');
      } else if (roll < 0.1) {
        company = `${ctx.company} Holding`; // similar, not the same employer
      } else {
        company = rng.next() < 0.05 ? '' : rng.pick(COMPANIES);
      }
      let position = '';
      const titleRoll = rng.next();
      if (titleRoll < 0.22) {
        position = rng.pick(SENIOR_TITLES);
        ctx.tally.signal(day, 'connection.senior');
      } else if (titleRoll < 0.97) {
        position = rng.pick(OTHER_TITLES);
      }
      const email = rng.chance(0.1) ? `${person.first.toLowerCase()}.${rng.hex(4)}@example.com` : '';
      const values = [person.first, person.last, email, company, position, connectedOn(day)];
      if (withUrl) values.splice(2, 0, person.url);
      return row(values);
    });
    yield* newestFirst(rows);
  }
}

function* endorsementRecords(
  ctx: Context,
  total: number,
  direction: 'Received' | 'Given',
): Generator<string> {
  const role = direction === 'Received' ? 'Endorser' : 'Endorsee';
  const withUrl = ctx.era !== '2022';
  const header = ['Endorsement Date', 'Skill Name', `${role} First Name`, `${role} Last Name`];
  if (withUrl) header.push(`${role} Public Url`);
  yield [...header, 'Endorsement Status'].join(',');
  const kind = direction === 'Received' ? 'endorsement_received' : 'endorsement_given';
  for (const { day, instants, rng } of daysOf(ctx, `endorsements${direction}`, total)) {
    const rows = instants.map((ms) => {
      ctx.tally.count(day, kind);
      const person = randomPerson(rng, ctx.quirks);
      const status = rng.pick(['ACCEPTED', 'ACCEPTED', 'ACCEPTED', 'PENDING', 'HIDDEN']);
      const values = [slashUtc(ms), rng.pick(SKILLS), person.first, person.last];
      if (withUrl) values.push(person.url.replace('https://', ''));
      return row([...values, status]);
    });
    yield* newestFirst(rows);
  }
}

function* recommendationRecords(
  ctx: Context,
  total: number,
  direction: 'Received' | 'Given',
): Generator<string> {
  yield 'First Name,Last Name,Company,Job Title,Text,Creation Date,Status';
  const kind = direction === 'Received' ? 'recommendation_received' : 'recommendation_given';
  for (const { day, instants, rng } of daysOf(ctx, `recommendations${direction}`, total)) {
    const rows = instants.map((ms) => {
      ctx.tally.count(day, kind);
      const person = randomPerson(rng, ctx.quirks);
      const text = `${sentence(rng, 25)}\n\n${sentence(rng, 15)}`;
      return row([
        person.first,
        person.last,
        rng.pick(COMPANIES),
        rng.pick(OTHER_TITLES),
        text,
        pacificPadded(ms),
        'VISIBLE',
      ]);
    });
    yield* newestFirst(rows);
  }
}

// ---------------------------------------------------------------------------------------------------------
// messages.csv

/** The columns every era has, around where the recipients' URLs appear (2023 onwards). */
const MESSAGE_SENDER_COLUMNS = ['CONVERSATION ID', 'CONVERSATION TITLE', 'FROM', 'SENDER PROFILE URL', 'TO'];
const MESSAGE_BODY_COLUMNS = ['DATE', 'SUBJECT', 'CONTENT', 'FOLDER'];
const MESSAGE_COLUMNS_2023 = [...MESSAGE_SENDER_COLUMNS, 'RECIPIENT PROFILE URLS', ...MESSAGE_BODY_COLUMNS];

/** Each era's header: the 2023 columns plus what later eras appended (2022 lacked the recipients' URLs). */
export const MESSAGE_HEADERS: Record<ExportEra, string[]> = {
  '2026': [...MESSAGE_COLUMNS_2023, 'ATTACHMENTS'],
  '2025': [...MESSAGE_COLUMNS_2023, 'ATTACHMENTS', 'IS MESSAGE DRAFT'],
  '2024': [...MESSAGE_COLUMNS_2023, 'IS MESSAGE DRAFT', 'IS CONVERSATION DRAFT'],
  '2023': MESSAGE_COLUMNS_2023,
  '2022': [...MESSAGE_SENDER_COLUMNS, ...MESSAGE_BODY_COLUMNS],
};

interface Conversation {
  id: string;
  title: string;
  people: number[];
  folder: string;
  /** Who wrote the latest counted message: OWNER, a contact index, or null before the first. */
  last: number | null;
}

interface MessageRow {
  conversation: Conversation;
  from: string;
  fromUrl: string;
  to: Person[];
  ms: number;
  subject: string;
  content: string;
  attachments: string;
  draft: boolean;
}

const conversationId = (seed: number, stream: string, key: number | string): string =>
  `2-${Buffer.from(`${rngFor(seed, stream, key).hex(32)}_${key}`).toString('base64')}`;

const messageBody = (rng: Rng, averageBytes: number, greetName: string): string => {
  const roll = rng.next();
  if (roll < 0.03) return ''; // empty CONTENT is real (docs/export-format.md)
  const length = Math.min(
    MESSAGE_CORPUS.length - 1,
    Math.max(8, Math.round(averageBytes * (0.25 + 1.5 * rng.next()))),
  );
  const start = rng.int(MESSAGE_CORPUS.length - length);
  const text = MESSAGE_CORPUS.slice(start, start + length).trim();
  if (roll < 0.08) {
    const p = '<p class="spinmail-quill-editor__spin-break">';
    return `${p}Hi %FIRSTNAME%,</p>${p}${text}</p>`;
  }
  if (roll < 0.14) return `Hi ${greetName},\r\n\r\n${text}\r\n\r\nBest`;
  if (roll < 0.2) return `Hi ${greetName},\n\n${text}`;
  return text;
};

function* messageRecords(ctx: Context, total: number): Generator<string> {
  const header = MESSAGE_HEADERS[ctx.era];
  const allQuoted = ctx.era === '2026';
  const render = allQuoted ? quotedRow : row;
  yield render(header);
  const withDrafts = ctx.quirks && (ctx.era === '2025' || ctx.era === '2024');
  const pool = new ContactPool(ctx.seed, total);
  const owner: Person = {
    first: ctx.ownerFirst,
    last: ctx.ownerLast,
    name: ctx.ownerName,
    url: ctx.ownerUrl,
  };
  const byContact = new Map<number, Conversation>();
  let recent: Conversation[] = [];
  let created = 0;

  const open = (people: number[], title: string, rng: Rng): Conversation => {
    const conversation: Conversation = {
      id: conversationId(ctx.seed, 'conversation', created++),
      title,
      people,
      folder: rng.chance(0.05) ? 'ARCHIVE' : 'INBOX',
      last: null,
    };
    return conversation;
  };

  const toValues = (m: MessageRow): string[] => {
    const values: Record<string, string> = {
      'CONVERSATION ID': m.conversation.id,
      'CONVERSATION TITLE': m.conversation.title,
      FROM: m.from,
      'SENDER PROFILE URL': m.fromUrl,
      TO: m.to.map((p) => p.name).join(', '),
      'RECIPIENT PROFILE URLS': m.to.map((p) => p.url).join(','),
      DATE: messageDate(m.ms),
      SUBJECT: m.subject,
      CONTENT: m.content,
      FOLDER: m.conversation.folder,
      ATTACHMENTS: m.attachments,
      'IS MESSAGE DRAFT': m.draft ? 'Yes' : 'No',
      'IS CONVERSATION DRAFT': 'No',
    };
    return header.map((name) => values[name] ?? '');
  };

  // Conversations carry state from day to day, so the file is written oldest first.
  for (const { day, instants, rng } of daysOf(ctx, 'messages', total, 'asc')) {
    const rows: MessageRow[] = [];
    const peopleMessaged = new Set<number>();
    let replies = 0;
    for (const ms of instants) {
      let conversation: Conversation;
      const roll = rng.next();
      if (recent.length > 0 && roll < 0.6) {
        conversation = at(recent, rng.skewed(recent.length));
      } else if (roll < 0.93 || pool.size < 4) {
        const contact = rng.skewed(pool.size, 1.6);
        conversation = byContact.get(contact) ?? open([contact], '', rng);
        byContact.set(contact, conversation);
      } else {
        const people = new Set<number>();
        const size = rng.between(2, 4);
        while (people.size < size) people.add(rng.int(pool.size));
        conversation = open(
          [...people],
          rng.chance(0.5) ? rng.pick(['Q3 kickoff', 'Partner sync', 'Intro']) : '',
          rng,
        );
      }
      recent = [conversation, ...recent.filter((c) => c !== conversation)].slice(0, 40);

      // Plausible turn-taking: answers usually alternate, follow-ups happen.
      const ownerWrites =
        conversation.last === null
          ? rng.chance(0.55)
          : conversation.last === OWNER
            ? rng.chance(0.25)
            : rng.chance(0.6);
      const others = conversation.people.filter((p) => p !== conversation.last);
      const sender = ownerWrites ? OWNER : rng.pick(others.length > 0 ? others : conversation.people);
      const fromPerson = sender === OWNER ? owner : pool.get(sender);
      const to =
        sender === OWNER
          ? conversation.people.map((p) => pool.get(p))
          : [owner, ...conversation.people.filter((p) => p !== sender).map((p) => pool.get(p))];

      if (sender === OWNER) {
        ctx.tally.count(day, 'message_sent');
        for (const p of conversation.people) peopleMessaged.add(p);
        if (conversation.last !== null && conversation.last !== OWNER) replies++;
      } else {
        ctx.tally.count(day, 'message_received');
      }
      conversation.last = sender;
      const greet = sender === OWNER ? (to[0]?.first ?? '') : ctx.ownerFirst;
      rows.push({
        conversation,
        from: fromPerson.name,
        fromUrl: fromPerson.url,
        to,
        ms,
        subject: '',
        content: messageBody(rng, ctx.bodyBytes, greet),
        attachments: rng.chance(0.02) ? `https://www.linkedin.com/dms/prv/attachment/${rng.hex(20)}` : '',
        draft: false,
      });
    }
    ctx.tally.signal(day, 'message_sent.people', peopleMessaged.size);
    ctx.tally.signal(day, 'message_sent.reply', replies);

    // Extras that are rows but not member messages; their own streams leave the counted timeline alone.
    const extra = rngFor(ctx.seed, 'messages/extra', day);
    if (withDrafts && recent.length > 0 && extra.chance(0.08)) {
      const conversation = at(recent, extra.int(recent.length));
      rows.push({
        conversation,
        from: owner.name,
        fromUrl: owner.url,
        to: conversation.people.map((p) => pool.get(p)),
        ms: dayStartMs(day) + extra.int(86_400) * 1000,
        subject: '',
        content: messageBody(extra, ctx.bodyBytes, ''),
        attachments: '',
        draft: true,
      });
    }
    if (ctx.quirks && extra.chance(0.04)) {
      rows.push({
        conversation: {
          id: conversationId(ctx.seed, 'sponsored', day),
          title: 'Sponsored Conversation',
          people: [],
          folder: 'INBOX',
          last: null,
        },
        from: 'LinkedIn Member',
        fromUrl: '',
        to: [owner],
        ms: dayStartMs(day) + extra.int(86_400) * 1000,
        subject: 'Grow your pipeline with Sales Navigator',
        content: '<p class="spinmail-quill-editor__spin-break">Hi %FIRSTNAME%, try it free for 30 days.</p>',
        attachments: '',
        draft: false,
      });
    }
    rows.sort((a, b) => a.ms - b.ms);
    for (const m of rows) yield render(toValues(m));
  }
}

// ---------------------------------------------------------------------------------------------------------
// Profile and other files (no per-day events)

function* profileRecords(ctx: Context): Generator<string> {
  yield 'First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers';
  const summary = `Helping B2B teams sell, socially.\n\n${sentence(rngFor(ctx.seed, 'profile'), 30)}`;
  yield row([
    ctx.ownerFirst,
    ctx.ownerLast,
    '',
    '',
    'Mar 14',
    `Sales Director at ${ctx.company} | Social selling, B2B SaaS`,
    summary,
    'Software Development',
    '',
    'Berlin, Germany',
    '',
    `[COMPANY:https://example.com]`,
    '',
  ]);
}

function* positionRecords(ctx: Context): Generator<string> {
  yield 'Company Name,Title,Description,Location,Started On,Finished On';
  yield row([
    ctx.company,
    'Sales Director',
    'Leading a team of 8 AEs.\nNew logos, DACH and CEE.',
    'Berlin, Germany',
    monthYear(2022, 3),
    '',
  ]);
  yield row([
    'Contoso Retail',
    'Account Executive',
    '',
    'Warsaw, Poland',
    monthYear(2018, 9),
    monthYear(2022, 2),
  ]);
  yield row([
    'Litware, Inc.',
    'Sales Development Representative',
    '',
    'Warsaw, Poland',
    monthYear(2016, 1),
    monthYear(2018, 8),
  ]);
}

const STATIC_FILES: Array<[string, string[]]> = [
  [
    'Education.csv',
    [
      'School Name,Start Date,End Date,Notes,Degree Name,Activities',
      'Bellows College,2011,2016,,"Master of Science, Management",Debate club',
    ],
  ],
  ['Skills.csv', ['Name', ...SKILLS.slice(0, 8)]],
  [
    'Languages.csv',
    [
      'Name,Proficiency',
      'English,Full professional proficiency',
      'Polish,Native or bilingual proficiency',
      'German,Professional working proficiency',
    ],
  ],
  [
    'Certifications.csv',
    [
      'Name,Url,Authority,Started On,Finished On,License Number',
      'Certified Social Selling Professional,https://example.com/cert/123,Graphic Design Institute,Feb 2023,,CSSP-0042',
    ],
  ],
  ['Profile Summary.csv', ['Profile Summary', '']],
  [
    // Duplicate header names are real (docs/export-format.md).
    'Ad_Targeting.csv',
    [
      'Member Age,Company Names,Company Follower of,Company Names,Degrees,Job Functions,Job Seniorities,Job Titles,Company Names,Job Titles,Job Titles,Member Interests',
      '25 to 34,Contoso Retail; Fabrikam Logistics,Relecloud,Tailspin Toys,Master of Science,Sales,Director,Sales Director,Coho Winery,Account Executive,Sales Manager,Sales; Marketing',
    ],
  ],
  ['LearningCoachMessages.csv', ['No conversations found']],
  [
    // Trailing comma ⇒ an empty last header name.
    'Learning.csv',
    [
      'Content Title,Content Description,Content Type,Content Last Watched Date (if viewed),Content Completed At (if completed),Content Saved,Notes taken on videos (if taken),',
      'Social Selling Foundations,"Build your brand, find people.",COURSE,2025-02-11 18:02 UTC,2025-02-12 09:40 UTC,false,,',
    ],
  ],
  [
    'Registration.csv',
    ['Registered At,Registration Ip,Subscription Types', '"10/3/11, 9:12 AM",203.0.113.7,'],
  ],
  [
    'guide_messages.csv',
    [
      'CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER',
    ],
  ],
  [
    'coach_messages.csv',
    [
      'CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER',
    ],
  ],
  [
    'Events.csv',
    [
      'Event Name,Event Time,Status,External Url',
      'Sales Summit Berlin,"Jan 12, 2022 04:00 PM - Jan 12, 2022 05:00 PM",APPROVED,',
    ],
  ],
];

// ---------------------------------------------------------------------------------------------------------
// Assembly

const buildContext = (options: GeneratorOptions, tally: Tally): Context => {
  const startDay = dayNumber(options.startDate);
  const endDay = dayNumber(options.endDate);
  const scaleEndDay = dayNumber(options.timelineEndDate ?? options.endDate);
  if (scaleEndDay < startDay) throw new RangeError('timelineEndDate is before startDate');
  const name = options.memberName.trim();
  const space = name.indexOf(' ');
  return {
    seed: options.seed,
    span: { seed: options.seed, startDay, scaleEndDay },
    endDay,
    era: options.era ?? '2026',
    quirks: options.quirks ?? true,
    ownerFirst: space < 0 ? name : name.slice(0, space),
    ownerLast: space < 0 ? '' : name.slice(space + 1),
    ownerName: name,
    ownerUrl: `${LINKEDIN}${options.memberSlug}`,
    company: options.currentCompany ?? at(COMPANIES, rngFor(options.seed, 'company').int(COMPANIES.length)),
    bodyBytes: options.messageBodyBytes ?? 160,
    tally,
  };
};

const planEntries = (ctx: Context, options: GeneratorOptions): Entry[] => {
  const s = options.scale;
  const quirks = ctx.quirks;
  // Some 2026 archives suffix per-member activity files with digits (docs/export-format.md).
  const suffix = quirks && ctx.era === '2026' ? `_${rngFor(ctx.seed, 'file-suffix').digits(9)}` : '';
  const entries: Entry[] = [
    { name: 'Profile.csv', records: () => profileRecords(ctx) },
    { name: 'Positions.csv', records: () => positionRecords(ctx) },
    ...STATIC_FILES.map(([name, lines]) => ({ name, records: () => lines })),
  ];
  const add = (total: number | undefined, entry: Entry) => {
    if ((total ?? 0) > 0) entries.push(entry);
  };
  add(s.connections, {
    name: 'Connections.csv',
    records: () => connectionRecords(ctx, s.connections),
    finalNewline: !quirks,
  });
  add(s.invitationsPerMonth, {
    name: 'Invitations.csv',
    records: () => invitationRecords(ctx, s.invitationsPerMonth),
  });
  add(s.messages, { name: 'messages.csv', records: () => messageRecords(ctx, s.messages) });
  add(s.companyFollows, {
    name: 'Company Follows.csv',
    records: () => companyFollowRecords(ctx, s.companyFollows ?? 0),
    finalNewline: !quirks,
  });
  add(s.endorsementsReceived, {
    name: 'Endorsement_Received_Info.csv',
    records: () => endorsementRecords(ctx, s.endorsementsReceived ?? 0, 'Received'),
  });
  add(s.endorsementsGiven, {
    name: 'Endorsement_Given_Info.csv',
    records: () => endorsementRecords(ctx, s.endorsementsGiven ?? 0, 'Given'),
  });
  add(s.recommendationsReceived, {
    name: 'Recommendations_Received.csv',
    records: () => recommendationRecords(ctx, s.recommendationsReceived ?? 0, 'Received'),
  });
  add(s.recommendationsGiven, {
    name: 'Recommendations_Given.csv',
    records: () => recommendationRecords(ctx, s.recommendationsGiven ?? 0, 'Given'),
  });
  add(s.shares, { name: `Shares${suffix}.csv`, records: () => sharesRecords(ctx, s.shares) });
  add(s.reposts, { name: `InstantReposts${suffix}.csv`, records: () => repostRecords(ctx, s.reposts ?? 0) });
  add(s.comments, { name: `Comments${suffix}.csv`, records: () => commentRecords(ctx, s.comments) });
  add(s.reactions, {
    name: `Reactions${suffix}.csv`,
    records: () => reactionRecords(ctx, s.reactions),
    bom: quirks,
  });
  add(s.votes, {
    name: `Votes${suffix}.csv`,
    records: () => voteRecords(ctx, s.votes ?? 0),
    eol: quirks ? '\r\n' : '\n',
  });
  add(s.searches, { name: 'SearchQueries.csv', records: () => searchRecords(ctx, s.searches) });
  add(s.savedItems, {
    name: `Saved_Items${suffix}.csv`,
    records: () => savedItemRecords(ctx, s.savedItems ?? 0),
  });
  add(s.memberFollows, {
    name: `Member_Follows${suffix}.csv`,
    records: () => memberFollowRecords(ctx, s.memberFollows ?? 0),
  });
  entries.push({ name: `Hashtag_Follows${suffix}.csv`, records: () => ['Date,HashtagName'] }); // header-only
  add(s.mediaUploads, { name: 'Rich_Media.csv', records: () => richMediaRecords(ctx, s.mediaUploads ?? 0) });
  add(s.jobApplications, {
    name: 'Jobs/Job Applications.csv',
    records: () => jobApplicationRecords(ctx, s.jobApplications ?? 0),
  });
  for (const article of planArticles(ctx, s.articles ?? 0)) {
    entries.push({ name: article.name, records: () => [articleHtml(ctx, article)], finalNewline: false });
  }
  return entries;
};

/** One entry's bytes, produced lazily in ~64 KiB chunks. */
function* encode(entry: Entry, counter: { bytes: number }): Generator<Buffer> {
  const eol = entry.eol ?? '\n';
  let parts: string[] = entry.bom ? ['\uFEFF'] : [];
  let pending = 0;
  let first = true;
  const flush = (): Buffer => {
    const chunk = Buffer.from(parts.join(''), 'utf8');
    counter.bytes += chunk.length;
    parts = [];
    pending = 0;
    return chunk;
  };
  for (const record of entry.records()) {
    if (!first) parts.push(eol);
    first = false;
    parts.push(record);
    pending += record.length;
    if (pending >= 65_536) yield flush();
  }
  if ((entry.finalNewline ?? true) && !first) parts.push(eol);
  yield flush();
}

/** Writes the export ZIP to `outPath` and returns what it holds, including the expected per-day counts. */
export async function writeExport(outPath: string, options: GeneratorOptions): Promise<GeneratedExport> {
  const tally = new Tally();
  const ctx = buildContext(options, tally);
  // Exported at the end of the export day, so the archive holds that whole day.
  const exportedAt = new Date(dayStartMs(ctx.endDay) + 86_399_000);
  const entries = planEntries(ctx, options);
  const counter = { bytes: 0 };

  const zip = new ZipFile();
  for (const entry of entries) {
    zip.addReadStreamLazy(entry.name, { mtime: exportedAt, compress: true }, (callback) => {
      callback(null, Readable.from(encode(entry, counter), { objectMode: false }));
    });
  }
  zip.on('error', (error: Error) => (zip.outputStream as Readable).destroy(error));
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(outPath));

  return {
    path: outPath,
    exportedAt,
    files: entries.map((entry) => entry.name),
    expected: tally.toDays(),
    undated: { ...tally.undated },
    uncompressedBytes: counter.bytes,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Ready-made members

/** The local stack's sample member: about two years, every quirk, small enough to ingest in seconds. */
export const SAMPLE_OPTIONS: GeneratorOptions = {
  seed: 20_260_415,
  memberName: 'Jordan Ellis-Park',
  memberSlug: 'jordan-ellis-park-4b2a91',
  startDate: '2024-05-01',
  endDate: '2026-04-15',
  timelineEndDate: '2026-04-15',
  era: '2026',
  quirks: true,
  currentCompany: 'Northwind Analytics',
  scale: {
    connections: 600,
    messages: 2500,
    comments: 250,
    reactions: 1200,
    shares: 90,
    searches: 700,
    invitationsPerMonth: 40,
    reposts: 25,
    votes: 15,
    articles: 4,
    savedItems: 40,
    memberFollows: 30,
    companyFollows: 45,
    mediaUploads: 12,
    jobApplications: 6,
    endorsementsReceived: 60,
    endorsementsGiven: 40,
    recommendationsReceived: 5,
    recommendationsGiven: 3,
  },
};

const HEAVY_SCALE: Required<GeneratorScale> = {
  connections: 30_000,
  messages: 400_000,
  comments: 8_000,
  reactions: 60_000,
  shares: 1_500,
  searches: 30_000,
  invitationsPerMonth: 400,
  reposts: 300,
  votes: 200,
  articles: 20,
  savedItems: 800,
  memberFollows: 500,
  companyFollows: 600,
  mediaUploads: 200,
  jobApplications: 60,
  endorsementsReceived: 900,
  endorsementsGiven: 700,
  recommendationsReceived: 25,
  recommendationsGiven: 15,
};

/**
 * The benchmark member: about five years, ≈30k connections, ≈400k message rows, ≈180 MB uncompressed with
 * messages ≈90 %. Every count scales with `multiplier` (3 ⇒ ≈3× the rows and bytes).
 */
export function heavyOptions(multiplier = 1): GeneratorOptions {
  if (!(multiplier > 0)) throw new RangeError('multiplier must be positive');
  const scaled = Object.fromEntries(
    Object.entries(HEAVY_SCALE).map(([key, value]) => [key, Math.max(1, Math.round(value * multiplier))]),
  ) as unknown as Required<GeneratorScale>;
  return {
    seed: 180_000_000,
    memberName: 'Morgan Kowalczyk-Reyes',
    memberSlug: 'morgan-kowalczyk-reyes-9f31c2',
    startDate: '2021-04-16',
    endDate: '2026-04-15',
    timelineEndDate: '2026-04-15',
    era: '2026',
    quirks: true,
    currentCompany: 'Northwind Analytics',
    messageBodyBytes: 130,
    scale: scaled,
  };
}
