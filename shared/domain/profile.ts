/**
 * The profile snapshot an export gives: completeness signals for the professional-brand pillar and the
 * current employer (for co-worker connections). No free text is kept beyond company and title.
 */
export interface ProfileSnapshot {
  exportedAt: string;
  hasHeadline: boolean;
  hasSummary: boolean;
  positions: number;
  currentPositions: number;
  education: number;
  skills: number;
  languages: number;
  certifications: number;
  projects: number;
  courses: number;
  honors: number;
  publications: number;
  volunteering: number;
  currentCompany?: string;
  currentTitle?: string;
  /** Profile file types present in the export (a missing file is unknown, not zero). */
  filesPresent: string[];
}

export type ProfileCounter = Exclude<
  keyof ProfileSnapshot,
  'exportedAt' | 'hasHeadline' | 'hasSummary' | 'currentCompany' | 'currentTitle' | 'filesPresent'
>;

export const emptyProfile = (exportedAt: string): ProfileSnapshot => ({
  exportedAt,
  hasHeadline: false,
  hasSummary: false,
  positions: 0,
  currentPositions: 0,
  education: 0,
  skills: 0,
  languages: 0,
  certifications: 0,
  projects: 0,
  courses: 0,
  honors: 0,
  publications: 0,
  volunteering: 0,
  filesPresent: [],
});
