import type { ProfileSnapshot } from '../domain/profile';

/**
 * One item of the profile checklist LinkedIn's "All-Star" profile names. `points` is its brand weight, `files` the
 * profile file types (ProfileSnapshot.filesPresent) of which at least one must be in the export for the item to be
 * known, `value` how far the snapshot fulfils it (0–1).
 */
interface ChecklistItem {
  points: number;
  files: readonly string[];
  value: (profile: ProfileSnapshot) => number;
}

const has = (count: number): number => (count > 0 ? 1 : 0);
const upTo = (count: number, target: number): number => Math.min(count / target, 1);

/** Optional sections: each present one adds a seventh of two points. */
const EXTRA_POINTS = 2 / 7;
const extra = (file: string, count: (profile: ProfileSnapshot) => number): ChecklistItem => ({
  points: EXTRA_POINTS,
  files: [file],
  value: (profile) => has(count(profile)),
});

/** Weights sum to PROFILE_CAP (docs/model.md, "Profile completeness"). */
const CHECKLIST: readonly ChecklistItem[] = [
  { points: 1, files: ['Profile'], value: (p) => (p.hasHeadline ? 1 : 0) },
  { points: 1, files: ['Profile', 'Profile Summary'], value: (p) => (p.hasSummary ? 1 : 0) },
  { points: 1.5, files: ['Positions'], value: (p) => has(p.currentPositions) },
  { points: 1, files: ['Positions'], value: (p) => upTo(p.positions - p.currentPositions, 2) },
  { points: 1, files: ['Education'], value: (p) => has(p.education) },
  { points: 1.5, files: ['Skills'], value: (p) => upTo(p.skills, 5) },
  extra('Languages', (p) => p.languages),
  extra('Certifications', (p) => p.certifications),
  extra('Projects', (p) => p.projects),
  extra('Courses', (p) => p.courses),
  extra('Honors', (p) => p.honors),
  extra('Publications', (p) => p.publications),
  extra('Volunteering', (p) => p.volunteering),
];

export const PROFILE_CAP = CHECKLIST.reduce((sum, item) => sum + item.points, 0);

/**
 * Brand points from the profile snapshot and the share of the checklist the export let us see (0–1). Items whose
 * file is missing give no points and count as unknown; no snapshot at all is entirely unknown.
 */
export const profileCompleteness = (
  profile: ProfileSnapshot | undefined,
): { points: number; observed: number } => {
  if (!profile) return { points: 0, observed: 0 };
  const present = new Set(profile.filesPresent);
  let points = 0;
  let observedPoints = 0;
  for (const item of CHECKLIST) {
    if (!item.files.some((file) => present.has(file))) continue;
    points += item.points * item.value(profile);
    observedPoints += item.points;
  }
  return { points, observed: observedPoints / PROFILE_CAP };
};
