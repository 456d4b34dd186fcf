import { PILLAR_LABELS } from '../../domain/pillar-labels';

/**
 * The English catalogue, and the shape every other language must fill (a missing key is a type error; the
 * catalogue test also checks that every text keeps the same `{placeholders}`). Namespaces: `common` and
 * `pillars` for everything, then one per page or surface (member page, web app, team page, findings,
 * manifests) — add yours as a new namespace in all three files.
 */
export const en = {
  languageName: 'English',
  pillars: PILLAR_LABELS.en,
  common: {
    overall: 'Overall SSI',
    calibrated: 'calibrated',
    raw: 'raw model',
    official: 'official',
  },
  team: {
    title: 'Team {teamId}',
    period: '{from} – {to}, generated {generatedAt}',
    leaderboardTitle: 'Leaderboard on {date}',
    leaderboardNote: 'Official readings older than {days} days rank after estimates; their age is shown.',
    rank: 'Rank',
    member: 'Member',
    officialReading: 'Official (age)',
    ageDays: '{days} d',
    estimate: 'Estimate (calibrated)',
    tier: 'Tier',
    kpi: 'KPI',
    stale: 'STALE',
    staleOpen: 'open STALE',
    averagesTitle: 'Team averages per pillar',
    averagesChart: 'Team averages of the four pillars every 7 days from {from} to {to}',
    tiersTitle: 'Tiers',
    tiersNote: 'Advanced from {advanced}, star from {star} (overall SSI).',
    beginner: 'Beginner',
    advanced: 'Advanced',
    star: 'Star',
    unplaced: 'No figure',
    day: 'Day',
    movesTitle: 'Moved since {from}',
    movedUp: '{name}: {from} → {to} (up)',
    movedDown: '{name}: {from} → {to} (down)',
    noMoves: 'Nobody changed tier.',
    staleTitle: 'Open STALE findings',
    noStale: 'No open STALE findings.',
    quietTitle: 'Quiet: no reading or export for more than {days} days',
    lastReading: 'Last reading',
    lastExport: 'Last export',
    never: 'never',
    noQuiet: 'Everybody sent a reading and an export lately.',
    competitionsTitle: 'Competitions',
    noCompetitions: 'No competitions set up.',
    competitionHeading: '{name}: {metric}, {from} – {to}',
    improvement: 'Improvement',
    basis: 'Basis',
    noData: 'no data',
    kpiTitle: 'Company KPI per week',
    week: 'Week of',
    ssi: 'SSI',
    strategic: 'Strategic goals',
    business: 'Business goals',
    kpiDefault: 'The team has not defined its KPI yet; the default definition is shown.',
  },
};

/** The catalogue's shape: every language has every key, each a string (templates use `{name}`). */
export type Messages = typeof en;
