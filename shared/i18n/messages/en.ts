import { PILLAR_LABELS } from '../../domain/pillar-labels';

/**
 * The English catalogue, and the shape every other language must fill (a missing key is a type error; the
 * catalogue test also checks that every text keeps the same `{placeholders}`). Namespaces: `common` and
 * `pillars` for everything, then one per page or surface (member page, web app, team page, findings,
 * manifests) — add yours as a new namespace in all three files.
 *
 * Counted texts are plural forms `{one, few, many, other}` picked by `Intl.PluralRules` (Polish needs all four;
 * English and German use `one` and `other` and repeat `other`).
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
  /** The member page (shared/report). */
  member: {
    title: 'SSI report – {member}',
    heading: 'Your SSI report',
    meta: 'Member {member} · generated {at}',
    languages: 'Language',
    staleData:
      'Your latest data is from {day} ({days} days ago): upload a fresh LinkedIn export to see where you stand today.',
    chart: {
      title: 'Your SSI: estimates and official readings',
      calibrated: 'Estimate (calibrated)',
      rawBeside: 'Raw model estimate',
      rawAlone: 'Estimate (raw model)',
      reading: 'Official reading',
      divergent: 'Far from estimate',
      stale: 'Score frozen',
      recalculation: 'Formula changed',
      industry: 'Industry average',
      network: 'Network average',
      description:
        'Daily estimates of the overall SSI (0 to 100) and of its four pillars (0 to 25 each) from {from} to {to}, with {readings} as points, {stale} shaded and {divergent} of readings far from the estimate marked. The findings below say the same in words.',
      readings: {
        one: '{n} official reading',
        few: '{n} official readings',
        many: '{n} official readings',
        other: '{n} official readings',
      },
      staleSpans: {
        one: '{n} frozen span',
        few: '{n} frozen spans',
        many: '{n} frozen spans',
        other: '{n} frozen spans',
      },
      runs: { one: '{n} run', few: '{n} runs', many: '{n} runs', other: '{n} runs' },
    },
    empty: {
      scoring: 'Your export has been read; its estimates are being computed. Reload this page in a minute.',
      noEstimates: 'No estimates yet: they appear once your LinkedIn data export has been read.',
      noReadings:
        'No official readings yet: report the SSI LinkedIn shows you (linkedin.com/sales/ssi) to see it next to the estimates.',
    },
    findings: {
      heading: 'What we noticed',
      nothingToCheck: 'Nothing to check yet: findings compare your official readings with the estimates.',
      nothingToCompareNoEstimates:
        'Nothing to compare yet: your official readings are stored, but there are no estimates until an export has been read.',
      nothingToCompareElsewhere:
        'Nothing to compare yet: no estimate covers the days of your official readings; upload an export that reaches them.',
      nothingToReport:
        'Nothing to report: your official scores look up to date and in line with the estimates.',
      resolved: {
        one: '1 earlier finding is resolved (the score moved again, agrees again, or a recalculation explains it).',
        few: '{n} earlier findings are resolved (the score moved again, agrees again, or a recalculation explains it).',
        many: '{n} earlier findings are resolved (the score moved again, agrees again, or a recalculation explains it).',
        other:
          '{n} earlier findings are resolved (the score moved again, agrees again, or a recalculation explains it).',
      },
      whatToDo: 'What to do:',
    },
    manifestHeading: 'Your latest upload',
    recent: {
      /** Short pillar names for the table's columns. */
      columns: { brand: 'Brand', people: 'People', insights: 'Insights', relationships: 'Relationships' },
      headingOne: 'The last day',
      heading: 'The last {n} days',
      day: 'Day',
      estimate: 'Estimate',
      official: 'Official',
      calibratedCaption:
        'Overall SSI estimated on LinkedIn’s scale (calibrated to your official readings{expectation}), the official reading of the day, each pillar’s calibrated estimate, and the raw model estimate before calibration.',
      rawCaption:
        'Overall SSI (raw model estimate, not yet on LinkedIn’s scale: report official readings to calibrate it), the official reading of the day, and the raw estimate of each pillar.',
      expectation: '; expect ±{error} points per reading, {basis}',
      basisPrior: 'from your teammates’ calibrations, until you report a reading',
      basisReadings: {
        one: 'from 1 reading',
        few: 'from {n} readings',
        many: 'from {n} readings',
        other: 'from {n} readings',
      },
      basisPooled: '{readings} and your teammates’',
    },
    moved: {
      heading: 'What moved your score',
      range: 'From {from} to {to} your estimated SSI changed by {change} points{scale}.',
      calibratedScale: ' (on LinkedIn’s scale)',
      rawScale: ' (raw model, not yet calibrated)',
      raised: 'raised by {sources}',
      lowered: 'lowered by {sources}',
      unchanged: 'unchanged',
      none: 'Nothing to show yet: this section appears once an export has been read.',
      chartTitle: 'What moved each pillar, in points',
      pickRange: 'Another range: add ?from=YYYY-MM-DD&to=YYYY-MM-DD to the address.',
    },
    next: {
      heading: 'What to do next',
      intro:
        'From your own last 4 weeks up to {day}: what each action would add over the next {days} days, on top of your current pace.',
      total: 'in total {total}',
      forecast: 'At your current pace your SSI heads from {from} to {to} by {day} ({change}).',
      none: 'No plan yet: it appears once an export has been read.',
    },
    steady: {
      heading: 'How steady you are',
      intro:
        'Weeks in a row with activity that feeds each pillar, over the last 52 weeks up to the week of {day}. LinkedIn rewards steady weekly activity over bursts.',
      current: {
        one: '{n} week in a row',
        few: '{n} weeks in a row',
        many: '{n} weeks in a row',
        other: '{n} weeks in a row',
      },
      longest: 'longest run {n}',
      active: '{n} of {weeks} weeks active',
      breaks: 'broken in the weeks of {weeks}',
      noBreaks: 'never broken',
      stripTitle: '{pillar}: active weeks, oldest first',
    },
  },
  /** Findings in plain words, with what to do about each. */
  findings: {
    officialOverall: 'official overall score',
    officialPillar: 'official score for “{pillar}”',
    stale:
      'Your {score} did not change {span} ({days}{held}){because} — LinkedIn probably did not recompute it.',
    staleHeld: ', always {value}',
    staleWhile: ' while {reasons}',
    staleActive: {
      one: 'you were active on {n} day',
      few: 'you were active on {n} days',
      many: 'you were active on {n} days',
      other: 'you were active on {n} days',
    },
    staleMoved: 'our estimate moved by {points} points',
    and: ' and ',
    days: { one: '{n} day', few: '{n} days', many: '{n} days', other: '{n} days' },
    divergent:
      "Your {score} was {direction} our calibrated estimate{run} {span}{by}{limit} — either LinkedIn's figure is off or the estimate misses something your export does not show.",
    above: 'above',
    below: 'below',
    awayFrom: 'away from',
    divergentRun: ' on {n} reading days in a row',
    divergentBy: ', by up to {points} points',
    divergentLimit: ' (more than the {tolerance}-point tolerance)',
    recalculation:
      'Between {from} and {to} your {score} {verb}{values}{percent}{others} with no matching change in your activity — LinkedIn probably changed its formula. Older readings are rescaled before they are compared with the estimate.',
    rose: 'rose',
    fell: 'fell',
    values: ' from {before} to {after}',
    others: ', as it did for {stepping} of {observed} members reading their score then,',
    spanOne: 'on {day}',
    span: 'from {from} to {to}',
    advice: {
      STALE:
        'Open linkedin.com/sales/ssi and report the score it shows today; if it still has not moved, keep your weekly rhythm — the estimate shows what your activity earns.',
      DIVERGENT:
        'Upload a fresh export and report today’s reading; if the gap stays, trust the official score for comparisons and tell us what the export may miss.',
      RECALCULATION:
        'Nothing to do: compare yourself with your own scores since the change, not with the months before it.',
    },
  },
  /** The latest upload's manifest in words. */
  manifest: {
    none: 'No upload yet: upload your LinkedIn data export to start.',
    status: {
      SUCCEEDED: 'Your upload {file} was read in full on {at} (in {seconds} s).',
      PARTIAL: 'Your upload {file} was read in part on {at} (in {seconds} s).',
      FAILED: 'Your upload {file} could not be read on {at} (in {seconds} s).',
    },
    /** The outcome by the manifest's `code`; English pages show the recorded `reason` instead (it is English). */
    codes: {
      EXPORT_INGESTED: 'The export was read and merged.',
      EXPORT_PARTIAL: 'Some files or rows of the export could not be read; the rest was merged.',
      EXPORT_UNREADABLE: 'The export could not be read at all.',
      EXPORT_DUPLICATE: 'This content was already uploaded.',
      NOT_A_ZIP: 'The file is not a ZIP archive: upload the ZIP LinkedIn sent you, unchanged.',
      READINGS_STORED: 'The readings were stored.',
      READINGS_PARTIAL: 'Some readings could not be read; the rest were stored.',
      READINGS_UNREADABLE: 'No reading in the file could be read.',
      READINGS_TOO_LARGE: 'The readings file is too large.',
      OBJECT_GONE: 'The file was deleted or replaced before it could be read.',
      MANIFEST_TOO_LARGE:
        'The upload was processed; its full record was too large to keep, so only a summary is shown.',
    },
    detail: 'Details (as recorded, in English): {reason}',
    duplicate: 'It is the same export as an earlier upload, so nothing changed.',
    exportedAt: 'LinkedIn produced the export on {day}.',
    counts:
      '{files} recognised, {ignored} ignored; {rows} read, {undated} without a date, {rejected} rejected.',
    files: { one: '{n} file', few: '{n} files', many: '{n} files', other: '{n} files' },
    rows: { one: '{n} row', few: '{n} rows', many: '{n} rows', other: '{n} rows' },
    rowsPerKind: 'Rows per kind: {kinds}.',
    rejected: 'Rejected rows and files:',
    rejectedSome: 'Rejected rows and files (the first {shown} of {total}):',
    line: '{file}, line {line}: {reason}',
    kinds: {
      post: 'post',
      reshare: 'reshare',
      repost: 'repost',
      article: 'article',
      comment: 'comment',
      reaction: 'reaction',
      vote: 'vote',
      search: 'search',
      invitation_sent: 'invitation sent',
      invitation_received: 'invitation received',
      message_sent: 'message sent',
      message_received: 'message received',
      connection: 'connection',
      endorsement_received: 'endorsement received',
      endorsement_given: 'endorsement given',
      recommendation_received: 'recommendation received',
      recommendation_given: 'recommendation given',
      company_follow: 'company follow',
      member_follow: 'member follow',
      saved_item: 'saved item',
      media_upload: 'media upload',
      job_application: 'job application',
    },
  },
  /** What to do next and what moved: actions and the model's sources in words. */
  plan: {
    actions: {
      post: {
        one: '{n} post a week',
        few: '{n} posts a week',
        many: '{n} posts a week',
        other: '{n} posts a week',
      },
      comment: {
        one: '{n} thoughtful comment a week',
        few: '{n} thoughtful comments a week',
        many: '{n} thoughtful comments a week',
        other: '{n} thoughtful comments a week',
      },
      reaction: {
        one: '{n} reaction a week',
        few: '{n} reactions a week',
        many: '{n} reactions a week',
        other: '{n} reactions a week',
      },
      personalised_invitation: {
        one: '{n} personalised invitation a week',
        few: '{n} personalised invitations a week',
        many: '{n} personalised invitations a week',
        other: '{n} personalised invitations a week',
      },
      message: {
        one: '{n} message a week to people you know',
        few: '{n} messages a week to people you know',
        many: '{n} messages a week to people you know',
        other: '{n} messages a week to people you know',
      },
      reply: {
        one: '{n} reply a week to messages',
        few: '{n} replies a week to messages',
        many: '{n} replies a week to messages',
        other: '{n} replies a week to messages',
      },
      search: {
        one: '{n} people search a week',
        few: '{n} people searches a week',
        many: '{n} people searches a week',
        other: '{n} people searches a week',
      },
      reshare: {
        one: '{n} reshare with your own words a week',
        few: '{n} reshares with your own words a week',
        many: '{n} reshares with your own words a week',
        other: '{n} reshares with your own words a week',
      },
      follow: {
        one: 'follow {n} relevant person a week',
        few: 'follow {n} relevant people a week',
        many: 'follow {n} relevant people a week',
        other: 'follow {n} relevant people a week',
      },
      endorse: {
        one: 'endorse {n} contact a week',
        few: 'endorse {n} contacts a week',
        many: 'endorse {n} contacts a week',
        other: 'endorse {n} contacts a week',
      },
      article: {
        one: 'one article in the next 4 weeks',
        few: 'one article in the next 4 weeks',
        many: 'one article in the next 4 weeks',
        other: 'one article in the next 4 weeks',
      },
    },
    sources: {
      profile: 'profile',
      active_days: 'days active',
      post: 'posts',
      media_upload: 'media uploads',
      article: 'articles',
      endorsement_received: 'endorsements received',
      recommendation_received: 'recommendations received',
      search: 'searches',
      connection: 'new connections',
      company_follow: 'companies followed',
      member_follow: 'people followed',
      saved_item: 'saved items',
      comment: 'comments',
      reaction: 'reactions',
      'message_sent.reply': 'replies to messages',
      reshare: 'reshares',
      repost: 'reposts',
      vote: 'poll votes',
      'connection.senior': 'senior connections',
      'connection.coworker': 'connections at your company',
      'message_sent.people': 'messages to people',
      'invitation_sent.personalised': 'personalised invitations',
      invitation_sent: 'invitations sent',
      endorsement_given: 'endorsements given',
      recommendation_given: 'recommendations given',
    },
  },
};

/** The catalogue's shape: every language has every key, each a string (templates use `{name}`). */
export type Messages = typeof en;

/** A counted text: the forms `Intl.PluralRules` selects from. */
export interface PluralForms {
  one: string;
  few: string;
  many: string;
  other: string;
}
