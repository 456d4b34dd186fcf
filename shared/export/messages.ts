import type { Day } from '../domain/kinds';
import { at, type Columns, type CsvFileType, type RowParser } from './csv-file-type';
import { parseIsoLocalT, parseIsoUtc, parseLegacyMessageDate, parseUtcSuffixed, utcDay } from './dates';
import { detach } from './detach';
import type { FileContext, OwnerIdentity } from './file-context';
import { hash53 } from './hash';
import { profileKey } from './profile-key';
import { ReplyCounter } from './replies';

/**
 * messages.csv, every era: 9 to 12 columns (2021–2026), all-quoted in 2026; the 2019–2020 7-column form
 * (`FROM,TO,DATE,SUBJECT,CONTENT,DIRECTION,FOLDER`, ISO dates without a zone) and the ~2018 `Messages.csv`,
 * both with a Direction column. CONTENT and SUBJECT are never read: the tokenizer skips them without copying.
 */
const READS = [
  'conversation id',
  'conversation title',
  'from',
  'sender profile url',
  'recipient profile urls',
  'to',
  'date',
  'is message draft',
  'direction',
];

/** Sponsored messages and InMail ads come from "LinkedIn Member" with no profile URL: not member activity. */
const isSponsored = (from: string, senderUrl: string, title: string): boolean =>
  (from === 'LinkedIn Member' && senderUrl === '') || title === 'Sponsored Conversation';

const parseMessageDate = (text: string): number | undefined =>
  parseUtcSuffixed(text) ?? parseIsoUtc(text) ?? parseIsoLocalT(text) ?? parseLegacyMessageDate(text);

/**
 * Profile keys by raw URL text. A member's export repeats the same few hundred URLs across hundreds of
 * thousands of rows; normalising each once keeps the regex and URI decoding off the hot path.
 */
const CACHE_LIMIT = 5_000;

class ProfileKeys {
  private readonly byUrl = new Map<string, string | undefined>();
  private readonly recipientsByUrls = new Map<string, string[]>();

  of(url: string): string | undefined {
    if (this.byUrl.has(url)) return this.byUrl.get(url);
    // A cache, not a record: bounded so that memory does not grow with the number of people in the export.
    if (this.byUrl.size >= CACHE_LIMIT) this.byUrl.clear();
    const key = profileKey(url);
    this.byUrl.set(detach(url), key === undefined ? undefined : detach(key));
    return key;
  }

  /** Recipients of a message: profile keys from RECIPIENT PROFILE URLS, else the TO names as one key. */
  recipients(urls: string, to: string): string[] {
    const cacheKey = `${urls}\u0000${to}`;
    let keys = this.recipientsByUrls.get(cacheKey);
    if (!keys) {
      if (this.recipientsByUrls.size >= CACHE_LIMIT) this.recipientsByUrls.clear();
      keys = recipientKeys(urls, to, (url) => this.of(url));
      this.recipientsByUrls.set(detach(cacheKey), keys);
    }
    return keys;
  }
}

const recipientKeys = (urls: string, to: string, keyOf: (url: string) => string | undefined): string[] => {
  const keys = urls
    .split(',')
    .map(keyOf)
    .filter((key): key is string => key !== undefined);
  // Before mid-2023 there are no recipient URLs; the TO names (joined with ", ", which names also contain)
  // then identify the conversation partner(s) as one key.
  return keys.length > 0 ? keys : to.trim() === '' ? [] : [detach(`name:${to.trim().toLowerCase()}`)];
};

/** What one message row is, once filtered: undefined for drafts, sponsored and undatable rows. */
interface MessageRow {
  ms: number;
  day: Day;
  sent: boolean;
  conversation: string;
}

class MessagesParser implements RowParser {
  private readonly col: Record<string, number>;
  // Distinct recipients per day, as 53-bit hashes of their profile keys: 8 bytes each, not a string.
  private readonly peoplePerDay = new Map<Day, Set<number>>();
  private readonly replies = new ReplyCounter((ms, delta) =>
    this.ctx.signal('message_sent.reply', utcDay(ms), delta),
  );
  private readonly keys = new ProfileKeys();

  constructor(
    columns: Columns,
    private readonly ctx: FileContext,
  ) {
    this.col = Object.fromEntries(READS.map((name) => [name, columns.of(name)]));
  }

  row(fields: readonly string[], line: number): void {
    const message = this.classify(fields, line);
    if (!message) return;
    const { day, sent } = message;
    if (!sent) {
      this.ctx.count('message_received', day);
    } else {
      this.ctx.count('message_sent', day);
      let people = this.peoplePerDay.get(day);
      if (!people) {
        people = new Set();
        this.peoplePerDay.set(day, people);
      }
      const c = this.col;
      const recipients = this.keys.recipients(
        at(fields, c['recipient profile urls'] as number),
        at(fields, c.to as number),
      );
      for (const key of recipients) people.add(hash53(key));
    }
    if (message.conversation !== '') this.replies.add(hash53(message.conversation), message.ms, sent);
  }

  finish(): void {
    for (const [day, people] of this.peoplePerDay) this.ctx.signal('message_sent.people', day, people.size);
  }

  /** Conversations not written in time order are settled by a second read of the file. */
  secondPass(): RowParser | undefined {
    const pass = this.replies.secondPass();
    if (!pass) return undefined;
    return {
      row: (fields, line) => {
        // Same rows as the first pass; rejections were reported then.
        const message = this.classify(fields, line, false);
        if (message && message.conversation !== '')
          pass.add(hash53(message.conversation), message.ms, message.sent);
      },
      finish: () => pass.finish(),
    };
  }

  private classify(fields: readonly string[], line: number, report = true): MessageRow | undefined {
    const c = this.col;
    if (
      at(fields, c['is message draft'] as number)
        .trim()
        .toLowerCase() === 'yes'
    )
      return undefined;
    const from = at(fields, c.from as number).trim();
    const senderUrl = at(fields, c['sender profile url'] as number).trim();
    if (isSponsored(from, senderUrl, at(fields, c['conversation title'] as number).trim())) return undefined;
    const text = at(fields, c.date as number).trim();
    const ms = text === '' ? undefined : parseMessageDate(text);
    const day = report ? this.ctx.dayOf(ms, line, text.length) : this.ctx.plausibleDay(ms);
    if (!day || ms === undefined) return undefined;
    const direction = at(fields, c.direction as number)
      .trim()
      .toUpperCase();
    const sent =
      direction !== ''
        ? direction === 'OUTGOING'
        : isFromOwner(this.ctx.owner, this.keys.of(senderUrl), from);
    return { ms, day, sent, conversation: at(fields, c['conversation id'] as number) };
  }
}

/** Sent ⇔ the sender's profile is the owner's; without a sender URL, the sender name is the owner's name. */
const isFromOwner = (owner: OwnerIdentity, senderKey: string | undefined, from: string): boolean => {
  if (senderKey !== undefined && owner.profileKey !== undefined) return senderKey === owner.profileKey;
  if (owner.fullName !== undefined && from === owner.fullName) {
    // Learn the owner's URL from their own messages so later rows compare by URL.
    if (senderKey !== undefined && owner.profileKey === undefined) owner.profileKey = senderKey;
    return true;
  }
  return false;
};

export const messagesFileType: CsvFileType = {
  type: 'messages',
  names: ['messages'],
  required: ['from', 'to', 'date'],
  reads: READS,
  kinds: ['message_sent', 'message_received'],
  parser: (columns, ctx) => new MessagesParser(columns, ctx),
};

/**
 * Last-resort owner detection when neither Invitations nor Profile names the owner: the owner takes part in
 * every conversation, so the profile URL present in the most conversations is theirs. Fed the same rows
 * as the parser, in a separate pass over the file.
 */
export class OwnerVote implements RowParser {
  private readonly conversationsByKey = new Map<string, Set<string>>();
  private readonly cols: { conversation: number; sender: number; recipients: number };

  constructor(columns: Columns) {
    this.cols = {
      conversation: columns.of('conversation id'),
      sender: columns.of('sender profile url'),
      recipients: columns.of('recipient profile urls'),
    };
  }

  row(fields: readonly string[]): void {
    const conversation = at(fields, this.cols.conversation);
    const urls = [at(fields, this.cols.sender), ...at(fields, this.cols.recipients).split(',')];
    for (const url of urls) {
      const key = profileKey(url);
      if (!key) continue;
      let conversations = this.conversationsByKey.get(key);
      if (!conversations) {
        conversations = new Set();
        this.conversationsByKey.set(detach(key), conversations);
      }
      if (!conversations.has(conversation)) conversations.add(detach(conversation));
    }
  }

  winner(): string | undefined {
    let best: string | undefined;
    let bestCount = 0;
    for (const [key, conversations] of this.conversationsByKey) {
      if (conversations.size > bestCount) {
        best = key;
        bestCount = conversations.size;
      }
    }
    return best;
  }
}
