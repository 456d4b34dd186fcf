/**
 * V8 old-space limit of the ingest function (set through NODE_OPTIONS by the CDK stack and used by
 * `npm run bench:ingest`, so the benchmark measures what Lambda runs). Without a limit V8 sizes the heap
 * from the function's memory and lets garbage pile up; the live set stays under 60 MB even for a 3× heavy
 * export, and with 256 MB the peak follows it (docs/benchmarks.md).
 */
export const INGEST_HEAP_LIMIT_MB = 256;
