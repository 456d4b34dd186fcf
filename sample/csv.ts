/**
 * CSV writing in the dialects LinkedIn ships (docs/export-format.md, "Quoting dialects and quirks"): RFC-4180
 * with minimal quoting for most files, every field quoted in 2026 messages.csv, and backslash-escaped quotes in
 * Comments.
 */

const NEEDS_QUOTES = /[",\r\n]/;

/** RFC 4180: quote only when needed, double embedded quotes. */
export const field = (value: string): string =>
  NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;

/** Always quoted (2026 messages.csv, header included). */
export const quoted = (value: string): string => `"${value.replaceAll('"', '""')}"`;

/** The Comments dialect: quotes inside a quoted field written as `\"`. */
export const backslashField = (value: string): string =>
  NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '\\"')}"` : value;

export const row = (values: readonly string[]): string => values.map(field).join(',');
export const quotedRow = (values: readonly string[]): string => values.map(quoted).join(',');
