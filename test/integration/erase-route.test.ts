import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { SAMPLE_OPTIONS, writeExport } from '../../sample/generator';
import { sampleReadingsCsv } from '../../sample/readings';
import { useLocalStack } from '../support/local-stack';

const stack = useLocalStack();

describe('DELETE /members/{memberId}', () => {
  it('erases the member through the API and their routes answer 404 afterwards', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pillarwatch-erase-route-'));
    const small = {
      ...SAMPLE_OPTIONS,
      startDate: '2026-01-01',
      scale: { ...SAMPLE_OPTIONS.scale, messages: 200, connections: 50 },
    };
    const { path } = await writeExport(join(dir, 'export.zip'), small);
    await stack.upload('erase-me', path);
    await stack.upload('erase-me', Buffer.from(sampleReadingsCsv()), 'scores/erase-me/history.csv');
    await stack.upload('erase-me-not', path);
    await stack.waitForIdle();
    expect((await stack.api('/members/erase-me/findings')).status).toBe(200);

    const erased = await stack.api('/members/erase-me', { method: 'DELETE' });
    expect(erased.status).toBe(200);
    const report = erased.json as { items: Record<string, number>; objects: number };
    expect(report.items.days).toBeGreaterThan(0);
    expect(report.items.readings).toBe(26);
    expect(report.objects).toBe(2);

    for (const route of ['activity', 'estimates', 'official-scores', 'findings', 'ingests', 'calibration']) {
      expect((await stack.api(`/members/erase-me/${route}`)).status, route).toBe(404);
    }
    const listed = await stack.s3.send(
      new ListObjectsV2Command({ Bucket: stack.bucketName, Prefix: 'exports/erase-me/' }),
    );
    expect(listed.KeyCount ?? 0).toBe(0);
    // The other member (whose id starts the same) is untouched.
    expect((await stack.api('/members/erase-me-not/ingests')).status).toBe(200);
    // Erasing again: nothing left, said plainly.
    const again = await stack.api('/members/erase-me', { method: 'DELETE' });
    expect(again.status).toBe(404);
    expect(again.headers.get('content-type')).toBe('application/problem+json');
  });
});

describe('teams through the API', () => {
  it('puts members on a team, ranks them, and drops an erased member from the team', async () => {
    const put = (memberId: string, body: unknown) =>
      stack.api(`/members/${memberId}`, { method: 'PUT', body: JSON.stringify(body) });
    expect((await put('team-a', { displayName: 'Ana', teams: ['emea', 'emea'] })).json).toMatchObject({
      memberId: 'team-a',
      teams: ['emea'],
      changed: true,
    });
    expect((await put('team-a', { displayName: 'Ana', teams: ['emea'] })).json).toMatchObject({
      changed: false,
    });
    await put('team-b', { displayName: 'Bo', teams: ['emea'] });
    const bad = await put('team-b', { displayName: '', teams: ['../x'] });
    expect(bad.status).toBe(400);
    expect((bad.json as { detail: string }).detail).toMatch(/displayName/);

    const board = await stack.api('/teams/emea/leaderboard?date=2026-04-15');
    expect(board.status).toBe(200);
    expect(
      (board.json as { members: { memberId: string; rank: number }[] }).members.map((m) => m.memberId).sort(),
    ).toEqual(['team-a', 'team-b']);
    expect((await stack.api('/teams/nobody/leaderboard')).status).toBe(404);

    expect((await stack.api('/members/team-b', { method: 'DELETE' })).status).toBe(200);
    const after = await stack.api('/teams/emea/leaderboard?date=2026-04-15');
    expect((after.json as { members: { memberId: string }[] }).members.map((m) => m.memberId)).toEqual([
      'team-a',
    ]);
  });
});
