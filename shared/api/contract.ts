import * as z from 'zod';
import { daysBetween } from '../domain/days';
import { ERROR_CODES } from '../domain/errors';
import { EVENT_KINDS } from '../domain/kinds';
import { isMemberId, MEMBER_ID_RULE } from '../domain/member';
import {
  MAX_DISPLAY_NAME_LENGTH,
  MAX_TEAMS_PER_MEMBER,
  type PutMemberBody,
  TEAM_ID_PATTERN,
} from '../domain/membership';
import { type Finding, type FindingStatus, type FindingType, PILLARS } from '../domain/pillars';
import { LOCALES } from '../i18n/locales';
import {
  FILE_NAME_PATTERN,
  MAX_FILE_NAME_LENGTH,
  MAX_MULTIPART_UPLOAD_BYTES,
  MAX_UPLOAD_BYTES,
  MULTIPART_URL_SECONDS,
  UPLOAD_KINDS,
  UPLOAD_URL_SECONDS,
  type UploadRequest,
} from '../uploads/uploads';

/**
 * The API contract, in zod: request validation in the handler and the OpenAPI document (`openapi.ts`) come
 * from these schemas, and the CDK stack and the local HTTP adapter take their routes from `API_ROUTES`.
 */

/** A `YYYY-MM-DD` string naming a day the calendar has. */
export const isRealDay = (value: string) => {
  const ms = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === value;
};

export const DaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine(isRealDay, 'is not a real calendar date')
  .meta({ description: 'A UTC calendar day', example: '2025-06-01' });

export const TeamIdSchema = z
  .string()
  .regex(TEAM_ID_PATTERN, 'must be 1–64 characters of letters, digits, ".", "_" or "-"')
  // A path segment of `/teams/{teamId}/…`: dot segments would be resolved away by URL normalisation.
  .refine((id) => id !== '.' && id !== '..', 'must not be "." or ".."')
  .meta({ description: 'Team id', example: 'sales-emea' });

/** Body of `PUT /members/{memberId}`: the whole profile, replacing the previous one. */
export const PutMemberBodySchema: z.ZodType<PutMemberBody, unknown> = z.strictObject({
  displayName: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(MAX_DISPLAY_NAME_LENGTH, `must be at most ${MAX_DISPLAY_NAME_LENGTH} characters`),
  teams: z
    .array(TeamIdSchema)
    .max(MAX_TEAMS_PER_MEMBER, `at most ${MAX_TEAMS_PER_MEMBER} teams`)
    // A set: order and repeats carry no meaning, so the stored form is sorted and unique (idempotent puts).
    .transform((teams) => [...new Set(teams)].sort()),
});

export const MemberIdSchema = z.string().refine(isMemberId, `must be ${MEMBER_ID_RULE}`).meta({
  description: 'Member id (an e-mail address will do): the folder under exports/ in the bucket',
  example: 'jane.doe+emea@example.com',
});

/** Longest range one request may ask for; longer ranges are paged by asking again. */
export const MAX_RANGE_DAYS = 1098;

/**
 * Page sizes of the paged routes (`limit`): the default when a request gives none, and the most it may ask
 * for. Declared here so validation applies the default and the OpenAPI document shows both.
 */
export const PAGE_SIZES = {
  days: { default: 366, max: MAX_RANGE_DAYS + 1 },
  ingests: { default: 50, max: 100 },
  readings: { default: 1000, max: 1000 },
  findings: { default: 500, max: 500 },
  members: { default: 100, max: 1000 },
  teams: { default: 100, max: 1000 },
} as const satisfies Record<string, { default: number; max: number }>;

const limit = ({ default: pageSize, max }: { default: number; max: number }) =>
  z.coerce
    .number()
    .int()
    .min(1)
    .max(max)
    .default(pageSize)
    .meta({ description: `Items per page (1–${max}, default ${pageSize})` });
/** Room for an ingest position (an S3 key of up to 1,024 bytes) after base64url. */
const MAX_CURSOR_LENGTH = 2048;
const cursor = z
  .string()
  .max(MAX_CURSOR_LENGTH)
  .optional()
  .meta({
    description:
      'Opaque cursor from a previous page’s `nextCursor`, for the same route, member and range; any other ' +
      'answers 400',
  });

const dayRangeFields = z.object({
  from: DaySchema.optional().meta({ description: 'First day (default: `to` minus 365 days)' }),
  to: DaySchema.optional().meta({ description: 'Last day (default: today, UTC)' }),
  limit: limit(PAGE_SIZES.days),
  cursor,
});

/** `from` ≤ `to`, at most MAX_RANGE_DAYS apart: the rules of every day range. */
const withRangeRules = <T extends typeof dayRangeFields>(fields: T) =>
  fields
    .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'must not be after `to`', path: ['from'] })
    .refine((q) => !q.from || !q.to || daysBetween(q.from, q.to) <= MAX_RANGE_DAYS, {
      message: `the range may span at most ${MAX_RANGE_DAYS} days`,
      path: ['to'],
    });

const dayRange = withRangeRules(dayRangeFields);

/** The report's range (the chart; also What moved when given) and its language (else `Accept-Language`). */
const reportQuery = withRangeRules(
  dayRangeFields.extend({
    lang: z
      .string()
      .max(35)
      .optional()
      .meta({
        description: `Page language (${LOCALES.join(', ')}); another value or none: the request’s Accept-Language, else en`,
      }),
  }),
);

const PillarGains = z.object(
  Object.fromEntries(PILLARS.map((pillar) => [pillar, z.number()])) as Record<
    (typeof PILLARS)[number],
    z.ZodNumber
  >,
);

const ScorePoint = z.object({ day: z.string(), total: z.number(), pillars: PillarGains });

export const PlanSchema = z.object({
  memberId: z.string(),
  horizonDays: z.number().int().meta({ description: 'Days the plan looks ahead (28)' }),
  actions: z
    .array(
      z.object({
        action: z
          .string()
          .meta({ description: 'Stable id of the action, e.g. post, comment, personalised_invitation' }),
        perWeek: z.number().meta({ description: 'How many a week (0.25: one in four weeks)' }),
        gain: PillarGains.meta({
          description: 'Expected points per pillar at the horizon, over the current pace; ≥ 0',
        }),
        total: z.number(),
      }),
    )
    .meta({ description: 'At least 3, highest total first' }),
  forecast: z
    .object({ from: ScorePoint, to: ScorePoint, change: z.number() })
    .meta({ description: 'Where the score heads if the member keeps their recent 4 weeks’ pace' }),
  dataAsOf: z
    .string()
    .meta({ description: 'Last day the member’s exports describe: “recent” is the 4 weeks up to it' }),
  dataAgeDays: z.number().int(),
  staleData: z
    .boolean()
    .meta({ description: 'true when dataAsOf is more than 14 days old: upload a fresh export' }),
  calibrated: z
    .boolean()
    .meta({ description: 'Gains and forecast on LinkedIn’s scale (a calibration applies)' }),
});

const Counts = z.partialRecord(z.enum(EVENT_KINDS), z.number().int().nonnegative());

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z
      .enum(ERROR_CODES)
      .optional()
      .meta({ description: 'Stable code of the error, for programs (`detail` is for people)' }),
  })
  .meta({ description: 'RFC 9457 problem details (application/problem+json)' });

const IngestManifestSchema = z
  .looseObject({
    memberId: z.string(),
    objectKey: z.string(),
    status: z.enum(['SUCCEEDED', 'PARTIAL', 'FAILED']),
    reason: z.string().optional(),
    startedAt: z.string(),
    finishedAt: z.string(),
    durationMs: z.number(),
    exportedAt: z.string().optional(),
    fingerprint: z.string().optional(),
    duplicateOf: z.string().optional(),
    filesRecognised: z.array(z.looseObject({ path: z.string(), rows: z.number(), rejected: z.number() })),
    filesIgnored: z.array(z.object({ path: z.string(), reason: z.string() })),
    rowsPerKind: Counts,
    undatedRows: z.number(),
    rejectedRows: z.number(),
    coverage: z.partialRecord(z.enum(EVENT_KINDS), z.object({ from: z.string(), to: z.string() })),
    daysWritten: z.number(),
    writeRequests: z.number(),
  })
  .meta({ description: 'What one upload’s ingest did (docs/ingest.md)' });

const Pillars = z.object(
  Object.fromEntries(PILLARS.map((p) => [p, z.number()])) as Record<(typeof PILLARS)[number], z.ZodNumber>,
);

const EstimateDay = z.object({
  day: z.string(),
  pillars: Pillars,
  total: z.number(),
  confidence: z.looseObject({ total: z.number() }).meta({ description: '0–1 per pillar and total' }),
  calibrated: z.object({ pillars: Pillars, total: z.number() }).nullable(),
  contributions: z.record(z.string(), z.record(z.string(), z.number())),
});

const Group = z.looseObject({ rank: z.number().optional(), overall: z.number().optional() });
const Reading = z
  .object({
    observedAt: z.string(),
    observedAtAssumed: z.boolean().optional(),
    receivedAt: z.string(),
    source: z.enum(['api-json', 'typed', 'csv']),
    overall: z.number(),
    pillars: Pillars,
    industry: Group.optional(),
    network: Group.optional(),
  })
  .meta({ description: 'An official SSI reading as reported, decimals kept' });

const PlainReadingBody = z
  .object({
    observedAt: z
      .string()
      .meta({ description: 'ISO time the score was shown', example: '2026-03-01T09:00:00Z' }),
    overall: z.number(),
    pillars: Pillars,
  })
  .extend({
    industry: Group.optional(),
    network: Group.optional(),
    source: z.enum(['api-json', 'typed', 'csv']).optional(),
    observedAtAssumed: z.boolean().optional(),
  })
  .meta({ description: 'A typed reading: overall 0–100, pillars 0–25' });

const SsiPageBody = z
  .looseObject({
    memberScore: z.looseObject({
      overall: z.number(),
      subScores: z.array(z.looseObject({ pillar: z.string(), score: z.number() })),
    }),
    groupScore: z.array(z.looseObject({ groupType: z.string() })).optional(),
  })
  .meta({
    description:
      'The raw JSON linkedin.com/sales/ssi loads (docs/ssi-signals.md); it has no time, so the receipt time is taken',
  });

const ReadingBody = z
  .union([PlainReadingBody, SsiPageBody, z.looseObject({ date: z.unknown(), parsed: z.looseObject({}) })])
  .meta({ description: 'One reading in any JSON shape of docs/readings.md' });

const ReadingResult = z.object({
  item: z.number().int(),
  status: z.enum(['stored', 'duplicate', 'rejected']),
  observedAt: z.string().optional(),
  reason: z.string().optional(),
});

/** Body of `POST /members/{memberId}/uploads`: what the member is about to upload. */
export const UploadRequestSchema: z.ZodType<UploadRequest, unknown> = z
  .strictObject({
    kind: z.enum(UPLOAD_KINDS).meta({
      description: '`export`: the LinkedIn export ZIP (exports/); `scores`: official readings (scores/)',
    }),
    fileName: z
      .string()
      .max(MAX_FILE_NAME_LENGTH, `must be at most ${MAX_FILE_NAME_LENGTH} characters`)
      .regex(
        FILE_NAME_PATTERN,
        'must be a file name (no folders): letters, digits, spaces and "._-+@()", starting with a letter or digit',
      )
      .meta({ example: 'Complete_LinkedInDataExport_03-05-2026.zip' }),
    size: z
      .number()
      .int('must be a whole number of bytes')
      .positive('must be more than 0 bytes')
      .max(MAX_MULTIPART_UPLOAD_BYTES, `must be at most ${MAX_MULTIPART_UPLOAD_BYTES / 1024 ** 3} GiB`)
      .meta({
        description: `Bytes the upload will send (signed: exactly this many). Up to ${MAX_UPLOAD_BYTES / 1024 ** 2} MiB: one PUT; above: a multipart upload (at most ${MAX_MULTIPART_UPLOAD_BYTES / 1024 ** 3} GiB)`,
      }),
  })
  .meta({ description: 'The file a member is about to upload' });

const UploadGrantSchema = z
  .object({
    memberId: z.string(),
    kind: z.enum(UPLOAD_KINDS),
    key: z
      .string()
      .meta({ description: 'The object key the upload will have (its ingest manifest’s `objectKey`)' }),
    url: z.string().meta({ description: `Presigned S3 URL, valid for ${UPLOAD_URL_SECONDS / 60} minutes` }),
    method: z.literal('PUT'),
    headers: z.record(z.string(), z.string()).meta({
      description: 'Headers the PUT must send: `content-length` is signed',
    }),
    expiresAt: z.string(),
  })
  .meta({ description: 'Where to PUT the file: no AWS credentials needed' });

const MultipartGrantSchema = z
  .object({
    memberId: z.string(),
    kind: z.enum(UPLOAD_KINDS),
    key: z.string(),
    method: z.literal('MULTIPART'),
    uploadId: z.string(),
    partBytes: z.number().int().meta({ description: 'Part N holds bytes (N-1)·partBytes up to N·partBytes' }),
    parts: z.array(
      z.object({
        partNumber: z.number().int(),
        url: z.string(),
        method: z.literal('PUT'),
        headers: z.record(z.string(), z.string()),
      }),
    ),
    complete: z.object({ url: z.string(), method: z.literal('POST') }).meta({
      description:
        'POST the parts’ ETags as S3’s CompleteMultipartUpload XML here: the object appears and its ingest starts',
    }),
    abort: z.object({ url: z.string(), method: z.literal('DELETE') }).meta({
      description: 'DELETE here to give up; unfinished uploads are aborted by the bucket after a day anyway',
    }),
    expiresAt: z.string().meta({ description: `${MULTIPART_URL_SECONDS / 60} minutes after the grant` }),
  })
  .meta({
    description: 'A multipart upload for a file above the single-PUT limit: no AWS credentials needed',
  });

/** One member of `PUT /teams/{teamId}/members`: the columns of a team file (`shared/teams/team-file.ts`). */
const TeamListItemSchema = z
  .strictObject({
    memberId: z.string().optional().meta({ description: 'Member id; may be left out when `email` is given' }),
    displayName: z
      .string()
      .meta({ description: `Shown on leaderboards (1–${MAX_DISPLAY_NAME_LENGTH} characters)` }),
    email: z.string().optional().meta({ description: 'The member id when `memberId` is left out' }),
  })
  .meta({ description: 'One member of the team' });

/** Most members one `PUT /teams/{teamId}/members` may list: a few hundred writes fit API Gateway's 29 s. */
export const MAX_TEAM_LIST_MEMBERS = 500;
/** Largest body of `PUT /teams/{teamId}/members` (JSON or CSV), far above 500 rows of a team file. */
export const MAX_TEAM_LIST_BYTES = 256 * 1024;

export const TeamListSchema = z
  .array(TeamListItemSchema)
  .min(1, 'must list at least one member (an empty list would remove everyone)')
  .max(MAX_TEAM_LIST_MEMBERS, `at most ${MAX_TEAM_LIST_MEMBERS} members per request`)
  .meta({
    description:
      'The whole team, as JSON, or as a `text/csv` body with the columns of `pillarwatch member --file` (id,display name,email; a teams column is ignored)',
  });

const LinedMember = z.object({ line: z.number().int(), memberId: z.string() });

export const FINDING_TYPES = [
  'STALE',
  'DIVERGENT',
  'RECALCULATION',
] as const satisfies readonly FindingType[];

export const FINDING_STATUSES = ['open', 'resolved'] as const satisfies readonly FindingStatus[];

const FindingSchema = z.object({
  type: z.enum(FINDING_TYPES),
  pillar: z.enum(['overall', ...PILLARS]),
  from: z.string(),
  to: z.string(),
  detectedAt: z
    .string()
    .meta({ description: 'Wall time: arrival of the reading that first made the finding true' }),
  evidence: z.record(z.string(), z.unknown()),
  status: z.enum(FINDING_STATUSES).optional().meta({
    description: 'Open while current; resolved by a later reading or re-evaluation (docs/findings.md)',
  }),
  resolution: z
    .enum(['moved-again', 'agrees-again', 'superseded-by-recalculation', 'accounted-for', 'withdrawn'])
    .optional(),
  resolvedAt: z.string().optional().meta({ description: 'Wall time of the resolution' }),
  resolvedOnDay: z.string().optional().meta({ description: 'Data day of the reading that resolved it' }),
  firstEvidenceDay: z.string().optional().meta({ description: 'Data day the evidence starts' }),
  flaggedOnDay: z
    .string()
    .optional()
    .meta({ description: 'Data day of the reading that made the finding true' }),
}) satisfies z.ZodType<Omit<Finding, 'memberId'>>;

/**
 * Which Lambda serves a route: the API function; the erasure function (the only one allowed to delete
 * uploads); the report function, which serves the pages (the HTML report and the OpenAPI document) and
 * alone bundles their renderers; the uploads function, the only one that may presign PUTs into the bucket.
 */
export type RouteTarget = 'api' | 'erase' | 'report' | 'uploads';

export interface ApiRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Default `api`. */
  target?: RouteTarget;
  /** Default `application/json`. */
  contentType?: string;
  /** The body may also be `text/csv`: the handler then gets the text as it came (the router skips JSON). */
  acceptsCsv?: true;
  /** Teams are managed and compared by managers; otherwise a member acts on their own data only. */
  managersOnly?: true;
  /** API Gateway resource path with `{param}` placeholders. */
  path: string;
  summary: string;
  query?: z.ZodType;
  body?: z.ZodType;
  response: z.ZodType;
}

/** The team tables as CSV: `?format=csv` (or `Accept: text/csv`), in the spreadsheet dialect of `lang`. */
const tableFormat = {
  format: z
    .enum(['json', 'csv'])
    .optional()
    .meta({ description: 'csv: the table for spreadsheets (UTF-8 BOM); also `Accept: text/csv`' }),
  lang: z.enum(['en', 'de', 'pl']).optional().meta({
    description:
      'Language of the CSV header and page; also picks the CSV dialect (en: `,` and `.`; de, pl: `;` and `,`). Default: Accept-Language',
  }),
};

const teamPeriod = z
  .object({
    from: DaySchema.optional().meta({ description: 'First day (default: `to` minus 30 days)' }),
    to: DaySchema.optional().meta({ description: 'Last day (default: today, UTC)' }),
    ...tableFormat,
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'must not be after `to`', path: ['from'] })
  .refine((q) => !q.from || !q.to || daysBetween(q.from, q.to) <= MAX_RANGE_DAYS, {
    message: `the range may span at most ${MAX_RANGE_DAYS} days`,
    path: ['to'],
  });

export const TEAM_METRICS = ['total', 'brand', 'people', 'insights', 'relationships'] as const;

/** A competition's name: a path segment, like a team id. */
export const CompetitionNameSchema = TeamIdSchema.meta({
  description: 'Competition name',
  example: 'best-networker-2026-05',
});

export const CompetitionBodySchema = z
  .strictObject({
    from: DaySchema,
    to: DaySchema,
    metric: z.enum(TEAM_METRICS).default('total'),
  })
  .refine((c) => c.from <= c.to, { message: 'must not be after `to`', path: ['from'] })
  .refine((c) => daysBetween(c.from, c.to) <= MAX_RANGE_DAYS, {
    message: `the period may span at most ${MAX_RANGE_DAYS} days`,
    path: ['to'],
  });

const Score100 = z.number().min(0).max(100);
export const TierThresholdsSchema = z
  .strictObject({ advanced: Score100, star: Score100 })
  .refine((t) => t.advanced < t.star, { message: 'must be below `star`', path: ['advanced'] })
  .meta({ description: 'Lowest overall SSI of the advanced and star tiers (default 70 and 80)' });

const Targets = (what: string) =>
  z
    .record(
      z.string().regex(/^[a-z0-9][a-z0-9 _.-]{0,39}$/, 'must be a lower-case name'),
      z.number().positive(),
    )
    .refine((targets) => Object.keys(targets).length <= 20, 'at most 20 targets')
    .meta({ description: `${what} → weekly target (> 0)` });

export const KpiDefinitionSchema = z
  .strictObject({
    weights: z.strictObject({
      ssi: z.number().min(0),
      strategic: z.number().min(0),
      business: z.number().min(0),
    }),
    strategic: Targets('Activity kind or signal of the export (post, comment, connection.senior, …)').default(
      {},
    ),
    business: Targets('Column of the uploaded business goals (calls, meetings, leads, …)').default({}),
  })
  .refine((d) => d.weights.ssi + d.weights.strategic + d.weights.business > 0, {
    message: 'at least one weight must be above 0',
    path: ['weights'],
  })
  .meta({
    description: 'The company KPI: weights of SSI, strategic and business goals and their weekly targets',
  });

const TeamTable = z.looseObject({ teamId: z.string(), from: z.string(), to: z.string() });

export const API_ROUTES = {
  openapi: {
    method: 'GET',
    path: '/openapi.json',
    summary: 'This API’s OpenAPI 3.1 document',
    target: 'report',
    response: z.record(z.string(), z.unknown()),
  },
  activity: {
    method: 'GET',
    path: '/members/{memberId}/activity',
    summary: 'Per-day activity counts (days without activity and zero kinds omitted)',
    query: dayRange,
    response: z.object({
      memberId: z.string(),
      days: z.array(z.object({ day: z.string(), counts: Counts })),
      nextCursor: z.string().optional(),
    }),
  },
  ingests: {
    method: 'GET',
    path: '/members/{memberId}/ingests',
    summary: 'Ingest manifests, newest first',
    query: z.object({ limit: limit(PAGE_SIZES.ingests), cursor }),
    response: z.object({
      memberId: z.string(),
      ingests: z.array(IngestManifestSchema),
      nextCursor: z.string().optional(),
    }),
  },
  estimates: {
    method: 'GET',
    path: '/members/{memberId}/estimates',
    summary: 'Daily pillar estimates (model v1), raw and calibrated, with contributions and confidence',
    query: dayRange,
    response: z.object({
      memberId: z.string(),
      modelVersion: z.string(),
      days: z.array(EstimateDay),
      nextCursor: z.string().optional(),
    }),
  },
  readings: {
    method: 'GET',
    path: '/members/{memberId}/official-scores',
    summary: 'Official SSI readings the member reported, oldest first',
    query: z.object({ limit: limit(PAGE_SIZES.readings), cursor }),
    response: z.object({
      memberId: z.string(),
      readings: z.array(Reading),
      nextCursor: z.string().optional(),
    }),
  },
  addReading: {
    method: 'POST',
    path: '/members/{memberId}/official-scores',
    summary:
      'Report an official SSI reading in any JSON shape (typed, the raw SSI page JSON), or an array of them (stored once; findings re-evaluated)',
    body: z.union([ReadingBody, z.array(ReadingBody).max(1000)]),
    response: z.union([
      z.object({
        memberId: z.string(),
        reading: Reading,
        stored: z.boolean().meta({ description: 'false when the same reading was already stored' }),
        findings: z.array(FindingSchema),
        shape: z
          .string()
          .optional()
          .meta({ description: 'the shape the body was read as, e.g. ssi-page-json' }),
      }),
      z
        .object({
          memberId: z.string(),
          stored: z.boolean().meta({ description: 'true when any reading was new' }),
          counts: z.object({ stored: z.number(), duplicates: z.number(), rejected: z.number() }),
          results: z.array(ReadingResult),
          findings: z.array(FindingSchema),
        })
        .meta({ description: 'The answer to an array body: one result per item' }),
    ]),
  },
  findings: {
    method: 'GET',
    path: '/members/{memberId}/findings',
    summary: 'STALE, DIVERGENT and RECALCULATION findings with their evidence and lifecycle, oldest first',
    query: z.object({
      status: z
        .enum(['open', 'resolved', 'all'])
        .default('all')
        .meta({ description: 'Only open or only resolved findings (default all)' }),
      limit: limit(PAGE_SIZES.findings),
      cursor,
    }),
    response: z.object({
      memberId: z.string(),
      findings: z.array(FindingSchema),
      nextCursor: z.string().optional(),
    }),
  },
  calibration: {
    method: 'GET',
    path: '/members/{memberId}/calibration',
    summary:
      'The member’s calibration, its basis (own readings, pooled with the team’s prior, or the prior alone) and its errors (404 until 5 readings while no prior exists)',
    response: z.looseObject({
      memberId: z.string(),
      readings: z.number(),
      mae: z.record(z.string(), z.unknown()),
    }),
  },
  plan: {
    method: 'GET',
    path: '/members/{memberId}/plan',
    // With the pages: the report function already runs the coaching for the member page, and the API
    // function stays within its bundle budget.
    target: 'report',
    summary:
      'What to do next: the actions that would raise the score most over the next 4 weeks (gain per pillar, from the member’s own recent activity through the model), and where the score heads at the current pace',
    response: PlanSchema,
  },
  report: {
    method: 'GET',
    path: '/members/{memberId}/report',
    summary:
      'A self-contained HTML page: chart of estimates, readings and findings, and the latest ingest in words',
    query: reportQuery,
    contentType: 'text/html',
    target: 'report',
    response: z.string().meta({ description: 'HTML, no external scripts, styles or fonts' }),
  },
  putMember: {
    method: 'PUT',
    path: '/members/{memberId}',
    summary: 'Set a member’s display name and teams (replaces both; idempotent)',
    managersOnly: true,
    body: PutMemberBodySchema,
    response: z.object({
      memberId: z.string(),
      displayName: z.string(),
      teams: z.array(z.string()),
      changed: z.boolean(),
    }),
  },
  leaderboard: {
    method: 'GET',
    managersOnly: true,
    path: '/teams/{teamId}/leaderboard',
    summary:
      'The team on a day: latest official (with its age in days) and estimated scores per member, ranks, averages, open STALE',
    query: z.object({
      date: DaySchema.optional().meta({ description: 'Day of the ranking (default today)' }),
      ...tableFormat,
    }),
    response: z.looseObject({
      teamId: z.string(),
      date: z.string(),
      members: z.array(z.looseObject({ memberId: z.string(), rank: z.number() })),
      staleMembers: z.array(z.string()),
    }),
  },
  competition: {
    method: 'GET',
    managersOnly: true,
    target: 'report',
    path: '/teams/{teamId}/competition',
    summary:
      'Members ranked by improvement over a period (official readings at both ends when close enough, else estimates; `basis` says which)',
    query: teamPeriod.and(
      z.object({ metric: z.enum(TEAM_METRICS).default('total').meta({ description: 'What improves' }) }),
    ),
    response: TeamTable.extend({
      metric: z.string(),
      standings: z.array(
        z.looseObject({
          memberId: z.string(),
          rank: z.number().nullable(),
          start: z.number().nullable(),
          end: z.number().nullable(),
          improvement: z.number().nullable(),
          basis: z.enum(['official', 'calibrated', 'raw']).nullable(),
        }),
      ),
    }),
  },
  listCompetitions: {
    method: 'GET',
    managersOnly: true,
    path: '/teams/{teamId}/competitions',
    summary: 'The named competitions of the team',
    response: z.object({ teamId: z.string(), competitions: z.array(z.looseObject({ name: z.string() })) }),
  },
  putCompetition: {
    method: 'PUT',
    managersOnly: true,
    path: '/teams/{teamId}/competitions/{name}',
    summary: 'Set up (or change) a named competition: its period and metric',
    body: CompetitionBodySchema,
    response: z.looseObject({ teamId: z.string(), name: z.string() }),
  },
  getCompetition: {
    method: 'GET',
    managersOnly: true,
    target: 'report',
    path: '/teams/{teamId}/competitions/{name}',
    summary: 'A named competition with its standings',
    query: z.object(tableFormat),
    response: TeamTable.extend({ name: z.string(), standings: z.array(z.looseObject({})) }),
  },
  deleteCompetition: {
    method: 'DELETE',
    managersOnly: true,
    path: '/teams/{teamId}/competitions/{name}',
    summary: 'Remove a named competition',
    response: z.object({ teamId: z.string(), name: z.string(), deleted: z.boolean() }),
  },
  tiers: {
    method: 'GET',
    managersOnly: true,
    target: 'report',
    path: '/teams/{teamId}/tiers',
    summary: 'Beginner / advanced / star per member, the team’s make-up every 7 days, who moved up or down',
    query: teamPeriod,
    response: TeamTable.extend({
      thresholds: z.object({ advanced: z.number(), star: z.number() }),
      members: z.array(z.looseObject({ memberId: z.string(), tier: z.string().nullable() })),
      makeup: z.array(z.looseObject({ day: z.string() })),
      moves: z.array(z.looseObject({ memberId: z.string(), direction: z.enum(['up', 'down']) })),
    }),
  },
  putTiers: {
    method: 'PUT',
    managersOnly: true,
    path: '/teams/{teamId}/tiers',
    summary: 'Set the team’s tier thresholds',
    body: TierThresholdsSchema,
    response: z.object({
      teamId: z.string(),
      thresholds: z.object({ advanced: z.number(), star: z.number() }),
    }),
  },
  kpi: {
    method: 'GET',
    managersOnly: true,
    target: 'report',
    path: '/teams/{teamId}/kpi',
    summary:
      'The company KPI per member and for the team, per ISO week overlapping the period (docs/teams.md)',
    query: teamPeriod,
    response: TeamTable.extend({
      definition: z.looseObject({}),
      weeks: z.array(z.looseObject({ week: z.string(), kpi: z.number().nullable() })),
      members: z.array(z.looseObject({ memberId: z.string(), week: z.string(), kpi: z.number() })),
    }),
  },
  putKpi: {
    method: 'PUT',
    managersOnly: true,
    path: '/teams/{teamId}/kpi',
    summary: 'Define the team’s company KPI (weights and weekly targets)',
    body: KpiDefinitionSchema,
    response: z.object({ teamId: z.string(), definition: z.looseObject({}) }),
  },
  putBusinessGoals: {
    method: 'PUT',
    managersOnly: true,
    path: '/teams/{teamId}/business-goals',
    summary:
      'Upload business goals as CSV (body text/csv, at most 1 MiB): member,week,<columns…>; rows upserted by member and week, rejected lines reported',
    response: z.object({
      teamId: z.string(),
      saved: z.number(),
      columns: z.array(z.string()),
      rejected: z.array(z.object({ line: z.number(), reason: z.string() })),
    }),
  },
  teamReport: {
    method: 'GET',
    managersOnly: true,
    path: '/teams/{teamId}/report',
    summary:
      'The printable team page: leaderboard with ages, pillar averages over time, tiers, STALE, who is quiet, competitions, KPI',
    query: z
      .object({
        from: DaySchema.optional().meta({ description: 'First day (default: `to` minus 90 days)' }),
        to: DaySchema.optional().meta({ description: 'Last day (default: today, UTC)' }),
        lang: tableFormat.lang,
      })
      .refine((q) => !q.from || !q.to || q.from <= q.to, {
        message: 'must not be after `to`',
        path: ['from'],
      })
      .refine((q) => !q.from || !q.to || daysBetween(q.from, q.to) <= MAX_RANGE_DAYS, {
        message: `the range may span at most ${MAX_RANGE_DAYS} days`,
        path: ['to'],
      }),
    contentType: 'text/html',
    target: 'report',
    response: z.string().meta({ description: 'HTML, no scripts, no external styles or fonts' }),
  },
  listMembers: {
    method: 'GET',
    managersOnly: true,
    path: '/members',
    summary: 'Registered members (those with data or a profile) with their display names and teams, paged',
    query: z.object({ limit: limit(PAGE_SIZES.members), cursor }),
    response: z.object({
      members: z.array(
        z.object({
          memberId: z.string(),
          displayName: z.string().optional().meta({ description: 'Absent until the member has a profile' }),
          teams: z.array(z.string()),
        }),
      ),
      nextCursor: z.string().optional(),
    }),
  },
  listTeams: {
    method: 'GET',
    managersOnly: true,
    path: '/teams',
    summary: 'Teams with at least one member, with their member counts, paged',
    query: z.object({ limit: limit(PAGE_SIZES.teams), cursor }),
    response: z.object({
      teams: z.array(z.object({ teamId: z.string(), members: z.number().int() })),
      nextCursor: z.string().optional(),
    }),
  },
  setTeamMembers: {
    method: 'PUT',
    managersOnly: true,
    acceptsCsv: true,
    path: '/teams/{teamId}/members',
    summary:
      'Make the team exactly this list of members (idempotent): listed members join (display name set), members left out leave this team only; nothing is erased. Nobody is removed while any entry is rejected',
    body: TeamListSchema,
    response: z.object({
      teamId: z.string(),
      added: z.array(LinedMember),
      kept: z.array(LinedMember.extend({ renamed: z.boolean() })),
      removed: z.array(z.object({ memberId: z.string() })),
      rejected: z.array(z.object({ line: z.number().int(), reason: z.string() })).meta({
        description: 'Entries not applied: `line` is the CSV line, or the 1-based position in the JSON list',
      }),
      removalsSkipped: z
        .boolean()
        .meta({ description: 'true: members left out were kept, because some entries were rejected' }),
    }),
  },
  createUpload: {
    method: 'POST',
    path: '/members/{memberId}/uploads',
    summary:
      'A short-lived presigned PUT URL for an export (exports/<id>/) or readings (scores/<id>/), or presigned part URLs of a multipart upload above the single-PUT limit; the upload then ingests as any other',
    target: 'uploads',
    body: UploadRequestSchema,
    response: z.union([UploadGrantSchema, MultipartGrantSchema]),
  },
  erase: {
    method: 'DELETE',
    path: '/members/{memberId}',
    summary: 'Erase every stored item and every raw upload of the member; reports what was removed',
    target: 'erase',
    response: z.object({
      memberId: z.string(),
      items: z.object({
        days: z.number(),
        estimates: z.number(),
        readings: z.number(),
        findings: z.number(),
        manifests: z.number(),
        other: z.number(),
      }),
      objects: z.number(),
      objectVersions: z.number(),
    }),
  },
} as const satisfies Record<string, ApiRoute>;

export type RouteName = keyof typeof API_ROUTES;

/** The function a route reaches (`target`, default `api`). */
export type TargetOf<R extends RouteName> = (typeof API_ROUTES)[R] extends {
  target: infer T extends RouteTarget;
}
  ? T
  : 'api';

/** The routes one function serves: its route table must have exactly these (`shared/api/router.ts`). */
export type RoutesOf<T extends RouteTarget> = {
  [R in RouteName]: TargetOf<R> extends T ? R : never;
}[RouteName];
