import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { DATA_DIR_ENV, DEFAULT_DATA_DIR } from '../../local/config-file';
import { formatManifest, manifestsFromResponse } from '../../local/format';
import type { IngestManifest } from '../../shared/domain/manifest';
import { EXPORTS_PREFIX } from '../../shared/store/layout';
import { assertReadableFile, memberOf, positionalOf } from '../cli/args';
import { ApiError, connect, memberPath, type Stack } from '../cli/client';
import { CliError, type Command } from '../cli/command';
import { printJson, progressLine } from '../cli/output';

const INGEST_WAIT_MS = 10 * 60_000;
const POLL_MS = 1_000;

export const upload: Command = {
  name: 'upload',
  synopsis: 'upload <export.zip> --member <id>',
  summary: 'upload an export to the local stack and wait for its ingest',
  usage: 'upload <export.zip> --member <id> [--json] [--data-dir <dir>]',
  help: `Uploads the ZIP to the local stack's bucket under ${EXPORTS_PREFIX}<id>/, waits until its ingest manifest
appears (up to 10 minutes) and prints it. Exits 1 when the ingest FAILED.

  --member <id>     member id (an e-mail address will do): letters, digits, '.', '_', '-', '@', '+'
  --json            print the manifest as JSON
  --data-dir <dir>  the local stack's data dir (default: $${DATA_DIR_ENV}, else the nearest
                    ${DEFAULT_DATA_DIR}/ from here up, else ./${DEFAULT_DATA_DIR})
`,
  flags: { member: { type: 'string' } },
  positional: '<export.zip>',
  async run({ flags, positionals, output }) {
    const path = positionalOf(upload, positionals);
    const member = memberOf(flags);
    await assertReadableFile(path);
    if (!/\.zip$/i.test(path))
      throw new CliError(`${path} is not a .zip file (expected the LinkedIn export ZIP).`, 2);
    const stack = await connect(flags, member);
    // The timestamp keeps every upload a separate object (and manifest); the ingest spots identical content.
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const key = `${EXPORTS_PREFIX}${member}/${stamp}-${basename(path).replace(/\.zip$/i, '.zip')}`;

    // Loaded on demand: the S3 client is only needed here.
    const { localS3Client, uploadObject } = await import('../../local/upload');
    const client = localS3Client(stack.config.s3Endpoint);
    const progress = progressLine(output, `Uploading ${basename(path)}`);
    try {
      await uploadObject({
        client,
        bucket: stack.config.bucket,
        key,
        body: resolve(path),
        onProgress: progress.update,
      });
    } catch (error) {
      throw new CliError(`Upload to ${stack.config.s3Endpoint} failed: ${(error as Error).message}`);
    } finally {
      progress.done();
      client.destroy();
    }
    output.stderr(`Uploaded to s3://${stack.config.bucket}/${key}; waiting for the ingest…\n`);

    const manifest = await waitForManifest(stack, member, key, () =>
      output.stderr('Export read; computing the estimates and findings…\n'),
    );
    if (flags.json) printJson(output, manifest);
    else output.stdout(`${formatManifest(manifest).join('\n')}\n`);
    return manifest.status === 'FAILED' ? 1 : 0;
  },
};

async function waitForManifest(
  stack: Stack,
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
    if (await isDeadLettered(stack.dataDir, key)) {
      throw new CliError(
        `The ingest of ${key} failed on every delivery and was dead-lettered (see ${stack.dataDir}/dead-letters.jsonl and the \`npm start\` output).`,
      );
    }
    if (Date.now() > deadline) {
      throw new CliError(
        `No ingest manifest for ${key} after ${INGEST_WAIT_MS / 60_000} minutes. It may still be running: check \`pillarwatch ingests --member ${member}\` and the \`npm start\` output.`,
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
