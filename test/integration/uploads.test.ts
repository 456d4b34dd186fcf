import { describe, expect, it } from 'vitest';
import type { IngestManifest } from '../../shared/domain/manifest';
import { MAX_MANIFEST_TEXT_CHARS } from '../../shared/domain/manifest';
import { useLocalStack } from '../support/local-stack';
import { buildZip } from '../support/zip-builder';

/** Uploads that used to vanish (ignored by the notification filter) or die (dead-lettered without a manifest). */
const stack = useLocalStack();

const HEADER = 'date,overall,brand,people,insights,relationships';
const huge = 'x'.repeat(300_000);

const latestManifest = async (memberId: string): Promise<IngestManifest | undefined> =>
  ((await stack.api(`/members/${memberId}/ingests`)).json as { ingests: IngestManifest[] }).ingests[0];

const uploadAndWait = async (memberId: string, key: string, body: Uint8Array): Promise<IngestManifest> => {
  const before = stack.deliveries.length;
  await stack.upload(memberId, body, key);
  await stack.waitForIdle();
  // Exactly one delivery, acknowledged: nothing was retried or dead-lettered.
  expect(stack.deliveries.slice(before).map((d) => d.outcome)).toEqual(['ok']);
  const manifest = await latestManifest(memberId);
  expect(manifest?.objectKey).toBe(key);
  return manifest as IngestManifest;
};

describe('uploads that used to vanish or die', () => {
  it('reads an export named Export.ZIP (upper-case extension, as Windows writes it)', async () => {
    const zip = await buildZip([
      { name: 'Reactions.csv', content: 'Date,Type,Link\n2026-02-03 10:00:00,LIKE,https://x\n' },
    ]);
    const manifest = await uploadAndWait('up-zip', 'exports/up-zip/Export.ZIP', zip);
    expect(manifest).toMatchObject({
      status: 'SUCCEEDED',
      code: 'EXPORT_INGESTED',
      rowsPerKind: { reaction: 1 },
    });
  });

  it('records a FAILED manifest for anything under exports/<id>/ that is not a .zip', async () => {
    const manifest = await uploadAndWait('up-rar', 'exports/up-rar/export.rar', Buffer.from('Rar!'));
    expect(manifest).toMatchObject({ status: 'FAILED', code: 'NOT_A_ZIP' });
    expect(manifest.reason).toMatch(/^not a \.zip file/);
  });

  it.each([
    ['CSV', 'scores/up-cell/cell.csv', `${HEADER}\n${huge},40,10,10,10,10\n`],
    [
      'JSON',
      'scores/up-cell/cell.JSON',
      JSON.stringify({
        observedAt: huge,
        overall: 40,
        pillars: { brand: 10, people: 10, insights: 10, relationships: 10 },
      }),
    ],
  ])(
    'a readings %s with a 300,000-character cell ends in one small FAILED manifest',
    async (_form, key, body) => {
      const manifest = await uploadAndWait('up-cell', key, Buffer.from(body));
      expect(manifest).toMatchObject({ status: 'FAILED', code: 'READINGS_UNREADABLE' });
      expect(manifest.reason?.length).toBeLessThanOrEqual(MAX_MANIFEST_TEXT_CHARS + 1);
      expect(Buffer.byteLength(JSON.stringify(manifest))).toBeLessThan(5_000);
    },
  );

  it('stores the readings of a UTF-16 LE CSV with a BOM (Excel "Unicode text"), upper-case extension', async () => {
    const csv = `${HEADER}\n2026-04-02,40,10,10,10,10\n2026-04-09,41,10,11,10,10\n`;
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv, 'utf16le')]);
    const manifest = await uploadAndWait('up-utf16', 'scores/up-utf16/History.CSV', bytes);
    expect(manifest).toMatchObject({ status: 'SUCCEEDED', code: 'READINGS_STORED' });
    const { readings } = (await stack.api('/members/up-utf16/official-scores')).json as {
      readings: unknown[];
    };
    expect(readings).toHaveLength(2);
  });
});
