/**
 * Names shared by the functions (which publish) and the CDK stack (which alarms and draws dashboards): one
 * definition, so a renamed metric cannot silently leave an alarm watching nothing. Pure constants, no
 * Powertools import, so infra code can use them without bundling anything.
 */
import { FUNCTIONS, type FunctionName } from '../config/functions';

/** CloudWatch namespace of the custom (EMF) metrics. The stack name is fixed, so one deployment per account and region. */
export const METRICS_NAMESPACE = 'Pillarwatch';

/** Powertools service names (declared with each function in `shared/config/functions.ts`): the `service` key
 * of every log line and the only dimension of every metric. */
export const SERVICE_NAMES = Object.fromEntries(
  Object.entries(FUNCTIONS).map(([name, definition]) => [name, definition.serviceName]),
) as { readonly [Name in FunctionName]: (typeof FUNCTIONS)[Name]['serviceName'] };

/** The dimension Powertools Metrics adds to every metric (the service name); alarms must match it exactly. */
export const SERVICE_DIMENSION = 'service';

/**
 * Ingest metrics, one data point each per ingested upload. Deliberately no per-member or per-kind dimension:
 * every dimension value is a billed metric of its own; per-kind rows are in the `ingest finished` log line.
 * The three outcome metrics are 0 or 1 for every ingest, so their Sum counts outcomes and their Average is a rate.
 */
export const INGEST_METRICS = {
  rows: 'IngestRows',
  rejectedRows: 'RejectedRows',
  durationMs: 'IngestDurationMs',
  writeRequests: 'WriteRequests',
  succeeded: 'IngestSucceeded',
  partial: 'IngestPartial',
  failed: 'IngestFailed',
  /** A transient error: the SQS record goes back to the queue (and to the DLQ after five receives). */
  retried: 'IngestRetried',
} as const;
