import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { IngestManifest } from '../domain/manifest';
import { INGEST_METRICS, METRICS_NAMESPACE, SERVICE_NAMES } from './names';

/** Figures only, never text: a manifest's reason and samples stay in the manifest and the log line. */
export function recordIngest(metrics: Metrics, manifest: IngestManifest): void {
  const rows = Object.values(manifest.rowsPerKind).reduce((sum, count) => sum + (count ?? 0), 0);
  metrics.addMetric(INGEST_METRICS.rows, MetricUnit.Count, rows);
  metrics.addMetric(INGEST_METRICS.rejectedRows, MetricUnit.Count, manifest.rejectedRows);
  metrics.addMetric(INGEST_METRICS.durationMs, MetricUnit.Milliseconds, manifest.durationMs);
  metrics.addMetric(INGEST_METRICS.writeRequests, MetricUnit.Count, manifest.writeRequests);
  metrics.addMetric(INGEST_METRICS.succeeded, MetricUnit.Count, manifest.status === 'SUCCEEDED' ? 1 : 0);
  metrics.addMetric(INGEST_METRICS.partial, MetricUnit.Count, manifest.status === 'PARTIAL' ? 1 : 0);
  metrics.addMetric(INGEST_METRICS.failed, MetricUnit.Count, manifest.status === 'FAILED' ? 1 : 0);
}

export function recordRetry(metrics: Metrics): void {
  metrics.addMetric(INGEST_METRICS.retried, MetricUnit.Count, 1);
}

/** The ingest function's metrics: namespace and service (the only dimension) as the alarms expect them. */
export function createIngestMetrics(): Metrics {
  return new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAMES.ingest });
}
