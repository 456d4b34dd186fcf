import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCompetition } from '../../bin/commands/competition';
import { formatKpi } from '../../bin/commands/kpi';
import { formatTiers } from '../../bin/commands/tiers';
import type { Competition } from '../../shared/teams/competition';
import type { TeamKpi } from '../../shared/teams/kpi';
import type { TeamTiers } from '../../shared/teams/tiers';
import { runCliCapturing } from '../support/cli-run';

/** competition, tiers and kpi over the API: a stand-in API answers what the report function would. */
const COMPETITION: Competition = {
  teamId: 'emea',
  from: '2026-05-01',
  to: '2026-05-31',
  metric: 'people',
  standings: [
    {
      memberId: 'ann',
      displayName: 'Ann',
      rank: 1,
      start: 10,
      end: 13.5,
      improvement: 3.5,
      basis: 'official',
      startDay: '2026-05-01',
      endDay: '2026-05-31',
    },
    {
      memberId: 'bob',
      displayName: 'Bob',
      rank: null,
      start: 9,
      end: null,
      improvement: null,
      basis: null,
      startDay: '2026-05-01',
      endDay: null,
      reason: 'no-data-at-end',
    },
  ],
};
const TIERS: TeamTiers = {
  teamId: 'emea',
  from: '2026-05-01',
  to: '2026-05-31',
  thresholds: { advanced: 70, star: 80 },
  members: [{ memberId: 'ann', displayName: 'Ann', tier: 'star', score: 81, basis: 'official' }],
  makeup: [{ day: '2026-05-31', beginner: 0, advanced: 0, star: 1, unplaced: 1 }],
  moves: [{ memberId: 'ann', displayName: 'Ann', from: 'advanced', to: 'star', direction: 'up' }],
};
const KPI: TeamKpi = {
  teamId: 'emea',
  from: '2026-05-01',
  to: '2026-05-31',
  definition: { weights: { ssi: 0.5, strategic: 0.3, business: 0.2 }, strategic: {}, business: {} },
  defaultDefinition: false,
  weeks: [{ week: '2026-05-25', kpi: 62.5, ssi: 0.7, strategic: 0.5, business: null, members: 2 }],
  members: [
    {
      memberId: 'ann',
      displayName: 'Ann',
      week: '2026-05-25',
      ssi: 0.8,
      strategic: 0.5,
      business: null,
      kpi: 70,
      missing: ['business'],
      activity: {},
      goals: {},
    },
  ],
};
const CSV = '\uFEFFrank;member\r\n1;ann\r\n';

const seen: string[] = [];
const server = createServer((request, response) => {
  seen.push(request.url ?? '');
  const url = new URL(request.url ?? '/', 'http://x');
  if (url.searchParams.get('format') === 'csv') {
    response.writeHead(200, { 'content-type': 'text/csv; charset=utf-8' });
    return response.end(CSV);
  }
  const body = (
    { '/teams/emea/competition': COMPETITION, '/teams/emea/tiers': TIERS, '/teams/emea/kpi': KPI } as Record<
      string,
      unknown
    >
  )[url.pathname];
  response.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body ?? { title: 'Not Found' }));
});
let api = '';
beforeAll(async () => {
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', () => listening()));
  api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((closed) => server.close(closed)));

const cli = (...argv: string[]) => runCliCapturing([...argv, '--api', api, '--token', 'eyJ.t']);

describe('pillarwatch competition / tiers / kpi over the API', () => {
  it('--json writes exactly the API document, one JSON document on stdout, nothing on stderr', async () => {
    for (const [name, document] of [
      ['competition', COMPETITION],
      ['tiers', TIERS],
      ['kpi', KPI],
    ] as const) {
      const result = await cli(name, '--team', 'emea', '--json');
      expect(result.code, name).toBe(0);
      expect(result.stderr).toBe('');
      expect(JSON.parse(result.stdout)).toEqual(document);
    }
  });

  it('sends the period and metric as the API query', async () => {
    seen.length = 0;
    await cli(
      'competition',
      '--team',
      'emea',
      '--from',
      '2026-05-01',
      '--to',
      '2026-05-31',
      '--metric',
      'people',
    );
    await cli('kpi', '--team', 'emea', '--from', '2026-05-01');
    expect(seen).toEqual([
      '/teams/emea/competition?from=2026-05-01&to=2026-05-31&metric=people',
      '/teams/emea/kpi?from=2026-05-01',
    ]);
  });

  it('--csv passes the API CSV through untouched (BOM and separator included)', async () => {
    const result = await cli('competition', '--team', 'emea', '--csv');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(CSV);
    expect(seen.at(-1)).toBe('/teams/emea/competition?format=csv');
  });

  it('an API error is one line on stderr and exit 1', async () => {
    const result = await runCliCapturing([
      'tiers',
      '--team',
      'emea',
      '--api',
      `${api}/nothing`,
      '--token',
      't',
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^pillarwatch: The API answered 404 Not Found\.\n$/);
  });
});

describe('the team tables, for a person', () => {
  it('competition: most improved first, the basis, and why a member has no standing', () => {
    const [title, header, ann, bob] = formatCompetition(COMPETITION);
    expect(title).toBe('Team emea: people from 2026-05-01 to 2026-05-31, most improved first:');
    expect(header).toMatch(/^rank\s+member\s+name\s+start\s+end\s+improvement\s+basis$/);
    expect(ann).toMatch(/^1\s+ann\s+Ann\s+10\.00\s+13\.50\s+\+3\.50\s+official$/);
    expect(bob).toMatch(/^—\s+bob\s+Bob\s+9\.00\s+—\s+—\s+no-data-at-end$/);
  });

  it('tiers: thresholds, each member, the make-up and who moved', () => {
    const lines = formatTiers(TIERS);
    expect(lines[0]).toBe('Team emea on 2026-05-31 (advanced from 70, star from 80):');
    expect(lines[2]).toMatch(/^ann\s+Ann\s+star\s+81\.00\s+official$/);
    expect(lines).toContain('  Ann (ann): advanced → star (up)');
  });

  it('kpi: the weights, the team per week in % of target, the members of the last week', () => {
    const lines = formatKpi(KPI);
    expect(lines[0]).toContain('weights: SSI 0.5, strategic 0.3, business 0.2');
    expect(lines[2]).toMatch(/^2026-05-25\s+62\.5\s+70\s+50\s+—\s+2$/);
    expect(lines.at(-1)).toMatch(/^ann\s+Ann\s+70\.0\s+business$/);
  });
});
