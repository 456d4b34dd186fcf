import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectApi, memberPath } from '../../bin/cli/client';

/** Against a deployed API the CLI signs with SigV4 from the default credential chain (here: the environment). */
let seen: { headers: IncomingHttpHeaders; url?: string }[] = [];
const server = createServer((request, response) => {
  seen.push({ headers: request.headers, url: request.url });
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end('{"ok":true}');
});
let apiUrl = '';
const saved = { ...process.env };
beforeAll(async () => {
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', () => listening()));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/prod`;
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
    AWS_REGION: 'eu-central-1',
  });
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
});
afterAll(async () => {
  process.env = saved;
  await new Promise((closed) => server.close(closed));
});

describe('the CLI against a deployed API', () => {
  it('signs every request with SigV4 for execute-api when no token is given', async () => {
    seen = [];
    const api = await connectApi({ api: apiUrl });
    expect(await api.getJson(memberPath('jane+emea@example.com', '/uploads'), { kind: 'export' })).toEqual({
      ok: true,
    });
    expect(seen[0]?.url).toBe('/prod/members/jane%2Bemea%40example.com/uploads');
    expect(seen[0]?.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-central-1\/execute-api\/aws4_request, SignedHeaders=[^,]*host[^,]*, Signature=[0-9a-f]{64}$/,
    );
    expect(seen[0]?.headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
  });

  it('sends a Cognito token as it is, instead of signing', async () => {
    seen = [];
    const api = await connectApi({ api: apiUrl, token: 'eyJ.id.token' });
    await api.getJson('/teams/emea/leaderboard');
    expect(seen[0]?.headers.authorization).toBe('eyJ.id.token');
  });

  it('refuses an --api that is not a URL as a usage error', async () => {
    await expect(connectApi({ api: 'example.com' })).rejects.toMatchObject({ exitCode: 2 });
  });
});
