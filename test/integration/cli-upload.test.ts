import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeExport } from '../../sample/generator';
import { runCliCapturing } from '../support/cli-run';
import { useLocalStack } from '../support/local-stack';
import { smallMember } from '../support/small-member';

/** `pillarwatch upload` through its door: presigned URL from the API, a plain PUT, the ingest awaited. */
const stack = useLocalStack();
const dataDir = await mkdtemp(join(tmpdir(), 'pillarwatch-upload-cli-'));
afterAll(() => rm(dataDir, { recursive: true, force: true }));

const cli = (...argv: string[]) => runCliCapturing(argv);

describe('pillarwatch upload', () => {
  it('uploads for an e-mail member id through a presigned URL, with progress, and prints the manifest', async () => {
    const { path } = await writeExport(join(dataDir, 'my export.zip'), smallMember({}));
    await stack.writeCliConfig(dataDir);
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

describe('pillarwatch member --file', () => {
  it('loads a team from one CSV: e-mail ids, rows rejected with line and reason, idempotent', async () => {
    const path = join(dataDir, 'team.csv');
    await writeFile(
      path,
      [
        'ID,Display Name,Teams,Email',
        'ana+emea@example.com,Ana K,csv-emea;csv-dach,ana+emea@example.com',
        ',Bo Lee,csv-emea,bo@example.com',
        '../etc,Mallory,csv-emea,',
        'cy@example.com,,csv-emea,',
        '"dee@example.com","Dee, Jr.","csv-emea|csv-na",',
        '',
      ].join('\n'),
    );
    await stack.writeCliConfig(dataDir);
    const first = await cli('member', '--file', path, '--json', '--data-dir', dataDir);
    expect(first.code).toBe(0);
    const answer = JSON.parse(first.stdout) as {
      saved: number;
      unchanged: number;
      rejected: { line: number; reason: string }[];
    };
    expect(answer.saved).toBe(3);
    expect(answer.rejected.map((r) => r.line)).toEqual([4, 5]);
    expect(answer.rejected[0]?.reason).toMatch(/^member id "\.\.\/etc": must be /);
    expect(answer.rejected[1]?.reason).toMatch(/^display name/);

    const again = JSON.parse((await cli('member', '--file', path, '--json', '--data-dir', dataDir)).stdout);
    expect(again).toMatchObject({ saved: 0, unchanged: 3 });

    const board = await stack.api('/teams/csv-emea/leaderboard');
    expect(board.status).toBe(200);
    const ids = (board.json as { members: { memberId: string }[] }).members.map((m) => m.memberId).sort();
    expect(ids).toEqual(['ana+emea@example.com', 'bo@example.com', 'dee@example.com']);
  });

  it('exits 1 when no row is usable, naming what the header must have', async () => {
    const path = join(dataDir, 'wrong.csv');
    await writeFile(path, 'who,what\nx,y\n');
    const result = await cli('member', '--file', path, '--data-dir', dataDir);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/line 1: the header must name id \(or email\), display name and teams/);
  });
});
