/**
 * Privacy canary: message bodies and subjects, comment text, post commentary, invitation notes and other
 * free text carry unique strings; after the export went through the whole local stack (S3 → queue → ingest
 * handler → DynamoDB → API), none of them may appear in any stored item, any log line (at DEBUG), any
 * metric (EMF lines are log lines) or any API response.
 */
import { DynamoDBClient, paginateScan } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/aws-env';
import { MESSAGE_HEADERS } from '../../sample/generator';
import { INGEST_METRICS } from '../../shared/observability/names';
import { useLocalStack } from '../support/local-stack';
import { buildZip } from '../support/zip-builder';

// Before the stack imports the handlers: their loggers and metrics read these at module scope.
const TEST_ENV = { POWERTOOLS_LOG_LEVEL: 'DEBUG', POWERTOOLS_METRICS_DISABLED: 'false' };
const savedEnv = Object.fromEntries(Object.keys(TEST_ENV).map((name) => [name, process.env[name]]));
Object.assign(process.env, TEST_ENV);

/** Everything the process writes while the stack runs (the Powertools logger and metrics write here). */
const written: string[] = [];
const originalWrites = { stdout: process.stdout.write, stderr: process.stderr.write };
const capture = (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
  written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
  const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
  callback?.();
  return true;
};
process.stdout.write = capture as typeof process.stdout.write;
process.stderr.write = capture as typeof process.stderr.write;

const stack = useLocalStack();

afterAll(() => {
  process.stdout.write = originalWrites.stdout;
  process.stderr.write = originalWrites.stderr;
  for (const [name, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

const MEMBER = 'privacy-canary';
const OWNER_URL = 'https://www.linkedin.com/in/olga-owner';
const OTHER_URL = 'https://www.linkedin.com/in/pavel-peer';

/** One unique token per private field; the scan looks for the token alone, in any letter case. */
const CANARIES = {
  messageContent: 'cnry7Q1msgbody',
  messageSubject: 'cnry7Q2msgsubj',
  conversationTitle: 'cnry7Q3convtitle',
  commentMessage: 'cnry7Q4comment',
  rejectedCommentMessage: 'cnry7Q5rejected',
  shareCommentary: 'cnry7Q6share',
  invitationNote: 'cnry7Q7invite',
  recommendationText: 'cnry7Q8recommend',
  searchQuery: 'cnry7Q9search',
  notAZip: 'cnry7QAnotzip',
} as const;

const quoted = (values: string[]) => values.map((v) => `"${v.replaceAll('"', '""')}"`).join(',');

function canaryExport(): Promise<Buffer> {
  const c = CANARIES;
  return buildZip([
    {
      name: 'Profile.csv',
      content: 'First Name,Last Name,Headline,Summary\nOlga,Owner,Analyst,\n',
    },
    {
      name: 'Invitations.csv',
      content:
        'From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n' +
        `Olga Owner,Pavel Peer,"2/16/26, 9:15 AM","Hi Pavel, ${c.invitationNote} let us connect",OUTGOING,${OWNER_URL},${OTHER_URL}\n` +
        `Pavel Peer,Olga Owner,"2/17/26, 10:30 AM","${c.invitationNote} again",INCOMING,${OTHER_URL},${OWNER_URL}\n`,
    },
    {
      name: 'messages.csv',
      content: [
        quoted(MESSAGE_HEADERS['2026']),
        quoted([
          'conv-1',
          c.conversationTitle,
          'Pavel Peer',
          OTHER_URL,
          'Olga Owner',
          OWNER_URL,
          '2026-02-18 08:00:00 UTC',
          c.messageSubject,
          `Hello, ${c.messageContent}, "quoted", and a second line\nhere`,
          'INBOX',
          '',
        ]),
        quoted([
          'conv-1',
          c.conversationTitle,
          'Olga Owner',
          OWNER_URL,
          'Pavel Peer',
          OTHER_URL,
          '2026-02-18 09:00:00 UTC',
          `Re: ${c.messageSubject}`,
          `Thanks! ${c.messageContent}`,
          'INBOX',
          '',
        ]),
        '',
      ].join('\n'),
    },
    {
      name: 'Comments.csv',
      content:
        'Date,Link,Message\n' +
        `2026-02-18 10:00:00,https://www.linkedin.com/feed/update/1,"Great point, ${c.commentMessage}"\n` +
        `2026-02-19 11:00:00,https://www.linkedin.com/feed/update/2,${c.commentMessage} plain\n` +
        // Rejected (before LinkedIn existed): its reason and sample must not quote the row.
        `2001-01-01 10:00:00,https://www.linkedin.com/feed/update/3,"${c.rejectedCommentMessage} in a bad row"\n`,
    },
    {
      name: 'Shares.csv',
      content:
        'Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility\n' +
        `2026-02-20 12:00:00,https://www.linkedin.com/feed/update/4,"My post: ${c.shareCommentary}",,,MEMBER_NETWORK\n`,
    },
    {
      name: 'Recommendations_Received.csv',
      content:
        'First Name,Last Name,Company,Job Title,Text,Creation Date,Status\n' +
        `Pavel,Peer,Acme,Lead,"Olga is great. ${c.recommendationText}","02/21/26, 09:25 PM",VISIBLE\n`,
    },
    {
      name: 'SearchQueries.csv',
      content: `Time,Search Query\n2026/02/22 10:00:00 UTC,${c.searchQuery}\n`,
    },
  ]);
}

/** Every canary found in `text`, case-insensitively. */
function canariesIn(text: string): string[] {
  const lower = text.toLowerCase();
  return Object.entries(CANARIES)
    .filter(([, token]) => lower.includes(token.toLowerCase()))
    .map(([field]) => field);
}

async function scanWholeTable(): Promise<string[]> {
  const client = new DynamoDBClient({
    endpoint: stack.dynamoEndpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  const items: string[] = [];
  try {
    for await (const page of paginateScan({ client }, { TableName: stack.tableName })) {
      for (const item of page.Items ?? []) items.push(JSON.stringify(item));
    }
  } finally {
    client.destroy();
  }
  return items;
}

let apiBodies: string[] = [];

beforeAll(async () => {
  await stack.upload(MEMBER, await canaryExport(), `exports/${MEMBER}/export.zip`);
  await stack.upload(
    MEMBER,
    Buffer.from(`${CANARIES.notAZip} is not an archive`),
    `exports/${MEMBER}/bad.zip`,
  );
  await stack.waitForIdle();
  const responses = await Promise.all([
    stack.api(`/members/${MEMBER}/activity?from=2026-01-01&to=2026-03-31`),
    stack.api(`/members/${MEMBER}/ingests`),
  ]);
  apiBodies = responses.map((response) => response.text);
});

describe('privacy canary', () => {
  it('ingested the canary rows (so there was something to leak)', async () => {
    const ingests = await stack.api(`/members/${MEMBER}/ingests`);
    const manifests = (
      ingests.json as { ingests: { status: string; objectKey: string; rowsPerKind: object }[] }
    ).ingests;
    const good = manifests.find((m) => m.objectKey.endsWith('export.zip'));
    expect(good?.status).toBe('PARTIAL');
    expect(good?.rowsPerKind).toMatchObject({
      message_sent: 1,
      message_received: 1,
      comment: 2,
      post: 1,
      invitation_sent: 1,
      invitation_received: 1,
      recommendation_received: 1,
      search: 1,
    });
    expect(manifests.find((m) => m.objectKey.endsWith('bad.zip'))?.status).toBe('FAILED');
  });

  it('stores no canary in any DynamoDB item', async () => {
    const items = await scanWholeTable();
    expect(items.some((item) => item.includes(`MEMBER#${MEMBER}`))).toBe(true);
    expect(items.flatMap(canariesIn)).toEqual([]);
  });

  it('writes no canary to any log line or metric, even at DEBUG', () => {
    const output = written.join('');
    // The capture saw the handlers' own output: the ingest log line and its EMF metrics.
    expect(output).toContain('"ingest finished"');
    expect(output).toContain(`"${INGEST_METRICS.rows}"`);
    expect(canariesIn(output)).toEqual([]);
  });

  it('returns no canary from the API', () => {
    expect(apiBodies.join('\n')).toContain(MEMBER);
    expect(canariesIn(apiBodies.join('\n'))).toEqual([]);
  });

  it('would notice a leak: the scan finds a canary in text that holds one', () => {
    expect(canariesIn(`{"note":"${CANARIES.invitationNote.toUpperCase()}"}`)).toEqual(['invitationNote']);
  });
});
