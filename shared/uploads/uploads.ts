import { BadRequest } from '../domain/errors';
import { EXPORTS_PREFIX, SCORES_PREFIX } from '../store/layout';

/**
 * Uploads without S3 credentials (issue #11): the API hands a member a short-lived presigned PUT URL for one
 * object under their own folder, `exports/<id>/…` or `scores/<id>/…`; the S3 event then starts the ingest as
 * for any upload. Pure: the presigner is injected (`shared/aws/presign.ts`).
 */
export const UPLOAD_KINDS = ['export', 'scores'] as const;
export type UploadKindName = (typeof UPLOAD_KINDS)[number];

export const UPLOAD_PREFIXES: Record<UploadKindName, string> = {
  export: EXPORTS_PREFIX,
  scores: SCORES_PREFIX,
};

/**
 * The largest single presigned PUT. Larger files would need a multipart upload (presigned part URLs), which
 * this API does not issue yet: such uploads are refused with a 400 that says so.
 */
export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;
/** A presigned URL lives this long: enough to start the PUT, too short to be worth leaking. */
export const UPLOAD_URL_SECONDS = 15 * 60;
export const MAX_FILE_NAME_LENGTH = 200;
/** A file name, not a path: letters, digits, space and `._-+@()`, starting with a letter or digit. */
export const FILE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9 ._+@()-]*$/;

export interface UploadRequest {
  kind: UploadKindName;
  fileName: string;
  size: number;
}

export interface PresignedPut {
  url: string;
  method: 'PUT';
  /** Headers the PUT must carry: `content-length` is signed (exactly `size` bytes). */
  headers: Record<string, string>;
}

export type PresignPut = (object: {
  key: string;
  contentLength: number;
  contentType: string;
  expiresInSeconds: number;
}) => Promise<PresignedPut>;

export interface UploadGrant extends PresignedPut {
  memberId: string;
  kind: UploadKindName;
  key: string;
  expiresAt: string;
}

const contentTypeOf = (fileName: string): string => {
  const extension = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase();
  if (extension === 'zip') return 'application/zip';
  if (extension === 'json') return 'application/json';
  if (extension === 'csv') return 'text/csv';
  return 'application/octet-stream';
};

/**
 * The object key of an upload: the member's folder, then the receipt time, so every upload stays a separate
 * object (and manifest) and the ingest spots identical content itself.
 */
export const uploadKey = (memberId: string, { kind, fileName }: UploadRequest, now: Date): string =>
  `${UPLOAD_PREFIXES[kind]}${memberId}/${now.toISOString().replace(/[:.]/g, '-')}-${fileName}`;

/** Checks what the contract cannot (an export is a ZIP), then presigns. */
export const grantUpload = async (
  presign: PresignPut,
  memberId: string,
  request: UploadRequest,
  now: Date,
): Promise<UploadGrant> => {
  if (request.kind === 'export' && !/\.zip$/i.test(request.fileName))
    throw new BadRequest('fileName', 'an export must be the LinkedIn export .zip');
  const key = uploadKey(memberId, request, now);
  const presigned = await presign({
    key,
    contentLength: request.size,
    contentType: contentTypeOf(request.fileName),
    expiresInSeconds: UPLOAD_URL_SECONDS,
  });
  return {
    memberId,
    kind: request.kind,
    key,
    ...presigned,
    expiresAt: new Date(now.getTime() + UPLOAD_URL_SECONDS * 1000).toISOString(),
  };
};
