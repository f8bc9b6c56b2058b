// 32-bit hashing for feature ids. FNV-1a is applied to UTF-16 code units (one xor per code unit, not
// per byte) and finished with MurmurHash3's fmix32 so that the low bits used by `% buckets` are well
// mixed. Changing anything here changes every feature id and invalidates trained embedding models.

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Starts a hash in namespace `tag` (a small integer that keeps feature kinds apart). */
export function fnvStart(tag: number): number {
  return Math.imul(FNV_OFFSET ^ tag, FNV_PRIME);
}

/** Feeds the code units s[start, end) into hash state `h`. */
export function fnvUpdate(h: number, s: string, start = 0, end = s.length): number {
  for (let i = start; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}

/** Feeds one code unit into hash state `h`. */
export function fnvUpdateCode(h: number, code: number): number {
  return Math.imul(h ^ code, FNV_PRIME);
}

/** MurmurHash3 finaliser: returns an unsigned 32-bit integer. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a (UTF-16 code units) + fmix32 of a whole string in namespace `tag`. */
export function hashString(s: string, tag = 0): number {
  return fmix32(fnvUpdate(fnvStart(tag), s));
}
