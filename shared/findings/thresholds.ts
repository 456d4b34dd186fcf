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
  /** …on at least this many consecutive readings. */
  divergentRuns: number;
  /** RECALCULATION: a step is two readings at most this many days apart … */
  recalcMaxGapDays: number;
  /** …whose values differ by at least this share of the earlier one … */
  recalcStepShare: number;
  /** …and by at least this many points (overall; a pillar needs a quarter of it). */
  recalcStepPoints: number;
  /** Members stepping the same way within a day of each other: at least this many … */
  recalcMinMembers: number;
  /** …and at least this share of the members whose readings show that day. */
  recalcMemberShare: number;
}

export const DEFAULT_THRESHOLDS: Readonly<FindingThresholds> = {
  staleDays: 14,
  minDelta: 1.0,
  minActiveDays: 5,
  divergentPillar: 4,
  divergentTotal: 8,
  divergentRuns: 3,
  recalcMaxGapDays: 2,
  recalcStepShare: 0.05,
  recalcStepPoints: 1,
  recalcMinMembers: 3,
  recalcMemberShare: 0.5,
};
