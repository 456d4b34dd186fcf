import type { ScoresDeps } from '../shared/scores/member-scores';

/**
 * Finishes the stages a crashed ingest left half-done for one member (the estimates and findings after its
 * days were written) and says whether there was anything to finish. The start-up reconcile calls it for
 * every member it knows.
 *
 * Wiring point for the scoring stage's marker (issue #8, `completePendingScoring` in shared/scores): this
 * function becomes `return completePendingScoring(deps, memberId)`. Without that marker no member is known
 * to be half-scored, and an upload whose manifest is missing is ingested again by the reconcile instead.
 */
export const completePendingStages = async (_deps: ScoresDeps, _memberId: string): Promise<boolean> => false;
