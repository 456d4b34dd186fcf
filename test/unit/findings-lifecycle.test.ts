import { describe, expect, it } from 'vitest';
import type { Finding, OfficialReading } from '../../shared/domain/pillars';
import { changedFindings, trackFindings, withLifecycle } from '../../shared/findings/lifecycle';
import { findingOf, officialReading, pillars } from '../support/scores-builders';

const NOW = '2026-06-01T12:00:00.000Z';

/** A reading on `day` at 09:00 that reached pillarwatch at `receivedAt` (default: an hour later). */
const readingOn = (day: string, value = 10, receivedAt = `${day}T10:00:00.000Z`): OfficialReading => ({
  ...officialReading('m', `${day}T09:00:00.000Z`, pillars(value)),
  receivedAt,
});

const stale = (from: string, to: string): Finding =>
  findingOf('m', 'STALE', from, to, {
    first: { observedAt: `${from}T09:00:00.000Z` },
    last: { observedAt: `${to}T09:00:00.000Z` },
    flaggedBy: '2026-01-15T09:00:00.000Z',
  });
const divergent = (from: string, to: string): Finding => findingOf('m', 'DIVERGENT', from, to);
const recalculation = (from: string, to: string): Finding => findingOf('m', 'RECALCULATION', from, to);

const days = (from: number, to: number): string[] =>
  Array.from({ length: to - from + 1 }, (_, i) => `2026-01-${String(from + i).padStart(2, '0')}`);

describe('trackFindings', () => {
  it('opens a new finding, in data time and wall time, and announces it', () => {
    const readings = days(1, 15).map((day) => readingOn(day));
    const { findings, opened } = trackFindings({
      stored: [],
      current: [stale('2026-01-01', '2026-01-15')],
      readings,
      now: NOW,
    });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      status: 'open',
      firstEvidenceDay: '2026-01-01',
      flaggedOnDay: '2026-01-15',
      detectedAt: '2026-01-15T00:00:00.000Z',
    });
    expect(findings[0]?.resolvedAt).toBeUndefined();
    expect(opened).toEqual(findings);
  });

  it('keeps a growing finding open with its first detection, without announcing it again', () => {
    const readings = days(1, 20).map((day) => readingOn(day));
    const first = trackFindings({
      stored: [],
      current: [stale('2026-01-01', '2026-01-15')],
      readings: readings.slice(0, 15),
      now: NOW,
    });
    const grown = { ...stale('2026-01-01', '2026-01-20'), detectedAt: '2026-01-20T00:00:00.000Z' };
    const { findings, opened } = trackFindings({
      stored: first.findings,
      current: [grown],
      readings,
      now: NOW,
    });
    expect(findings[0]).toMatchObject({
      status: 'open',
      to: '2026-01-20',
      detectedAt: '2026-01-15T00:00:00.000Z',
    });
    expect(opened).toEqual([]);
  });

  it('resolves STALE when the official score moves again: resolvedAt is that reading’s arrival, resolvedOnDay its day', () => {
    const readings = [
      ...days(1, 15).map((day) => readingOn(day)),
      readingOn('2026-01-16', 11, '2026-01-18T07:00:00.000Z'),
    ];
    const stored = trackFindings({
      stored: [],
      current: [stale('2026-01-01', '2026-01-15')],
      readings: readings.slice(0, 15),
      now: NOW,
    }).findings;
    const { findings, opened } = trackFindings({
      stored,
      current: [stale('2026-01-01', '2026-01-15')],
      readings,
      now: NOW,
    });
    expect(findings[0]).toMatchObject({
      status: 'resolved',
      resolution: 'moved-again',
      resolvedAt: '2026-01-18T07:00:00.000Z',
      resolvedOnDay: '2026-01-16',
    });
    expect(opened).toEqual([]);
  });

  it('does not announce history: a plateau first seen after it ended is stored resolved', () => {
    const readings = [...days(1, 15).map((day) => readingOn(day)), readingOn('2026-01-16', 11)];
    const { findings, opened } = trackFindings({
      stored: [],
      current: [stale('2026-01-01', '2026-01-15')],
      readings,
      now: NOW,
    });
    expect(findings[0]?.status).toBe('resolved');
    expect(opened).toEqual([]);
  });

  it('resolves DIVERGENT when a later reading day with an estimate agrees; a day without one changes nothing', () => {
    const readings = days(1, 6).map((day) => readingOn(day));
    const current = [divergent('2026-01-01', '2026-01-04')];
    const unjudged = trackFindings({
      stored: [],
      current,
      readings,
      judgedDays: new Set(days(1, 4)),
      now: NOW,
    });
    expect(unjudged.findings[0]?.status).toBe('open');
    const judged = trackFindings({
      stored: unjudged.findings,
      current,
      readings,
      judgedDays: new Set(days(1, 6)),
      now: NOW,
    });
    expect(judged.findings[0]).toMatchObject({
      status: 'resolved',
      resolution: 'agrees-again',
      resolvedOnDay: '2026-01-05',
    });
  });

  it('resolves RECALCULATION once a later reading exists: the calibration accounts for it', () => {
    const readings = days(1, 3).map((day) => readingOn(day));
    const { findings } = trackFindings({
      stored: [],
      current: [recalculation('2026-01-01', '2026-01-02')],
      readings,
      now: NOW,
    });
    expect(findings[0]).toMatchObject({
      status: 'resolved',
      resolution: 'accounted-for',
      resolvedOnDay: '2026-01-03',
    });
  });

  it('resolves a finding re-evaluation no longer raises: superseded by a recalculation near it, else withdrawn', () => {
    const readings = days(1, 10).map((day) => readingOn(day));
    const stored = trackFindings({
      stored: [],
      current: [
        divergent('2026-01-05', '2026-01-10'),
        { ...divergent('2026-01-05', '2026-01-10'), pillar: 'brand' },
      ],
      readings,
      now: NOW,
    }).findings;
    expect(stored.every((f) => f.status === 'open')).toBe(true);
    const { findings, opened } = trackFindings({
      stored,
      current: [recalculation('2026-01-03', '2026-01-04')],
      readings,
      now: NOW,
    });
    const byPillar = new Map(findings.filter((f) => f.type === 'DIVERGENT').map((f) => [f.pillar, f]));
    expect(byPillar.get('overall')).toMatchObject({
      status: 'resolved',
      resolution: 'superseded-by-recalculation',
      resolvedAt: NOW,
      resolvedOnDay: '2026-01-10',
    });
    // The recalculation was on the overall scope: it explains every pillar's divergence too.
    expect(byPillar.get('brand')?.resolution).toBe('superseded-by-recalculation');
    expect(opened.map((f) => f.type)).toEqual([]);
    const withdrawn = trackFindings({ stored, current: [], readings, now: NOW }).findings;
    expect(withdrawn.map((f) => f.resolution)).toEqual(['withdrawn', 'withdrawn']);
  });

  it('keeps a resolved finding as it was when re-evaluation no longer raises it', () => {
    const resolved: Finding = {
      ...stale('2026-01-01', '2026-01-15'),
      status: 'resolved',
      resolution: 'moved-again',
      resolvedAt: '2026-01-17T00:00:00.000Z',
      resolvedOnDay: '2026-01-16',
      firstEvidenceDay: '2026-01-01',
      flaggedOnDay: '2026-01-15',
    };
    const { findings } = trackFindings({
      stored: [resolved],
      current: [],
      readings: [readingOn('2026-02-01')],
      now: NOW,
    });
    expect(findings).toEqual([resolved]);
  });

  it('gives the same result for any order of its inputs', () => {
    const readings = days(1, 20).map((day) => readingOn(day));
    const current = [
      stale('2026-01-01', '2026-01-15'),
      divergent('2026-01-02', '2026-01-20'),
      recalculation('2026-01-01', '2026-01-02'),
    ];
    const a = trackFindings({ stored: [], current, readings, now: NOW });
    const b = trackFindings({
      stored: [],
      current: [...current].reverse(),
      readings: [...readings].reverse(),
      now: NOW,
    });
    expect(b).toEqual(a);
  });
});

describe('withLifecycle', () => {
  it('reads a finding stored before the lifecycle as open, with its data days', () => {
    expect(withLifecycle(stale('2026-01-01', '2026-01-20'))).toMatchObject({
      status: 'open',
      firstEvidenceDay: '2026-01-01',
      flaggedOnDay: '2026-01-15',
    });
    const resolved = { ...divergent('2026-01-01', '2026-01-04'), status: 'resolved' as const };
    expect(withLifecycle(resolved).status).toBe('resolved');
  });
});

describe('changedFindings', () => {
  it('keeps only what differs from the stored findings, whatever the key order of stored maps', () => {
    const stored = { ...stale('2026-01-01', '2026-01-15'), status: 'open' as const };
    const reordered = Object.fromEntries(Object.entries(stored).reverse()) as unknown as Finding;
    const grown = { ...stored, to: '2026-01-16' };
    const fresh = divergent('2026-01-02', '2026-01-05');
    expect(changedFindings([reordered], [stored, fresh])).toEqual([fresh]);
    expect(changedFindings([stored], [grown])).toEqual([grown]);
  });
});
