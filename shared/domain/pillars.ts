import type { Day } from './kinds';

/**
 * The four SSI pillars, by the short names the API uses; each 0–25, the SSI is their sum (0–100).
 * LinkedIn's own names (in the SSI JSON) map one to one.
 */
export const PILLARS = ['brand', 'people', 'insights', 'relationships'] as const;
export type Pillar = (typeof PILLARS)[number];

export const LINKEDIN_PILLAR_NAMES: Record<Pillar, string> = {
  brand: 'PROFESSIONAL_BRAND',
  people: 'FIND_RIGHT_PEOPLE',
  insights: 'INSIGHT_ENGAGEMENT',
  relationships: 'STRONG_RELATIONSHIP',
};

export const PILLAR_MAX = 25;
export const TOTAL_MAX = 100;

export type PillarScores = Record<Pillar, number>;

/** A group's figures from the SSI page: the member's industry or network. */
export interface GroupScore {
  /** "Top N %" (lower is better). */
  rank?: number;
  /** The group's average SSI. */
  overall?: number;
  pillars?: Partial<PillarScores>;
  groupSize?: number;
  /** Industry name, on the INDUSTRY group. */
  industry?: string;
}

/** Where an official reading came from. */
export type ReadingSource = 'api-json' | 'typed' | 'csv';

/** One official SSI reading a member reported. Decimals are kept as LinkedIn sent them. */
export interface OfficialReading {
  memberId: string;
  /** When the score was shown on LinkedIn (ISO). */
  observedAt: string;
  /** True when the upload carried no observation time and the upload time was taken instead. */
  observedAtAssumed?: boolean;
  /** When pillarwatch received it (ISO). */
  receivedAt: string;
  source: ReadingSource;
  overall: number;
  pillars: PillarScores;
  industry?: GroupScore;
  network?: GroupScore;
  /** Hash of the normalised reading (observedAt, overall, pillars): the same reading twice is stored once. */
  readingHash: string;
}

/** Model v1's estimate for one day (docs/model.md). */
export interface DailyEstimate {
  day: Day;
  modelVersion: string;
  pillars: PillarScores;
  total: number;
  /** 0–1: how much of what feeds each pillar the export could observe (a missing file is unknown, not zero). */
  confidence: PillarScores & { total: number };
  /** Per pillar, the points each signal contributed (signal name → points). */
  contributions: Record<Pillar, Record<string, number>>;
}

/** A fitted per-member map from raw estimate to official score, per pillar (docs/model.md). */
export interface Calibration {
  memberId: string;
  modelVersion: string;
  fittedAt: string;
  readings: number;
  /** official ≈ slope · raw + intercept, clamped to 0–25. */
  pillars: Record<Pillar, { slope: number; intercept: number }>;
  /** Mean absolute error of raw and calibrated estimates against the readings, in points. */
  mae: Record<Pillar | 'total', { raw: number; inSample: number; leaveOneOut: number }>;
}

export type FindingType = 'STALE' | 'DIVERGENT' | 'RECALCULATION';
export type FindingScope = 'overall' | Pillar;

export interface Finding {
  memberId: string;
  type: FindingType;
  pillar: FindingScope;
  from: Day;
  to: Day;
  detectedAt: string;
  evidence: Record<string, unknown>;
}
