/**
 * A copy of `text` that does not keep its source alive. V8 represents `slice()` results (every CSV field) as
 * views into the parent string, so a field kept in a long-lived Map or Set (a conversation id, a recipient)
 * would pin a whole 64 KiB chunk of message bodies in memory. Call it only when a string is stored for the
 * rest of the file, not per row.
 */
export const detach = (text: string): string => JSON.parse(JSON.stringify(text)) as string;
