/**
 * Member ids name a folder in the bucket (`exports/<id>/`), a partition in the table (`MEMBER#<id>`) and a URL
 * path segment. E-mail addresses are the natural key in a sales org, so `@` and `+` are allowed next to
 * letters, digits, `.`, `_` and `-`. Nothing that could step out of a path or a key: no `/`, `\`, `%` (so no
 * `%2F`), `#` (the table's key separator), whitespace or control characters, and not a dot segment.
 */
export const MEMBER_ID_PATTERN = /^[A-Za-z0-9._@+-]{1,128}$/;
export const MAX_MEMBER_ID_LENGTH = 128;
/** The rule in words, for error messages (API 400s, CLI usage errors). */
export const MEMBER_ID_RULE = `1–${MAX_MEMBER_ID_LENGTH} characters of letters, digits, ".", "_", "-", "@" or "+" (not "." or "..")`;

export const isMemberId = (value: string): boolean =>
  MEMBER_ID_PATTERN.test(value) && value !== '.' && value !== '..';
