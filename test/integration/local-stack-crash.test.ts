import { access, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/aws-env';
import { isProcessAlive } from '../../local/config-file';
import { manifestsFromResponse } from '../../local/format';
import { jvmPidFile, startS3Server } from '../../local/parts';
import { localS3Client, uploadObject } from '../../local/upload';
import { writeExport } from '../../sample/generator';
import type { IngestManifest } from '../../shared/domain/manifest';
import { keys } from '../../shared/store/dynamodb/keys';
import { EXPORTS_PREFIX } from '../../shared/store/layout';
import { smallMember } from '../support/small-member';
import {
  killHard,
  type StackProcess,
  stackDataDir,
  startStackProcess,
  waitUntilGone,
} from '../support/spawned-stack';

/** `npm start` killed the hard way (kill -9), as a crash or an impatient user does, then started again. */

const dataDir = await stackDataDir('pillarwatch-crash-');
const running: StackProcess[] = [];
afterAll(async () => {
  for (const stack of running) if (stack.child.exitCode === null) stack.child.kill('SIGTERM');
  await rm(dataDir, { recursive: true, force: true });
});

const jvmPid = async () => Number((await readFile(jvmPidFile(join(dataDir, 'dynamodb')), 'utf8')).trim());
const sleep = (ms: number) => new Promise((wake) => setTimeout(wake, ms));

async function api(stack: StackProcess, path: string): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${stack.config.apiUrl}${path}`);
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}

// Each test starts a JVM and the handlers in a child process: generous limits, so that only a hung
// machine fails them (every wait inside is a bounded number of polls that ends as soon as it can).
describe('kill -9 of the local stack', { timeout: 600_000 }, () => {
  // What a crash mid-ingest leaves in the data dir: the member's lease held for 10 more minutes (written
  // here while the stack runs), then the object in the bucket without a manifest (written while it is down).
  const member = 'crashed-mid-ingest';
  const key = `${EXPORTS_PREFIX}${member}/export.zip`;

  it('takes the DynamoDB Local JVM with it', async () => {
    const stack = await startStackProcess(dataDir);
    running.push(stack);
    const table = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        endpoint: stack.config.dynamoEndpoint,
        region: LOCAL_REGION,
        credentials: LOCAL_CREDENTIALS,
      }),
    );
    await table.send(
      new PutCommand({
        TableName: stack.config.table,
        Item: {
          pk: keys.member(member),
          sk: keys.lock(),
          owner: 'dead-process',
          expiresAt: Date.now() + 10 * 60_000,
        },
      }),
    );
    table.destroy();
    const jvm = await jvmPid();
    expect(isProcessAlive(jvm)).toBe(true);
    await killHard(stack);
    // Up to 30 s of polls; passes as soon as the JVM is gone.
    expect(await waitUntilGone(jvm)).toBe(true);
  });

  it('the next start clears the dead run’s lease and ingests the upload it had not finished', async () => {
    // The bucket is a directory: the stack's own S3 server writes the object while the stack is down.
    const { path } = await writeExport(join(dataDir, 'export.zip'), smallMember({ endDate: '2026-02-20' }));
    const s3 = await startS3Server({ directory: join(dataDir, 's3') });
    const client = localS3Client(s3.endpoint);
    await uploadObject({ client, bucket: s3.bucketName, key, body: path });
    client.destroy();
    await s3.stop();

    const stack = await startStackProcess(dataDir);
    running.push(stack);
    expect(stack.output()).toMatch(/Cleared 1 lease\(s\) a stopped run left: crashed-mid-ingest/);
    expect(stack.output()).toContain(`Queued 1 upload(s) again`);
    // Polls for the manifest (the queue ingests it in the background); bounded by polls, not time.
    // Fully processed means scored too: the manifest is stored with scoring PENDING, then marked DONE.
    let manifests: IngestManifest[] = [];
    const scored = () => manifests.length > 0 && manifests.every((m) => m.scoring?.status === 'DONE');
    for (let poll = 0; poll < 240 && !scored(); poll++) {
      const answer = await api(stack, `/members/${member}/ingests`);
      if (answer.status === 200) manifests = manifestsFromResponse(answer.json);
      if (!scored()) await sleep(250);
    }
    expect(manifests.map((m) => [m.objectKey, m.status, m.scoring?.status])).toEqual([
      [key, 'SUCCEEDED', 'DONE'],
    ]);
    // The start-up sweep (no sweep recorded yet) runs after the queued ingest, each member under its lease:
    // killed before it ends, it would leave a lease for the next start to clear. Wait for its record.
    for (let poll = 0; poll < 240 && !(await exists(join(dataDir, 'sweep.json'))); poll++) await sleep(250);
    await killHard(stack);
  });

  it('a processed upload is not queued again by the next restart, and an erasure right after it is final', async () => {
    const again = await startStackProcess(dataDir);
    running.push(again);
    // Not ingested again. (kill -9 may land between marking the manifest scored and clearing the COVERAGE
    // marker, or while a sweep holds the lease: the restart then clears the lease and re-scores, idempotently.)
    expect(again.output()).not.toContain('Queued');

    // Erased right after the restart: nothing of the member is served any more.
    const erased = await fetch(`${again.config.apiUrl}/members/${member}`, { method: 'DELETE' });
    expect(erased.status).toBe(200);
    expect((await api(again, `/members/${member}/ingests`)).status).toBe(404);
    expect((await api(again, `/members/${member}/activity?from=2025-01-01&to=2026-12-31`)).status).toBe(404);
  });
});

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );
