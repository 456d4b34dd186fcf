import type { EventKind } from '../domain/kinds';
import { isSeniorTitle } from '../domain/seniority';
import { at, Columns, type CsvFileType } from './csv-file-type';
import {
  parseArticleFileName,
  parseDayMonYear,
  parseIsoUtc,
  parseJavaDate,
  parseRichMediaProse,
  parseSlashUtc,
  parseUsPacific,
} from './dates';
import { detach } from './detach';
import { hash53 } from './hash';
import { messagesFileType } from './messages';
import { PROFILE_FILE_TYPES } from './profile-files';
import { profileKey } from './profile-key';

/** A file whose every row is one `kind` event stamped by `dateColumn`. */
const eventFile = (
  spec: Omit<CsvFileType, 'parser' | 'reads'> & {
    dateColumn: string;
    parseDate: (text: string) => number | undefined;
    /** Optional: a row counts only when this holds. */
    when?: { column: string; test: (value: string) => boolean };
    blankDateIsUndated?: boolean;
  },
): CsvFileType => {
  const kind = spec.kinds[0] as EventKind;
  return {
    ...spec,
    reads: [spec.dateColumn, ...(spec.when ? [spec.when.column] : [])],
    parser: (columns, ctx) => {
      const date = columns.of(spec.dateColumn);
      const filter = spec.when ? { index: columns.of(spec.when.column), test: spec.when.test } : undefined;
      return {
        row(fields, line) {
          if (filter && !filter.test(at(fields, filter.index).trim())) return;
          const text = at(fields, date).trim();
          if (text === '' && spec.blankDateIsUndated) return ctx.undated(kind);
          const day = ctx.dayOf(text === '' ? undefined : spec.parseDate(text), line, text.length);
          if (day) ctx.count(kind, day);
        },
      };
    },
  };
};

/** Comments rows that are not a record start are continuation lines of an unquoted multi-line message (2024). */
const COMMENT_RECORD_START = /^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)?,/;

const shares: CsvFileType = {
  type: 'Shares',
  names: ['shares'],
  required: ['date', 'sharelink', 'sharecommentary'],
  reads: ['date', 'sharecommentary', 'sharedurl', 'mediaurl'],
  kinds: ['post', 'reshare'],
  parser: (columns, ctx) => {
    const [date, commentary, sharedUrl, mediaUrl] = ['date', 'sharecommentary', 'sharedurl', 'mediaurl'].map(
      (name) => columns.of(name),
    ) as [number, number, number, number];
    return {
      row(fields, line) {
        // A share of someone else's content (SharedUrl), or a bare row with neither text nor media, is a reshare.
        const isReshare =
          at(fields, sharedUrl).trim() !== '' ||
          (at(fields, commentary).trim() === '' && at(fields, mediaUrl).trim() === '');
        const kind: EventKind = isReshare ? 'reshare' : 'post';
        const text = at(fields, date).trim();
        const day = ctx.dayOf(parseIsoUtc(text), line, text.length);
        if (day) ctx.count(kind, day);
      },
    };
  },
};

const invitations: CsvFileType = {
  type: 'Invitations',
  names: ['invitations'],
  required: ['from', 'to', 'sent at', 'direction'],
  reads: ['sent at', 'direction', 'message', 'inviterprofileurl', 'inviteeprofileurl'],
  kinds: ['invitation_sent', 'invitation_received'],
  early: true,
  parser: (columns, ctx) => {
    const [sentAt, direction, message] = ['sent at', 'direction', 'message'].map((n) => columns.of(n)) as [
      number,
      number,
      number,
    ];
    const [inviter, invitee] = [columns.of('inviterprofileurl'), columns.of('inviteeprofileurl')];
    // The owner is the inviter on OUTGOING rows and the invitee on INCOMING ones (7-column form, late 2023+).
    const ownerVotes = new Map<string, number>();
    const vote = (url: string) => {
      const key = profileKey(url);
      if (key) ownerVotes.set(detach(key), (ownerVotes.get(key) ?? 0) + 1);
    };
    return {
      finish() {
        const [best] = [...ownerVotes].sort((a, b) => b[1] - a[1]);
        if (best && ctx.owner.profileKey === undefined) ctx.owner.profileKey = best[0];
      },
      row(fields, line) {
        const dir = at(fields, direction).trim().toUpperCase();
        vote(at(fields, dir === 'OUTGOING' ? inviter : invitee));
        if (dir !== 'OUTGOING' && dir !== 'INCOMING') return ctx.reject(line, 'unknown Direction');
        const text = at(fields, sentAt).trim();
        const day = ctx.dayOf(parseUsPacific(text), line, text.length);
        if (!day) return;
        if (dir === 'INCOMING') return ctx.count('invitation_received', day);
        ctx.count('invitation_sent', day);
        if (at(fields, message).trim() !== '') ctx.signal('invitation_sent.personalised', day);
      },
    };
  },
};

const connections: CsvFileType = {
  type: 'Connections',
  names: ['connections'],
  required: ['first name', 'connected on'],
  reads: ['connected on', 'company', 'position'],
  kinds: ['connection'],
  headerSearchLines: 10,
  parser: (columns, ctx) => {
    const [connectedOn, company, position] = ['connected on', 'company', 'position'].map((n) =>
      columns.of(n),
    ) as [number, number, number];
    return {
      row(fields, line) {
        const text = at(fields, connectedOn).trim();
        // `Connected On` is a calendar date with no zone: it is taken as the day it states.
        const day = ctx.checkDay(parseDayMonYear(text), line, text.length);
        if (!day) return;
        ctx.count('connection', day);
        const title = at(fields, position).trim();
        if (title !== '' && isSeniorTitle(title)) ctx.signal('connection.senior', day);
        const employer = at(fields, company).trim().toLowerCase();
        if (employer !== '' && employer === ctx.owner.company) ctx.signal('connection.coworker', day);
      },
    };
  },
};

const articleDateOf = parseArticleFileName;

const ACTIVITY_FILE_TYPES: readonly CsvFileType[] = [
  shares,
  eventFile({
    type: 'Comments',
    names: ['comments'],
    required: ['date', 'link', 'message'],
    kinds: ['comment'],
    dateColumn: 'date',
    parseDate: parseIsoUtc,
    blankDateIsUndated: true,
    csv: { backslashEscapes: true, isRecordStart: (line) => COMMENT_RECORD_START.test(line) },
  }),
  eventFile({
    type: 'Reactions',
    names: ['reactions'],
    required: ['date', 'type', 'link'],
    kinds: ['reaction'],
    dateColumn: 'date',
    parseDate: parseIsoUtc,
  }),
  eventFile({
    type: 'Votes',
    names: ['votes'],
    required: ['date', 'link', 'optiontext'],
    kinds: ['vote'],
    dateColumn: 'date',
    parseDate: parseIsoUtc,
  }),
  eventFile({
    type: 'InstantReposts',
    names: ['instantreposts'],
    required: ['date', 'link'],
    kinds: ['repost'],
    dateColumn: 'date',
    parseDate: parseIsoUtc,
  }),
  {
    type: 'SearchQueries',
    names: ['searchqueries'],
    required: ['time', 'search query'],
    reads: ['time', 'search query'],
    kinds: ['search'],
    parser: (columns, ctx) => {
      const [time, query] = [columns.of('time'), columns.of('search query')];
      // Exact (Time, Query) duplicates are saved-search re-runs at the same second: count them once.
      // Rows are not sorted, so remember every pair, as a 53-bit hash (8 bytes, not the query text).
      const seen = new Set<number>();
      return {
        row(fields, line) {
          const text = at(fields, time).trim();
          const key = hash53(at(fields, query), hash53(text));
          if (seen.has(key)) return;
          seen.add(key);
          const day = ctx.dayOf(parseSlashUtc(text), line, text.length);
          if (day) ctx.count('search', day);
        },
      };
    },
  },
  invitations,
  messagesFileType,
  connections,
  eventFile({
    type: 'Endorsement_Received_Info',
    names: ['endorsementreceivedinfo'],
    required: ['endorsement date', 'skill name'],
    kinds: ['endorsement_received'],
    dateColumn: 'endorsement date',
    parseDate: parseSlashUtc,
  }),
  eventFile({
    type: 'Endorsement_Given_Info',
    names: ['endorsementgiveninfo'],
    required: ['endorsement date', 'skill name'],
    kinds: ['endorsement_given'],
    dateColumn: 'endorsement date',
    parseDate: parseSlashUtc,
  }),
  eventFile({
    type: 'Recommendations_Received',
    names: ['recommendationsreceived'],
    required: ['creation date', 'text'],
    kinds: ['recommendation_received'],
    dateColumn: 'creation date',
    parseDate: parseUsPacific,
  }),
  eventFile({
    type: 'Recommendations_Given',
    names: ['recommendationsgiven'],
    required: ['creation date', 'text'],
    kinds: ['recommendation_given'],
    dateColumn: 'creation date',
    parseDate: parseUsPacific,
  }),
  eventFile({
    type: 'Company Follows',
    names: ['companyfollows'],
    required: ['organization', 'followed on'],
    kinds: ['company_follow'],
    dateColumn: 'followed on',
    parseDate: parseJavaDate,
  }),
  eventFile({
    type: 'Member_Follows',
    names: ['memberfollows'],
    required: ['date', 'status', 'fullname'],
    kinds: ['member_follow'],
    dateColumn: 'date',
    parseDate: parseIsoUtc,
    // `Unfollow` rows record the opposite action.
    when: { column: 'status', test: (status) => status.toLowerCase() !== 'unfollow' },
  }),
  eventFile({
    type: 'Saved_Items',
    names: ['saveditems'],
    required: ['saveditem', 'createdtime'],
    kinds: ['saved_item'],
    dateColumn: 'createdtime',
    parseDate: parseIsoUtc,
  }),
  eventFile({
    type: 'Rich_Media',
    names: ['richmedia'],
    required: ['date/time', 'media link'],
    kinds: ['media_upload'],
    dateColumn: 'date/time',
    parseDate: parseRichMediaProse,
  }),
  eventFile({
    type: 'Job Applications',
    names: ['jobapplications'],
    required: ['application date', 'company name'],
    kinds: ['job_application'],
    dateColumn: 'application date',
    parseDate: parseUsPacific,
  }),
];

export const CSV_FILE_TYPES: readonly CsvFileType[] = [...PROFILE_FILE_TYPES, ...ACTIVITY_FILE_TYPES];

/** Long-form articles are HTML files under `Articles/`; the date, when any, is in the file name. */
export const ARTICLE_KIND: EventKind = 'article';
export const isArticlePath = (path: string): boolean => /(^|\/)articles\/.*\.html?$/i.test(path);
export const articleDate = (path: string): number | undefined =>
  articleDateOf(path.slice(path.lastIndexOf('/') + 1));
/** Whether an article's file name starts with a date stamp (`2025-11-21 17_31_01`), valid or not. */
export const hasArticleStamp = (path: string): boolean =>
  /^\d{4}-\d\d-\d\d \d\d_\d\d_\d\d/.test(path.slice(path.lastIndexOf('/') + 1));

/**
 * `Company Follows.csv`, `Company_Follows.csv` and `company follows.CSV` are one file; 2026 exports may add a
 * `_<digits>` member suffix (`Shares_181682616.csv`).
 */
export const normaliseFileName = (path: string): { base: string; suffixed: boolean } | undefined => {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const match = /^(.*?)(_\d+)?\.csv$/i.exec(name);
  if (!match?.[1]) return undefined;
  return { base: match[1].replace(/[\s_]+/g, '').toLowerCase(), suffixed: match[2] !== undefined };
};

export const fileTypeByName = (path: string): { type: CsvFileType; suffixed: boolean } | undefined => {
  const name = normaliseFileName(path);
  if (!name) return undefined;
  const type = CSV_FILE_TYPES.find((t) => t.names.includes(name.base));
  return type ? { type, suffixed: name.suffixed } : undefined;
};

/**
 * The kinds a header fits: every type whose required columns it has (extra columns are fine: LinkedIn adds
 * them over the years), less those whose required columns another fitting type also requires — a Reactions
 * header (`Date,Type,Link`) has InstantReposts' `Date,Link` too, and is Reactions. Several results mean the
 * header alone cannot tell (Recommendations Given and Received share one).
 */
export const fileTypesByHeader = (header: readonly string[]): CsvFileType[] => {
  const columns = new Columns(header);
  const fits = CSV_FILE_TYPES.filter((t) => !t.byNameOnly && t.required.every((name) => columns.has(name)));
  return fits.filter(
    (t) =>
      !fits.some(
        (other) =>
          other.required.length > t.required.length && t.required.every((n) => other.required.includes(n)),
      ),
  );
};
