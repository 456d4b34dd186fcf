import { type ArchiveLimits, DEFAULT_ARCHIVE_LIMITS } from '../export/zip';
import { ConfigError, ENV, type Environment, type EnvName, optionalEnv } from './env';

const MiB = 1024 * 1024;

/**
 * Archive limits of the ingest from `PILLARWATCH_MAX_ENTRIES`, `PILLARWATCH_MAX_UNCOMPRESSED_MB` and
 * `PILLARWATCH_MAX_COMPRESSION_RATIO`, falling back to the defaults; invalid values are refused at start-up
 * rather than silently ignored.
 */
export function archiveLimitsFromEnv(env: Environment): ArchiveLimits {
  const read = (name: EnvName, fallback: number): number => {
    const raw = optionalEnv(env, name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0)
      throw new ConfigError(`${name} must be a positive number, got '${raw}'`);
    return value;
  };
  const uncompressed =
    read(ENV.maxUncompressedMb, DEFAULT_ARCHIVE_LIMITS.maxTotalUncompressedBytes / MiB) * MiB;
  return {
    maxEntries: read(ENV.maxEntries, DEFAULT_ARCHIVE_LIMITS.maxEntries),
    maxTotalUncompressedBytes: uncompressed,
    maxEntryUncompressedBytes: uncompressed,
    maxCompressionRatio: read(ENV.maxCompressionRatio, DEFAULT_ARCHIVE_LIMITS.maxCompressionRatio),
  };
}
