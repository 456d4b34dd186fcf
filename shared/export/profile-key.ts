/**
 * Normalises a LinkedIn profile URL to a comparable key `in/<slug>`: scheme and host optional (endorsement
 * files omit them), percent-encoding decoded (`zo%C3%AB` = `zoë`), case, trailing slash and query ignored.
 * Returns undefined for anything that is not a member profile URL.
 */
export const profileKey = (url: string): string | undefined => {
  const match = /(?:^|\/)in\/([^/?#\s]+)/i.exec(url.trim());
  if (!match?.[1]) return undefined;
  let slug = match[1];
  try {
    slug = decodeURIComponent(slug);
  } catch {
    // A malformed escape is kept as written: still a stable key.
  }
  return `in/${slug.toLowerCase()}`;
};
