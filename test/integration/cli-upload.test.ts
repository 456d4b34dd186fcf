import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../bin/cli/dispatch';
import type { Output } from '../../bin/cli/output';
import { writeLocalConfig } from '../../local/config-file';
import { writeExport } from '../../sample/generator';
import { useLocalStack } from '../support/local-stack';
import { smallMember } from '../support/small-member';

/** `pillarwatch upload` through its door: presigned URL from the API, a plain PUT, the ingest awaited. */
const stack = useLocalStack();
const dataDir = await mkdtemp(join(tmpdir(), 'pillarwatch-upload-cli-'));
afterAll(() => rm(dataDir, { recursive: true, force: true }));

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const output: Output = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    interactive: false,
  };
  return { code: await runCli(argv, output), stdout, stderr };
}

describe('pillarwatch upload', () => {
  it('uploads for an e-mail member id through a presigned URL, with progress, and prints the manifest', async () => {
    const { path } = await writeExport(join(dataDir, 'my export.zip'), smallMember({}));
    await writeLocalConfig(dataDir, {
      apiUrl: stack.apiUrl,
      s3Endpoint: stack.s3Endpoint,
      dynamoEndpoint: stack.dynamoEndpoint,
      bucket: stack.bucketName,
      table: stack.tableName,
      pid: process.pid,
    });
    const result = await cli(
      'upload',
      path,
      '--member',
      'ana+emea@example.com',
      '--json',
      '--data-dir',
      dataDir,
    );
    expect(result.stderr).toMatch(/Uploading my export\.zip: 100% /);
    expect(result.stderr).toMatch(/Uploaded as exports\/ana\+emea@example\.com\/.*-my export\.zip/);
    expect(result.code).toBe(0);
    const manifest = JSON.parse(result.stdout) as { memberId: string; status: string; objectKey: string };
    expect(manifest).toMatchObject({ memberId: 'ana+emea@example.com', status: 'SUCCEEDED' });
    expect(manifest.objectKey).toMatch(/^exports\/ana\+emea@example\.com\//);
  });

  it('with --api and --token talks to that API, sending the token, and needs no local stack', async () => {
    const { path } = await writeExport(join(dataDir, 'remote.zip'), smallMember({}));
    const seen: IncomingHttpHeaders[] = [];
    // A stand-in for API Gateway: records the headers, forwards to the local API.
    const proxy = createServer(async (request, response) => {
      seen.push(request.headers);
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const answer = await fetch(`${stack.apiUrl}${request.url}`, {
        method: request.method,
        headers: { 'content-type': 'application/json' },
        ...(chunks.length ? { body: Buffer.concat(chunks) } : {}),
      });
      response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? '' });
      response.end(Buffer.from(await answer.arrayBuffer()));
    });
    await new Promise<void>((listening) => proxy.listen(0, '127.0.0.1', () => listening()));
    const apiUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    try {
      const result = await cli(
        'upload',
        path,
        '--member',
        'remote-ana',
        '--api',
        apiUrl,
        '--token',
        'eyJ.test.token',
        '--data-dir',
        join(dataDir, 'nowhere'),
      );
      expect(result.stderr).not.toMatch(/No local stack/);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/SUCCEEDED/);
      expect(seen.length).toBeGreaterThan(1);
      for (const headers of seen) expect(headers.authorization).toBe('eyJ.test.token');
    } finally {
      await new Promise((closed) => proxy.close(closed));
    }
  });

  it('refuses a member id that is a path trick before anything is sent', async () => {
    const result = await cli(
      'upload',
      join(dataDir, 'remote.zip'),
      '--member',
      'a/../b',
      '--data-dir',
      dataDir,
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Invalid member id "a\/\.\.\/b"/);
  });
});
