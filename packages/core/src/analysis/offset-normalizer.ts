// Analysis works on normalised text but reports offsets into the text the user gave us, so the
// normalisation here is done code point by code point with a map back to the original. It folds
// what matters for matching (full-width → half-width via NFKC, invisible format characters dropped)
// and leaves whitespace alone; it does not change `normalizeText`, which features depend on.

const FORMAT = /\p{Cf}/u;

export type TNormalizedText = {
  text: string;
  /** For normalised code unit i: start and end offsets, in the original, of the character it came from. */
  originStart: Int32Array;
  originEnd: Int32Array;
};

export function normalizeWithOffsets(original: string): TNormalizedText {
  const chunks: string[] = [];
  let starts = new Int32Array(original.length + 16);
  let ends = new Int32Array(original.length + 16);
  let n = 0;
  // Start of the current run of characters copied unchanged.
  let copyFrom = 0;
  let i = 0;
  // NFKC can expand a character ("㎏" → "kg"), so the maps may outgrow the original's length.
  const ensure = (extra: number): void => {
    if (n + extra <= starts.length) return;
    const grow = (a: Int32Array) => {
      const b = new Int32Array(Math.max(a.length * 2, n + extra + 16));
      b.set(a);
      return b;
    };
    starts = grow(starts);
    ends = grow(ends);
  };
  const emit = (folded: string, from: number, to: number): void => {
    ensure(folded.length);
    chunks.push(folded);
    for (let k = 0; k < folded.length; k++) {
      starts[n] = from;
      ends[n++] = to;
    }
  };
  while (i < original.length) {
    const c = original.charCodeAt(i);
    // Fast path: ASCII and the CJK unified block have no NFKC mapping and are copied as they are.
    if (c < 0x80 || (c >= 0x4e00 && c <= 0x9fff)) {
      ensure(1);
      starts[n] = i;
      ends[n++] = i + 1;
      i++;
      continue;
    }
    if (copyFrom < i) chunks.push(original.slice(copyFrom, i));
    const next = original.charCodeAt(i + 1);
    const width = c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
    const ch = original.slice(i, i + width);
    // ZWJ stays: emoji sequences need it. Other format characters are invisible noise.
    if (ch === "\u200D" || !FORMAT.test(ch)) {
      // A lone surrogate becomes U+FFFD (same length), so later regexes never see broken pairs.
      let folded = width === 1 && c >= 0xd800 && c <= 0xdfff ? "\uFFFD" : ch.normalize("NFKC");
      if (folded === "\u3000") folded = " ";
      emit(folded, i, i + width);
    }
    i += width;
    copyFrom = i;
  }
  if (copyFrom < original.length) chunks.push(original.slice(copyFrom));
  return { text: chunks.join(""), originStart: starts.subarray(0, n), originEnd: ends.subarray(0, n) };
}

/** Maps a [start, end) range of the normalised text back to the original text. */
export function originalRange(norm: TNormalizedText, start: number, end: number): { start: number; end: number } {
  if (end <= start) {
    const at = start < norm.originStart.length ? norm.originStart[start]! : (norm.originEnd[start - 1] ?? 0);
    return { start: at, end: at };
  }
  return { start: norm.originStart[start]!, end: norm.originEnd[end - 1]! };
}
