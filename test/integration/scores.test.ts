import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_OPTIONS, writeExport } from '../../sample/generator';
import { sampleReadingsCsv } from '../../sample/readings';
import type { IngestManifest } from '../../shared/domain/manifest';
import { useLocalStack } from '../support/local-stack';

const stack = useLocalStack();
let exportPath: string;

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'pillarwatch-scores-'));
  exportPath = (await writeExport(join(dir, 'sample.zip'), SAMPLE_OPTIONS)).path;
});

const json = async <T>(path: string, init?: RequestInit) => {
  const response = await stack.api(path, init);
  return { status: response.status, body: response.json as T };
};

describe('estimates, official readings and findings end to end', () => {
  it('estimates every day after an export, and flags the sample history’s five-week plateau as STALE', async () => {
    await stack.upload('scores-sample', exportPath);
    await stack.waitForIdle();
    const estimates = await json<{ days: { day: string; total: number; calibrated: unknown }[] }>(
      '/members/scores-sample/estimates?from=2026-01-01&to=2026-04-15',
    );
    expect(estimates.status).toBe(200);
    expect(estimates.body.days).toHaveLength(105); // every day, active or not
    expect(estimates.body.days.every((d) => d.total > 0 && d.total <= 100)).toBe(true);
    // No readings yet, and no team prior in the stack's own table (no sweep ran): no calibration.
    expect((await json('/members/scores-sample/calibration')).status).toBe(404);
    expect(estimates.body.days[0]?.calibrated).toBeNull();

    await stack.upload('scores-sample', Buffer.from(sampleReadingsCsv()), 'scores/scores-sample/history.csv');
    await stack.waitForIdle();
    const ingests = await json<{ ingests: IngestManifest[] }>('/members/scores-sample/ingests');
    expect(ingests.body.ingests[0]).toMatchObject({
      objectKey: 'scores/scores-sample/history.csv',
      status: 'SUCCEEDED',
    });

    const readings = await json<{ readings: { source: string }[] }>('/members/scores-sample/official-scores');
    expect(readings.body.readings).toHaveLength(26);
    expect(readings.body.readings.every((r) => r.source === 'csv')).toBe(true);

    const findings = await json<{ findings: { type: string; pillar: string; from: string; to: string }[] }>(
      '/members/scores-sample/findings',
    );
    expect(findings.body.findings).toContainEqual(
      expect.objectContaining({ type: 'STALE', pillar: 'overall', from: '2026-02-01', to: '2026-03-08' }),
    );

    // Paged like every list.
    const first = await json<{ findings: unknown[]; nextCursor?: string }>(
      '/members/scores-sample/findings?limit=2',
    );
    expect(first.body.findings).toHaveLength(2);
    const rest = await json<{ findings: unknown[] }>(
      `/members/scores-sample/findings?limit=500&cursor=${first.body.nextCursor}`,
    );
    expect([...first.body.findings, ...rest.body.findings]).toEqual(findings.body.findings);

    const calibration = await json<{ readings: number }>('/members/scores-sample/calibration');
    expect(calibration.status).toBe(200);
    expect(calibration.body.readings).toBeGreaterThanOrEqual(5);
    // The member's own lines are shown; the population map's working sums stay inside.
    expect(calibration.body).toHaveProperty('unpooled');
    expect(calibration.body).not.toHaveProperty('mapMoments');
    const calibrated = await json<{ days: { calibrated: { total: number } | null }[] }>(
      '/members/scores-sample/estimates?from=2026-04-15&to=2026-04-15',
    );
    expect(calibrated.body.days[0]?.calibrated?.total).toBeGreaterThan(0);
  });

  it('stores a POSTed reading once and explains a rejected one', async () => {
    await stack.upload('scores-post', exportPath);
    await stack.waitForIdle();
    const reading = {
      observedAt: '2026-04-10T09:00:00Z',
      overall: 20,
      pillars: { brand: 13.118002, people: 3.68, insights: 0.29999998, relationships: 2.6077502 },
    };
    const post = (body: unknown) =>
      json<{ stored: boolean; detail?: string }>('/members/scores-post/official-scores', {
        method: 'POST',
        body: JSON.stringify(body),
      });
    expect(await post(reading)).toMatchObject({ status: 201, body: { stored: true } });
    expect(await post(reading)).toMatchObject({ status: 200, body: { stored: false } });
    const tooHigh = await post({ ...reading, pillars: { ...reading.pillars, brand: 26.3 } });
    expect(tooHigh.status).toBe(400);
    expect(tooHigh.body.detail).toMatch(/brand.*26\.3.*0–25/);
    const notJson = await stack.api('/members/scores-post/official-scores', {
      method: 'POST',
      body: '{oops',
    });
    expect(notJson.status).toBe(400);
    expect(
      (await json<{ readings: unknown[] }>('/members/scores-post/official-scores')).body.readings,
    ).toHaveLength(1);
  });

  it('serves the report page, self-contained, with the STALE span shaded', async () => {
    const response = await stack.api('/members/scores-sample/report?from=2025-10-01&to=2026-04-15');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(response.text).toContain('<svg');
    expect(response.text).toMatch(/class="stale-span"/);
    expect(response.text.match(/<circle[^>]*class="reading/g)?.length).toBeGreaterThan(10);
    expect(response.text).not.toMatch(/(src|href)="https?:/);
    expect(Buffer.byteLength(response.text)).toBeLessThan(300_000);
  });

  it('says why there is no calibration yet', async () => {
    await stack.upload('scores-none', exportPath);
    await stack.waitForIdle();
    const response = await json<{ detail: string }>('/members/scores-none/calibration');
    // No team prior either: the stack's table is this file's own and no sweep ran.
    expect(response.status).toBe(404);
    expect(response.body.detail).toMatch(/needs 5 official readings .*0 reading/);
  });

  it('hostile readings uploads end in a clear manifest and leave stored readings alone', async () => {
    await stack.upload('scores-hostile', exportPath);
    await stack.upload('scores-hostile', Buffer.from(sampleReadingsCsv()), 'scores/scores-hostile/good.csv');
    await stack.waitForIdle();
    const before = (await json<{ readings: unknown[] }>('/members/scores-hostile/official-scores')).body
      .readings;
    const cases = [
      {
        key: 'scores/scores-hostile/broken.json',
        body: '{"memberScore": {',
        status: 'FAILED',
        reason: /not valid JSON/,
      },
      {
        key: 'scores/scores-hostile/range.json',
        body: JSON.stringify({
          observedAt: '2026-04-01T00:00:00Z',
          overall: 120,
          pillars: { brand: 30, people: 30, insights: 30, relationships: 30 },
        }),
        status: 'FAILED',
        reason: /brand.*30.*0–25|overall.*120/,
      },
      {
        key: 'scores/scores-hostile/mixed.csv',
        body: 'date,overall,brand,people,insights,relationships\n2026-04-02,40,10,10,10,10\n2026-04-03,40,26,5,5,4\n',
        status: 'PARTIAL',
        reason: /1 new reading.*1 rejected/,
      },
    ];
    for (const c of cases) {
      await stack.upload('scores-hostile', Buffer.from(c.body), c.key);
      await stack.waitForIdle();
      const [manifest] = (await json<{ ingests: IngestManifest[] }>('/members/scores-hostile/ingests')).body
        .ingests;
      expect(manifest, c.key).toMatchObject({ objectKey: c.key, status: c.status });
      expect(manifest?.reason, c.key).toMatch(c.reason);
    }
    const after = (await json<{ readings: unknown[] }>('/members/scores-hostile/official-scores')).body
      .readings;
    expect(after).toHaveLength(before.length + 1);
    expect(after).toEqual(expect.arrayContaining(before));
  });
});
