/** Member ids name a folder in the bucket and a partition in the table: short, URL- and key-safe. */
export const MEMBER_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

export const isMemberId = (value: string): boolean =>
  MEMBER_ID_PATTERN.test(value) && value !== '.' && value !== '..';
