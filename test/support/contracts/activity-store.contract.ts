import { describe, expect, it } from 'vitest';
import type { Day, DayActivity } from '../../../shared/domain/kinds';
import { emptyManifest, type IngestManifest } from '../../../shared/domain/manifest';
import type { Coverage } from '../../../shared/domain/merge';
import type { ProfileSnapshot } from '../../../shared/domain/profile';
import type { ActivityStore } from '../../../shared/store/activity-store';

/**
 * What every `ActivityStore` must do, run against the in-memory fake (unit) and the DynamoDB adapter on
 * DynamoDB Local (integration), so the fake cannot drift from the adapter the ingest and the API really use.
 * Each test takes fresh member ids: the integration run shares one table.
 */
export const activityStoreContract = (name: string, makeStore: () => ActivityStore): void => {
  const run = `contract-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  let members = 0;
  const freshMember = () => `${run}-${++members}`;

  const day = (date: Day, posts = 1): DayActivity => ({
    day: date,
    counts: { post: posts },
    signals: {},
  });
  const manifest = (memberId: string, startedAt: string, objectKey: string): IngestManifest => ({
    ...emptyManifest({ memberId, objectKey }, new Date(startedAt)),
    status: 'SUCCEEDED',
    daysWritten: 3,
  });
  const profile: ProfileSnapshot = {
    exportedAt: '2026-01-31T00:00:00.000Z',
    hasHeadline: true,
    hasSummary: false,
    positions: 3,
    currentPositions: 1,
    education: 1,
    skills: 12,
    languages: 2,
    certifications: 0,
    projects: 0,
    courses: 0,
    honors: 0,
    publications: 0,
    volunteering: 0,
    currentCompany: 'Acme',
    filesPresent: ['Profile', 'Positions'],
  };
  const coverage: Coverage = {
    exports: [
      {
        fingerprint: 'f1',
        exportedAt: '2026-01-31T00:00:00.000Z',
        windows: { post: [{ from: '2026-01-01', to: '2026-01-31' }] },
      },
    ],
  };
  const position = (m: IngestManifest) => `${m.startedAt}#${m.objectKey}`;

  describe(`ActivityStore contract: ${name}`, () => {
    it('knows no member before anything is stored, and knows one once any of its items is', async () => {
      const store = makeStore();
      const [withDays, withProfile, withCoverage, withManifest] = [1, 2, 3, 4].map(freshMember);
      expect(await store.memberExists(withDays as string)).toBe(false);
      await store.writeDays(withDays as string, [day('2026-01-05')], []);
      await store.saveProfile(withProfile as string, profile);
      await store.saveCoverage(withCoverage as string, { exports: [] });
      await store.saveManifest(manifest(withManifest as string, '2026-01-05T10:00:00.000Z', 'a.zip'));
      for (const member of [withDays, withProfile, withCoverage, withManifest])
        expect(await store.memberExists(member as string), member).toBe(true);
    });

    it('reads the days in [from, to], ascending, and at most `limit` of them', async () => {
      const store = makeStore();
      const member = freshMember();
      const days = ['2026-01-07', '2026-01-01', '2026-01-03', '2026-01-05', '2026-01-09'] as Day[];
      expect(
        await store.writeDays(
          member,
          days.map((d) => day(d)),
          [],
        ),
      ).toBe(1);
      const inWindow = await store.readDays(member, '2026-01-03', '2026-01-07');
      expect(inWindow.map((d) => d.day)).toEqual(['2026-01-03', '2026-01-05', '2026-01-07']);
      expect(inWindow[0]).toEqual(day('2026-01-03'));
      expect((await store.readDays(member, '2026-01-01', '2026-12-31', 2)).map((d) => d.day)).toEqual([
        '2026-01-01',
        '2026-01-03',
      ]);
      expect(await store.readDays(member, '2026-01-01', '2026-12-31', 99)).toHaveLength(5);
      expect(await store.readDays(member, '2026-02-01', '2026-02-28')).toEqual([]);
    });

    it('honours `limit` across more days than one batch of writes', async () => {
      const store = makeStore();
      const member = freshMember();
      const days = Array.from({ length: 60 }, (_, i) =>
        day(`2026-03-${String((i % 30) + 1).padStart(2, '0')}`),
      );
      const unique = [...new Map(days.map((d) => [d.day, d])).values()];
      const more = unique.map((d) => ({ ...d, day: d.day.replace('2026-03', '2026-04') as Day }));
      expect(await store.writeDays(member, [...unique, ...more], [])).toBe(3);
      const page = await store.readDays(member, '2026-03-01', '2026-04-30', 31);
      expect(page).toHaveLength(31);
      expect(page.at(-1)?.day).toBe('2026-04-01');
    });

    it('replaces a day on a second write and deletes the days it is told to', async () => {
      const store = makeStore();
      const member = freshMember();
      await store.writeDays(member, [day('2026-01-01'), day('2026-01-02')], []);
      await store.writeDays(member, [day('2026-01-01', 5)], ['2026-01-02']);
      expect(await store.readDays(member, '2026-01-01', '2026-01-31')).toEqual([day('2026-01-01', 5)]);
    });

    it('keeps coverage and profile per member, with empty coverage and no profile by default', async () => {
      const store = makeStore();
      const [member, other] = [freshMember(), freshMember()];
      expect(await store.loadCoverage(member)).toEqual({ exports: [] });
      expect(await store.loadProfile(member)).toBeUndefined();
      await store.saveCoverage(member, coverage);
      await store.saveProfile(member, profile);
      expect(await store.loadCoverage(member)).toEqual(coverage);
      expect(await store.loadProfile(member)).toEqual(profile);
      expect(await store.loadCoverage(other)).toEqual({ exports: [] });
      expect(await store.loadProfile(other)).toBeUndefined();
    });

    it('lists manifests newest first by position, pages with `before`, and never repeats the anchor', async () => {
      const store = makeStore();
      const member = freshMember();
      const stored = [
        manifest(member, '2026-01-01T10:00:00.000Z', 'exports/a.zip'),
        manifest(member, '2026-01-02T10:00:00.000Z', 'exports/a.zip'),
        // Same start time: the object key orders them.
        manifest(member, '2026-01-02T10:00:00.000Z', 'exports/b.zip'),
        manifest(member, '2026-01-03T10:00:00.000Z', 'exports/c.zip'),
      ];
      for (const m of stored) await store.saveManifest(m);
      await store.saveManifest(manifest(freshMember(), '2026-01-04T10:00:00.000Z', 'exports/z.zip'));
      const newestFirst = [...stored].reverse();
      expect(await store.listManifests(member, 10)).toEqual(newestFirst);
      const first = await store.listManifests(member, 2);
      expect(first).toEqual(newestFirst.slice(0, 2));
      const second = await store.listManifests(member, 2, position(first.at(-1) as IngestManifest));
      expect(second).toEqual(newestFirst.slice(2, 4));
      expect(await store.listManifests(member, 2, position(second.at(-1) as IngestManifest))).toEqual([]);
    });
  });
};
