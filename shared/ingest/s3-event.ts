import * as z from 'zod';
import { isMemberId } from '../domain/member';
import { EXPORTS_PREFIX, SCORES_PREFIX } from '../store/layout';

const s3Record = z.object({
  eventName: z.string(),
  s3: z.object({
    bucket: z.object({ name: z.string() }),
    object: z.object({ key: z.string(), versionId: z.string().optional() }),
  }),
});
const notification = z.object({ Records: z.array(s3Record) });
/** S3 sends one of these when a notification is configured. */
const testEvent = z.looseObject({ Event: z.literal('s3:TestEvent') });

export interface UploadedObject {
  bucket: string;
  /** Decoded object key. */
  key: string;
  versionId?: string;
}

/** The uploaded objects an SQS message body announces; [] for S3's test event. Throws on a foreign body. */
export const uploadsIn = (body: string): UploadedObject[] => {
  const json: unknown = JSON.parse(body);
  if (testEvent.safeParse(json).success) return [];
  return notification
    .parse(json)
    .Records.filter((r) => r.eventName.startsWith('ObjectCreated'))
    .map((r) => ({
      bucket: r.s3.bucket.name,
      // S3 URL-encodes keys in notifications, with '+' for spaces.
      key: decodeURIComponent(r.s3.object.key.replace(/\+/g, ' ')),
      versionId: r.s3.object.versionId,
    }));
};

/** What an upload is, by its key: an export under `exports/<memberId>/`, or readings under `scores/<memberId>/`. */
export type UploadKind = 'export' | 'readings';

/** `exports/<memberId>/<file>` or `scores/<memberId>/<file>` → what and whose; undefined for any other key. */
export const classifyKey = (key: string): { kind: UploadKind; memberId: string } | undefined => {
  const kind: UploadKind | undefined = key.startsWith(EXPORTS_PREFIX)
    ? 'export'
    : key.startsWith(SCORES_PREFIX)
      ? 'readings'
      : undefined;
  if (!kind) return undefined;
  const [memberId, ...rest] = key
    .slice((kind === 'export' ? EXPORTS_PREFIX : SCORES_PREFIX).length)
    .split('/');
  return memberId !== undefined && rest.length > 0 && rest.join('/') !== '' && isMemberId(memberId)
    ? { kind, memberId }
    : undefined;
};

/** An export is a ZIP archive; Windows often writes the extension in capitals (`Export.ZIP`). */
export const isZipKey = (key: string): boolean => key.toLowerCase().endsWith('.zip');

/** `exports/<memberId>/<anything>` → memberId, or undefined when the key does not name a member's export. */
export const memberOfExportKey = (key: string): string | undefined => {
  const upload = classifyKey(key);
  return upload?.kind === 'export' ? upload.memberId : undefined;
};
