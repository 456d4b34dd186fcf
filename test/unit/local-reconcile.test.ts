import { describe, expect, it } from 'vitest';
import { describeReconcile, type ReconcileDeps, reconcile, type StoredUpload } from '../../local/reconcile';
import type { S3Notification } from '../../local/s3-events';
import { emptyManifest, type IngestManifest } from '../../shared/domain/manifest';

const at = (iso: string) => new Date(iso);

function fakeDeps(options: {
  uploads: StoredUpload[];
  manifests?: IngestManifest[];
  registered?: string[];
  leases?: string[];
  pending?: string[];
}) {
  const queued: S3Notification[] = [];
  const leases = new Set(options.leases ?? []);
  const deps: ReconcileDeps = {
    bucket: 'uploads',
    uploads: async () => options.uploads,
    registeredMembers: async () => options.registered ?? [],
    manifests: {
      listManifests: async (memberId) =>
        (options.manifests ?? []).filter((manifest) => manifest.memberId === memberId),
    },
    clearLease: async (memberId) => leases.delete(memberId),
    completePendingStages: async (memberId) => (options.pending ?? []).includes(memberId),
    enqueue: (notification) => queued.push(notification),
  };
  return { deps, queued, leases };
}

const manifest = (memberId: string, objectKey: string, startedAt: string) =>
  emptyManifest({ memberId, objectKey }, new Date(startedAt));

describe('the local start-up reconcile', () => {
  it('queues again, oldest first, every upload without a manifest started after the object was written', async () => {
    const { deps, queued } = fakeDeps({
      uploads: [
        { key: 'exports/ann/b.zip', lastModified: at('2026-03-01T10:05:00.400Z'), size: 10 },
        { key: 'exports/ann/a.zip', lastModified: at('2026-03-01T10:00:00.000Z'), size: 10 },
        // Its manifest was written for an earlier object at the same key: this one is new.
        { key: 'scores/bob/r.csv', lastModified: at('2026-03-02T09:00:00.000Z'), size: 10 },
        // Done: started in the same second S3 rounds the upload time down to.
        { key: 'exports/bob/done.zip', lastModified: at('2026-03-01T11:00:00.900Z'), size: 10 },
        { key: 'elsewhere/x.zip', lastModified: at('2026-03-01T11:00:00.000Z'), size: 10 },
      ],
      manifests: [
        manifest('bob', 'scores/bob/r.csv', '2026-03-01T09:00:00.000Z'),
        manifest('bob', 'exports/bob/done.zip', '2026-03-01T11:00:00.950Z'),
      ],
    });
    const report = await reconcile(deps);
    expect(report.requeued).toEqual(['exports/ann/a.zip', 'exports/ann/b.zip', 'scores/bob/r.csv']);
    expect(queued.map((n) => n.Records[0]?.s3)).toEqual([
      { bucket: { name: 'uploads' }, object: { key: 'exports/ann/a.zip', size: 10 } },
      { bucket: { name: 'uploads' }, object: { key: 'exports/ann/b.zip', size: 10 } },
      { bucket: { name: 'uploads' }, object: { key: 'scores/bob/r.csv', size: 10 } },
    ]);
    expect(queued.every((n) => n.Records[0]?.eventName === 'ObjectCreated:Put')).toBe(true);
  });

  it('clears the leases of members known from the registry or the bucket, and completes half-applied exports', async () => {
    const { deps, leases } = fakeDeps({
      uploads: [{ key: 'exports/new/a.zip', lastModified: at('2026-03-01T10:00:00Z'), size: 1 }],
      manifests: [manifest('new', 'exports/new/a.zip', '2026-03-01T10:00:01Z')],
      registered: ['old'],
      leases: ['new', 'old'],
      pending: ['old'],
    });
    const report = await reconcile(deps);
    expect(report).toEqual({ leasesCleared: ['new', 'old'], completed: ['old'], requeued: [] });
    expect(leases.size).toBe(0);
    expect(describeReconcile(report)).toEqual([
      'Cleared 2 lease(s) a stopped run left: new, old',
      'Completed the half-applied export of old',
    ]);
    expect(describeReconcile({ leasesCleared: [], completed: [], requeued: [] })).toEqual([]);
  });
});
