/**
 * Opaque pagination cursors: base64url of a small JSON position. Callers treat them as opaque; a cursor that
 * does not decode is a client error (400), not a crash.
 */
export const encodeCursor = (position: string): string =>
  Buffer.from(JSON.stringify({ after: position })).toString('base64url');

export const decodeCursor = (cursor: string): string | undefined => {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { after?: unknown };
    return typeof value.after === 'string' ? value.after : undefined;
  } catch {
    return undefined;
  }
};
