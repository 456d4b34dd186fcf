import { describe, expect, it } from 'vitest';
import { memberPath } from '../../bin/cli/client';
import { matchRoute } from '../../local/http-api';
import { encodeS3EventKey } from '../../local/s3-events';
import { MemberIdSchema } from '../../shared/api/contract';
import { isMemberId } from '../../shared/domain/member';
import { classifyKey, uploadsIn } from '../../shared/ingest/s3-event';
import { keys } from '../../shared/store/dynamodb/keys';

/** E-mail addresses are member ids (issue #11); path and key tricks stay out. */
const EMAILS = ['jane.doe@example.com', 'jane+emea@example.co.uk', 'o_brien-2@x.io', 'a'.repeat(128)];
const TRICKS = [
  '',
  '.',
  '..',
  'a/b',
  '../jane',
  'jane%2Fx',
  'a\\b',
  'jane#x',
  'jane doe',
  'jane\u0000',
  'jane\n',
  'jane\u007f',
  'jäne@example.com',
  'a'.repeat(129),
];

const s3Event = (key: string) =>
  JSON.stringify({
    Records: [
      {
        eventName: 'ObjectCreated:Put',
        s3: { bucket: { name: 'b' }, object: { key: encodeS3EventKey(key) } },
      },
    ],
  });

describe('member ids', () => {
  it.each(EMAILS)('accepts %s in the domain, the contract and the CLI path', (id) => {
    expect(isMemberId(id)).toBe(true);
    expect(MemberIdSchema.safeParse(id).success).toBe(true);
  });

  it.each(TRICKS)('rejects %j', (id) => {
    expect(isMemberId(id)).toBe(false);
    expect(MemberIdSchema.safeParse(id).success).toBe(false);
  });

  it('survives the S3 event key encoding, where "+" means a space', () => {
    const key = 'exports/jane+emea@example.com/2026-03-01 export.zip';
    const encoded = encodeS3EventKey(key);
    expect(encoded).toBe('exports/jane%2Bemea%40example.com/2026-03-01+export.zip');
    const [object] = uploadsIn(s3Event(key));
    expect(object?.key).toBe(key);
    expect(classifyKey(key)).toEqual({ kind: 'export', memberId: 'jane+emea@example.com' });
    expect(classifyKey('scores/jane+emea@example.com/r.json')).toEqual({
      kind: 'readings',
      memberId: 'jane+emea@example.com',
    });
  });

  it('a key whose member segment is a path trick names no member', () => {
    expect(classifyKey('exports/../x.zip')).toBeUndefined();
    expect(classifyKey('exports/jane doe/x.zip')).toBeUndefined();
  });

  it('keeps the table key exactly the id (no escaping that two ids could share)', () => {
    expect(keys.member('jane+emea@example.com')).toBe('MEMBER#jane+emea@example.com');
  });

  it('the CLI encodes the id into one path segment and the local adapter decodes it back', () => {
    const id = 'jane+emea@example.com';
    const path = memberPath(id, '/ingests');
    expect(path).toBe('/members/jane%2Bemea%40example.com/ingests');
    const match = matchRoute('GET', path);
    expect(match.kind === 'match' && match.pathParameters.memberId).toBe(id);
    // A literal "+" in a path is a plus, not a space (that rule is only for query strings and S3 events).
    const raw = matchRoute('GET', '/members/jane+emea@example.com/ingests');
    expect(raw.kind === 'match' && raw.pathParameters.memberId).toBe(id);
  });

  it('an encoded slash reaches validation as a slash, and is refused there', () => {
    const match = matchRoute('GET', '/members/jane%2F..%2Fx/ingests');
    expect(match.kind).toBe('match');
    const id = match.kind === 'match' ? (match.pathParameters.memberId ?? '') : '';
    expect(id).toBe('jane/../x');
    expect(MemberIdSchema.safeParse(id).success).toBe(false);
  });
});
