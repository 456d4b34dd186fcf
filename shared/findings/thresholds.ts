/** The knobs of the three findings (docs/findings.md explains each default). */
export interface FindingThresholds {
  /** STALE: identical readings must span at least this many days. */
  staleDays: number;
  /** STALE: …while the raw estimate moved by at least this many points, */
  minDelta: number;
  /** …or the member was active on at least this many days. */
  minActiveDays: number;
  /** DIVERGENT: |calibrated estimate − official| above this, per pillar … */
  divergentPillar: number;
  /** …and for the total, */
  divergentTotal: number;
  /** …on at least this many consecutive reading days, the same way … */
  divergentRuns: number;
  /** …spanning at least this many days. */
  divergentMinDays: number;
  /** Each of a quiet stretch, a recent recalculation and a recent freeze widens the tolerance by this share of it. */
  divergentWiden: number;
  /** RECALCULATION: the day shows in members' readings at most this many days apart … */
  recalcMaxGapDays: number;
  /** (No longer used: the step is judged against each member's own spread. Kept so configurations still parse.) */
  recalcStepShare: number;
  /** (No longer used, as above.) */
  recalcStepPoints: number;
  /** …of at least this many members, … */
  recalcMinMembers: number;
  /** …at least this share of whom changed in the same direction, … */
  recalcMemberShare: number;
  /** …by a median of at least this many of their own day-to-day spreads (robust sd), … */
  recalcMinShift: number;
  /** …with the median's significance (median · √members / 1.25) at least this. */
  recalcMinStrength: number;
}

export const DEFAULT_THRESHOLDS: Readonly<FindingThresholds> = {
  staleDays: 14,
  minDelta: 1.0,
  minActiveDays: 5,
  divergentPillar: 4,
  divergentTotal: 8,
  divergentRuns: 3,
  divergentMinDays: 4,
  divergentWiden: 0.5,
  recalcMaxGapDays: 3,
  recalcStepShare: 0.05,
  recalcStepPoints: 1,
  recalcMinMembers: 3,
  recalcMemberShare: 0.75,
  recalcMinShift: 1,
  recalcMinStrength: 6,
};
