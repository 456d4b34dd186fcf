/** Peak memory above the starting point while `work` runs, sampled every few milliseconds and at the end. */
export interface MemoryGrowth {
  rssBytes: number;
  /** The process's highest resident set size during the work. */
  peakRssBytes: number;
  /** V8 heap plus Buffers and other ArrayBuffers: what the process itself allocated. */
  allocatedBytes: number;
}

const allocated = () => {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
};

export async function measurePeakGrowth<T>(
  work: () => Promise<T>,
): Promise<{ result: T; growth: MemoryGrowth }> {
  // Start from a settled heap when the run exposes the collector (--expose-gc); otherwise the ceiling is generous.
  (globalThis as { gc?: () => void }).gc?.();
  const rss0 = process.memoryUsage.rss();
  const allocated0 = allocated();
  let rss = rss0;
  let heap = allocated0;
  const sample = () => {
    rss = Math.max(rss, process.memoryUsage.rss());
    heap = Math.max(heap, allocated());
  };
  const timer = setInterval(sample, 5);
  try {
    const result = await work();
    sample();
    return { result, growth: { rssBytes: rss - rss0, peakRssBytes: rss, allocatedBytes: heap - allocated0 } };
  } finally {
    clearInterval(timer);
  }
}

export const MiB = 1024 ** 2;
