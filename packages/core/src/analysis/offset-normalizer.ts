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
  const out: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let i = 0;
  while (i < original.length) {
    const c = original.charCodeAt(i);
    // Fast path: ASCII and the CJK unified block have no NFKC mapping.
    if (c < 0x80 || (c >= 0x4e00 && c <= 0x9fff)) {
      out.push(original[i]!);
      starts.push(i);
      ends.push(i + 1);
      i++;
      continue;
    }
    const next = original.charCodeAt(i + 1);
    const width = c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
    const ch = original.slice(i, i + width);
    // ZWJ stays: emoji sequences need it. Other format characters are invisible noise.
    if (ch !== "\u200D" && FORMAT.test(ch)) {
      i += width;
      continue;
    }
    // A lone surrogate becomes U+FFFD (same length), so later regexes never see broken pairs.
    let folded = width === 1 && c >= 0xd800 && c <= 0xdfff ? "\uFFFD" : ch.normalize("NFKC");
    if (folded === "\u3000") folded = " ";
    for (let k = 0; k < folded.length; k++) {
      out.push(folded[k]!);
      starts.push(i);
      ends.push(i + width);
    }
    i += width;
  }
  return { text: out.join(""), originStart: Int32Array.from(starts), originEnd: Int32Array.from(ends) };
}

/** Maps a [start, end) range of the normalised text back to the original text. */
export function originalRange(norm: TNormalizedText, start: number, end: number): { start: number; end: number } {
  if (end <= start) {
    const at = start < norm.originStart.length ? norm.originStart[start]! : (norm.originEnd[start - 1] ?? 0);
    return { start: at, end: at };
  }
  return { start: norm.originStart[start]!, end: norm.originEnd[end - 1]! };
}
