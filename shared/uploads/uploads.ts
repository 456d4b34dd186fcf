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
 * The largest single presigned PUT (by default): larger files get a multipart upload, presigned part URLs
 * plus a URL to complete it and one to abort it.
 */
export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;
/** The largest upload at all: far above any LinkedIn export, far below S3's 5 TiB. */
export const MAX_MULTIPART_UPLOAD_BYTES = 5 * 1024 * 1024 * 1024;
/** Bytes per part of a multipart upload (S3 wants at least 5 MiB for every part but the last). */
export const UPLOAD_PART_BYTES = 64 * 1024 * 1024;
/** S3's limit on the parts of one upload. */
export const MAX_UPLOAD_PARTS = 10_000;
/** A presigned URL lives this long: enough to start the PUT, too short to be worth leaking. */
export const UPLOAD_URL_SECONDS = 15 * 60;
/** Part URLs live longer: the last part of a 5 GiB upload starts long after the first. */
export const MULTIPART_URL_SECONDS = 60 * 60;

/** Where a single PUT ends and a multipart upload begins, and the part size (tests make both small). */
export interface UploadLimits {
  singlePutMaxBytes: number;
  partBytes: number;
}

export const DEFAULT_UPLOAD_LIMITS: UploadLimits = {
  singlePutMaxBytes: MAX_UPLOAD_BYTES,
  partBytes: UPLOAD_PART_BYTES,
};
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

/** A presigned request other than a part: completing (POST, body: the parts' ETags in XML) or aborting. */
export interface PresignedRequest {
  url: string;
  method: 'POST' | 'DELETE';
}

/** What S3 and the signer give for a started multipart upload. */
export interface StartedMultipart {
  uploadId: string;
  /** One presigned PUT per part, in order: part N is bytes [(N-1)·partBytes, N·partBytes). */
  parts: PresignedPut[];
  complete: PresignedRequest;
  abort: PresignedRequest;
}

/** Starts a multipart upload of `key` in S3 and presigns its parts (sizes given), completion and abort. */
export type StartMultipart = (object: {
  key: string;
  contentType: string;
  partSizes: number[];
  expiresInSeconds: number;
}) => Promise<StartedMultipart>;

export interface MultipartGrant {
  memberId: string;
  kind: UploadKindName;
  key: string;
  method: 'MULTIPART';
  uploadId: string;
  partBytes: number;
  parts: (PresignedPut & { partNumber: number })[];
  complete: PresignedRequest;
  abort: PresignedRequest;
  expiresAt: string;
}

/** The signing side of the uploads function: single PUTs, and multipart uploads where configured. */
export interface UploadSigner {
  presign: PresignPut;
  startMultipart?: StartMultipart;
}

/** The sizes of the parts of a `size`-byte upload cut into `partBytes` pieces (the last one shorter). */
export const partSizesOf = (size: number, partBytes: number): number[] =>
  Array.from({ length: Math.ceil(size / partBytes) }, (_, index) =>
    Math.min(partBytes, size - index * partBytes),
  );

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

/**
 * Checks what the contract cannot (an export is a ZIP), then presigns: one PUT up to the single-PUT limit,
 * a multipart upload above it. Either way the object lands under the same key and its S3 event (on the PUT,
 * or on the completion) starts the ingest once.
 */
export const grantUpload = async (
  signer: UploadSigner | PresignPut,
  memberId: string,
  request: UploadRequest,
  now: Date,
  limits: UploadLimits = DEFAULT_UPLOAD_LIMITS,
): Promise<UploadGrant | MultipartGrant> => {
  const { presign, startMultipart } = typeof signer === 'function' ? { presign: signer } : signer;
  if (request.kind === 'export' && !/\.zip$/i.test(request.fileName))
    throw new BadRequest('fileName', 'an export must be the LinkedIn export .zip');
  const key = uploadKey(memberId, request, now);
  const contentType = contentTypeOf(request.fileName);
  if (request.size > limits.singlePutMaxBytes) {
    const partSizes = partSizesOf(request.size, limits.partBytes);
    if (!startMultipart || partSizes.length > MAX_UPLOAD_PARTS)
      throw new BadRequest(
        'size',
        `one upload URL takes at most ${limits.singlePutMaxBytes} bytes and multipart uploads are not available here`,
      );
    const started = await startMultipart({
      key,
      contentType,
      partSizes,
      expiresInSeconds: MULTIPART_URL_SECONDS,
    });
    return {
      memberId,
      kind: request.kind,
      key,
      method: 'MULTIPART',
      uploadId: started.uploadId,
      partBytes: limits.partBytes,
      parts: started.parts.map((part, index) => ({ partNumber: index + 1, ...part })),
      complete: started.complete,
      abort: started.abort,
      expiresAt: new Date(now.getTime() + MULTIPART_URL_SECONDS * 1000).toISOString(),
    };
  }
  const presigned = await presign({
    key,
    contentLength: request.size,
    contentType,
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
