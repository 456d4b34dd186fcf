import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { DATA_DIR_ENV, DEFAULT_DATA_DIR } from '../../local/config-file';
import { formatBytes, formatManifest, manifestsFromResponse } from '../../local/format';
import type { IngestManifest } from '../../shared/domain/manifest';
import { EXPORTS_PREFIX } from '../../shared/store/layout';
import {
  FILE_NAME_PATTERN,
  MAX_FILE_NAME_LENGTH,
  MAX_MULTIPART_UPLOAD_BYTES,
  MAX_UPLOAD_BYTES,
  type MultipartGrant,
  type UploadGrant,
} from '../../shared/uploads/uploads';
import { assertReadableFile, memberOf, positionalOf } from '../cli/args';
import {
  API_URL_ENV,
  type Api,
  ApiError,
  connectApi,
  memberPath,
  REMOTE_FLAGS,
  TOKEN_ENV,
} from '../cli/client';
import { CliError, type Command } from '../cli/command';
import { printJson, progressLine } from '../cli/output';

const INGEST_WAIT_MS = 10 * 60_000;
const POLL_MS = 1_000;

export const upload: Command = {
  name: 'upload',
  synopsis: 'upload <export.zip> --member <id>',
  summary: 'upload an export (no S3 credentials needed) and wait for its ingest',
  usage: 'upload <export.zip> --member <id> [--api <url>] [--token <jwt>] [--json] [--data-dir <dir>]',
  help: `Asks the API for a short-lived upload URL (POST /members/{id}/uploads), PUTs the ZIP there under
${EXPORTS_PREFIX}<id>/ with progress on stderr, waits until its ingest manifest appears (up to 10 minutes) and
prints it. Exits 1 when the ingest FAILED. Works the same against the local stack and a deployed API; no S3
credentials are needed. Above ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB the API hands out a multipart upload instead
(presigned part URLs): the parts go up one after the other, then the upload is completed (or aborted on
failure); at most ${MAX_MULTIPART_UPLOAD_BYTES / 1024 ** 3} GiB.

  --member <id>     member id (an e-mail address will do): letters, digits, '.', '_', '-', '@', '+'
  --api <url>       a deployed API (default: $${API_URL_ENV}; else the local stack)
  --token <jwt>     a Cognito ID token for --api (default: $${TOKEN_ENV}; else SigV4 signing with the
                    default AWS credential chain: environment, profile, SSO, instance role)
  --json            print the manifest as JSON
  --data-dir <dir>  the local stack's data dir (default: $${DATA_DIR_ENV}, else the nearest
                    ${DEFAULT_DATA_DIR}/ from here up, else ./${DEFAULT_DATA_DIR})
`,
  flags: { member: { type: 'string' }, ...REMOTE_FLAGS },
  positional: '<export.zip>',
  async run({ flags, positionals, output }) {
    const path = positionalOf(upload, positionals);
    const member = memberOf(flags);
    await assertReadableFile(path);
    if (!/\.zip$/i.test(path))
      throw new CliError(`${path} is not a .zip file (expected the LinkedIn export ZIP).`, 2);
    const { size } = await stat(path);
    if (size > MAX_MULTIPART_UPLOAD_BYTES)
      throw new CliError(
        `${basename(path)} is ${formatBytes(size)}; an upload takes at most ${MAX_MULTIPART_UPLOAD_BYTES / 1024 ** 3} GiB.`,
        2,
      );
    const api = await connectApi(flags, member);
    const grant = (await api.getJson(memberPath(member, '/uploads'), {
      kind: 'export',
      fileName: uploadFileName(basename(path)),
      size,
    })) as UploadGrant | MultipartGrant;

    const progress = progressLine(output, `Uploading ${basename(path)}`);
    try {
      if (grant.method === 'MULTIPART') await putParts(grant, resolve(path), size, progress.update);
      else await send(grant, resolve(path), { start: 0, size }, (sent) => progress.update(sent, size));
    } finally {
      progress.done();
    }
    output.stderr(`Uploaded as ${grant.key}; waiting for the ingest…\n`);

    const manifest = await waitForManifest(api, member, grant.key, () =>
      output.stderr('Export read; computing the estimates and findings…\n'),
    );
    if (flags.json) printJson(output, manifest);
    else output.stdout(`${formatManifest(manifest).join('\n')}\n`);
    return manifest.status === 'FAILED' ? 1 : 0;
  },
};

/** The file's name as the API accepts it: characters outside its alphabet become `_`. */
export const uploadFileName = (name: string): string => {
  const safe = name.replace(/[^A-Za-z0-9 ._+@()-]/g, '_').slice(-MAX_FILE_NAME_LENGTH);
  return FILE_NAME_PATTERN.test(safe) ? safe : `x${safe}`.slice(-MAX_FILE_NAME_LENGTH);
};

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * Sends one presigned request: with `range`, those bytes of the file, streamed (never whole in memory),
 * reporting the bytes sent; with `text`, that body. Refused answers (and S3's errors in a 200) throw.
 */
async function send(
  target: { url: string; method: string; headers?: Record<string, string> },
  path: string | undefined,
  body: { start: number; size: number } | { text: string },
  onSent: (sent: number) => void = () => {},
): Promise<Answer> {
  const { request } = target.url.startsWith('https:')
    ? await import('node:https')
    : await import('node:http');
  return new Promise<Answer>((done, fail) => {
    const outgoing = request(target.url, { method: target.method, headers: target.headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
      });
      response.on('end', () => {
        const status = response.statusCode ?? 0;
        if (status >= 200 && status < 300 && !/<Error>/.test(text))
          return done({ status, headers: response.headers, body: text });
        const reason = /<Message>([^<]*)<\/Message>/.exec(text)?.[1] ?? text.slice(0, 200);
        fail(new CliError(`The upload was refused (${status}): ${reason}`));
      });
    });
    outgoing.on('error', (error) => fail(new CliError(`The upload failed: ${error.message}`)));
    if ('text' in body) return void outgoing.end(body.text);
    if (body.size === 0 || path === undefined) return void outgoing.end();
    let sent = 0;
    const file = createReadStream(path, { start: body.start, end: body.start + body.size - 1 });
    file.on('data', (chunk) => {
      sent += chunk.length;
      onSent(sent);
    });
    file.on('error', fail);
    file.pipe(outgoing);
  });
}

/**
 * A multipart upload: each part PUT in turn (progress over the whole file), then the completion with the
 * parts' ETags, which creates the object and so starts the ingest once. Any failure aborts the upload.
 */
async function putParts(
  grant: MultipartGrant,
  path: string,
  size: number,
  onProgress: (sent: number, total: number) => void,
): Promise<void> {
  const etags: string[] = [];
  try {
    for (const part of grant.parts) {
      const start = (part.partNumber - 1) * grant.partBytes;
      const answer = await send(part, path, { start, size: Number(part.headers['content-length']) }, (sent) =>
        onProgress(start + sent, size),
      );
      const etag = answer.headers.etag;
      if (typeof etag !== 'string') throw new CliError(`Part ${part.partNumber} was stored without an ETag.`);
      etags.push(etag);
    }
    const parts = etags
      .map(
        (etag, index) => `<Part><PartNumber>${index + 1}</PartNumber><ETag>${escapeXml(etag)}</ETag></Part>`,
      )
      .join('');
    await send(grant.complete, undefined, {
      text: `<CompleteMultipartUpload>${parts}</CompleteMultipartUpload>`,
    });
  } catch (error) {
    // Best effort: the bucket also aborts unfinished uploads after a day.
    await send(grant.abort, undefined, { text: '' }).catch(() => undefined);
    throw error;
  }
}

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

async function waitForManifest(
  stack: Api,
  member: string,
  key: string,
  onScoring: () => void,
): Promise<IngestManifest> {
  const deadline = Date.now() + INGEST_WAIT_MS;
  let scoringAnnounced = false;
  for (;;) {
    // A member's first upload: the API says 404 (no data yet) until its ingest has written something.
    const body = await stack.getJson(memberPath(member, '/ingests')).catch((error: unknown) => {
      if (error instanceof ApiError && error.status === 404) return [];
      throw error;
    });
    const manifest = manifestsFromResponse(body).find((candidate) => candidate.objectKey === key);
    // Done when nothing is owed: the ingest FAILED, or its scoring is not PENDING (absent: nothing to score).
    if (manifest && manifest.scoring?.status !== 'PENDING') return manifest;
    if (manifest && !scoringAnnounced) {
      scoringAnnounced = true;
      onScoring();
    }
    if (stack.dataDir !== undefined && (await isDeadLettered(stack.dataDir, key))) {
      throw new CliError(
        `The ingest of ${key} failed on every delivery and was dead-lettered (see ${stack.dataDir}/dead-letters.jsonl and the \`npm start\` output).`,
      );
    }
    if (Date.now() > deadline) {
      throw new CliError(
        `No ingest manifest for ${key} after ${INGEST_WAIT_MS / 60_000} minutes. It may still be running: check \`pillarwatch ingests --member ${member}\`${stack.dataDir === undefined ? '' : ' and the `npm start` output'}.`,
      );
    }
    await new Promise((wake) => setTimeout(wake, POLL_MS));
  }
}

/** The local queue appends messages it gave up on to dead-letters.jsonl (see local/s3-events.ts). */
async function isDeadLettered(dataDir: string, key: string): Promise<boolean> {
  const text = await readFile(`${dataDir}/dead-letters.jsonl`, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .some((line) => {
      try {
        const body = JSON.parse(JSON.parse(line).body) as {
          Records?: { s3?: { object?: { key?: string } } }[];
        };
        const encoded = body.Records?.[0]?.s3?.object?.key ?? '';
        return decodeURIComponent(encoded.replace(/\+/g, ' ')) === key;
      } catch {
        return false;
      }
    });
}
