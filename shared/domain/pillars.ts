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

/** official ≈ slope · raw + intercept (docs/model.md, "Calibration"). */
export interface CalibrationLine {
  slope: number;
  intercept: number;
}

/**
 * Where a calibration's lines come from: the member's readings pulled toward the identity (`member`, no population
 * prior yet), toward the population prior (`pooled`), or the prior alone for a member without readings
 * (`population`).
 */
export type CalibrationBasis = 'member' | 'pooled' | 'population';

/** A fitted per-member map from raw estimate to official score, per pillar (docs/model.md). */
export interface Calibration {
  memberId: string;
  modelVersion: string;
  fittedAt: string;
  readings: number;
  /** official ≈ slope · raw + intercept, clamped to 0–25. */
  pillars: Record<Pillar, CalibrationLine>;
  /**
   * Mean absolute error of raw and calibrated estimates against the readings, in points. `leaveOneOut` is the
   * error to expect on the next reading; with 0 readings all three are the population prior's expectations.
   */
  mae: Record<Pillar | 'total', { raw: number; inSample: number; leaveOneOut: number }>;
  /** Absent on calibrations stored before pooling: `member`. */
  basis?: CalibrationBasis;
  /** Readings lose half their weight every this many days before the member's latest reading. */
  halfLifeDays?: number;
  /** The level (intercept) follows the residuals weighted with this half-life (absent on older calibrations). */
  levelHalfLifeDays?: number;
  /**
   * Per pillar, how far the level moved toward the last week's readings (already in `pillars`' intercepts);
   * `withoutLevelShift` gives the lines as fitted, which DIVERGENT compares against. Absent on older calibrations.
   */
  levelShift?: Record<Pillar, number>;
  /**
   * The member's own lines (readings and the identity pull only, same recency weights) and the mean raw estimate
   * they were fitted at: what the sweep pools into the population prior, so the prior does not learn from itself.
   * Present once the member has MIN_CALIBRATION_READINGS readings.
   */
  unpooled?: Record<Pillar, CalibrationLine & { rawMean: number }>;
  /**
   * The member's share of the population map (`memberMapMoments`): what the sweep learns where a member without
   * readings stands from. Internal: the calibration route leaves it out. Present with MIN_CALIBRATION_READINGS
   * recent readings whose days and lags have estimates.
   */
  mapMoments?: Record<Pillar, MapMoments>;
}

/**
 * One member's readings summarised for the population map: means over their recent readings of xxᵀ (upper triangle,
 * row by row), x·official and official², x = (1, raw, raw²/25, raw at each lag); and their raw range.
 */
export interface MapMoments {
  readings: number;
  xx: number[];
  xy: number[];
  yy: number;
  rawMin: number;
  rawMax: number;
}

/**
 * Where a member without readings stands (shared/model/population-map.ts): per pillar, official ≈ c · (1, raw,
 * raw²/25, raw `lagDays` before), learned from the members' readings, and the raw range it was learned on.
 */
export interface PopulationMap {
  lagDays: number[];
  members: number;
  /** Only the pillars where the map predicted members better than the between-member line (others use that). */
  pillars: Partial<Record<Pillar, { coefficients: number[]; rawMin: number; rawMax: number }>>;
}

/** A spread of one pillar's calibration lines across the deployment's calibrated members. */
export interface PriorLine {
  slope: { mean: number; sd: number };
  intercept: { mean: number; sd: number };
  /** Correlation of slope and intercept across members (a steeper line usually starts lower). */
  correlation: number;
  /** A typical reading's scatter around its member's own line (points, sd). */
  residualSd: number;
  /**
   * Where a member without readings is expected on a pillar the population map does not hold: the members' levels
   * (their own line at their mean raw estimate) regressed on those mean raw estimates, or the identity where the
   * raw estimate predicted the members better. Absent in priors stored before it (the mean line serves then).
   */
  between?: { slope: number; intercept: number };
}

/**
 * The pooled prior (`POPULATION` / `PRIOR`), learned by the sweep from the calibrated members' own lines: a member
 * with few readings is calibrated toward it (partial pooling), one without readings gets its mean line.
 */
export interface PopulationPrior {
  modelVersion: string;
  fittedAt: string;
  /** Calibrated members it was learned from. */
  members: number;
  pillars: Record<Pillar, PriorLine>;
  /**
   * Mean absolute error per reading for a member without readings: `raw` of the raw model, `calibrated` of the
   * prior's mean line, each member predicted from the others' lines (leave one member out).
   */
  expectedError: Record<Pillar | 'total', { raw: number; calibrated: number }>;
  /**
   * The population map, when enough members carry its moments (priors stored before it have none); with it,
   * `expectedError.calibrated` is the map's error, each member predicted from the others' map.
   */
  map?: PopulationMap;
}

export type FindingType = 'STALE' | 'DIVERGENT' | 'RECALCULATION';
export type FindingScope = 'overall' | Pillar;

export type FindingStatus = 'open' | 'resolved';

/**
 * Why a finding stopped being current: the official score moved again (STALE), a later reading agrees with the
 * estimate again (DIVERGENT), a recalculation explains it, a recalculation the calibration now accounts for
 * (RECALCULATION), or re-evaluation no longer supports it (a refit calibration, corrected readings).
 */
export type FindingResolution =
  | 'moved-again'
  | 'agrees-again'
  | 'superseded-by-recalculation'
  | 'accounted-for'
  | 'withdrawn';

export interface Finding {
  memberId: string;
  type: FindingType;
  pillar: FindingScope;
  from: Day;
  to: Day;
  /** Wall time: when pillarwatch could first know (the arrival of the reading that made it true). */
  detectedAt: string;
  evidence: Record<string, unknown>;
  /** Lifecycle (docs/findings.md, "Lifecycle"): set by `trackFindings`; detectors leave it out. */
  status?: FindingStatus;
  /** Wall time of the resolution; with `resolvedOnDay`, the data day of the reading that resolved it. */
  resolvedAt?: string;
  resolvedOnDay?: Day;
  resolution?: FindingResolution;
  /** Data time: the first day the evidence covers. */
  firstEvidenceDay?: Day;
  /** Data time: the observation day of the reading that made the finding true. */
  flaggedOnDay?: Day;
}
