/**
 * A 53-bit string hash (cyrb53, public domain). Long-lived sets and maps keyed by row content (search
 * duplicates, conversation ids) store this number instead of the string: 8 bytes instead of a string copy,
 * so memory stays flat as exports grow. At 53 bits, a collision among a million keys has odds of ~1 in 10^4
 * million; a collision would merge two conversations' reply timelines or drop one duplicate search.
 */
export const hash53 = (text: string, seed = 0): number => {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
};
