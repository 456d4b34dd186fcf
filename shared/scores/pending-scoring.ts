import type { ScoringStage } from '../domain/manifest';
import type { Lease, MemberLock } from '../store/member-lock';
import { afterExportIngest, type ScoresDeps } from './member-scores';

/** What finishing a member's owed scoring needs: the score stores and the member's lock. */
export interface PendingScoringDeps extends ScoresDeps {
  lock: MemberLock;
}

export interface ScoringDone {
  estimates: number;
  newFindings: number;
}

/**
 * Finishes the scoring an export ingest left owed (`Coverage.pendingScoring`): estimates from the owed day,
 * then findings, then the marker is cleared and the waiting manifests say DONE. Runs under the member's
 * lease, so it never interleaves with a merge or an erasure; an erasure removes the marker with the
 * coverage, so scoring owed before an erasure is never done after it. Resolves `undefined` when nothing
 * was owed. Any delivery of an export (a duplicate too) and the local stack's start-up call it.
 */
export const completePendingScoring = async (
  deps: PendingScoringDeps,
  memberId: string,
): Promise<ScoringDone | undefined> =>
  (await deps.lock.withLock(memberId, (lease) => scorePendingUnderLease(deps, memberId, lease))).result;

/** The members whose scoring is owed (one read per registered member): for a start-up reconcile. */
export const membersWithPendingScoring = async (deps: ScoresDeps): Promise<string[]> => {
  const owing: string[] = [];
  for (const memberId of await deps.scores.listMembers())
    if ((await deps.activity.loadCoverage(memberId)).pendingScoring) owing.push(memberId);
  return owing;
};

const scorePendingUnderLease = async (
  deps: ScoresDeps,
  memberId: string,
  lease: Lease,
): Promise<ScoringDone | undefined> => {
  const coverage = await deps.activity.loadCoverage(memberId);
  const pending = coverage.pendingScoring;
  if (!pending) return undefined;
  const { estimates, evaluation } = await afterExportIngest(deps, memberId, pending.from, lease);
  const done: ScoringDone = { estimates, newFindings: evaluation.fresh.length };
  const stage: ScoringStage = { status: 'DONE', ...done, finishedAt: deps.now().toISOString() };
  lease.assertHeld();
  for (const position of pending.manifests)
    await deps.activity.updateManifestScoring(memberId, position, stage);
  // Cleared last: a crash before this write leaves the marker, and the next run scores (idempotently) again.
  await deps.activity.saveCoverage(memberId, { exports: coverage.exports });
  return done;
};
