import { copyUnits, shingleHashes, shingleWidth, type TCopyUnits } from "./copy-units.js";

// The passages two texts share, for highlighting side by side: maximal runs of identical
// (folded) units, found by aligning shingles greedily — each run is extended as far as the units
// keep agreeing. Offsets are UTF-16 into the texts as given, end exclusive, so
// `text.slice(start, end)` is the highlighted passage in the merchant's own text.

export type TSharedPassage = {
  /** Span in the first text. */
  start: number;
  end: number;
  /** Span of the same passage in the second text. */
  otherStart: number;
  otherEnd: number;
};

export type TSharedPassages = {
  passages: TSharedPassage[];
  /** Share of the first text's units inside a passage, in [0, 1]. */
  coverage: number;
};

const MAX_POSITIONS = 8;

/**
 * Passages `a` shares with `b`, in `a`'s order. A passage is at least `minUnits` units long
 * (default: one shingle plus one unit, 4 words or 5 CJK characters).
 */
export function sharedPassages(
  a: string,
  b: string,
  o: { minUnits?: number; maxPassages?: number } = {},
): TSharedPassages {
  const ua = copyUnits(a);
  const ub = copyUnits(b);
  return alignUnits(ua, ub, o);
}

export function alignUnits(
  ua: TCopyUnits,
  ub: TCopyUnits,
  o: { minUnits?: number; maxPassages?: number } = {},
): TSharedPassages {
  const k = Math.min(shingleWidth(ua), shingleWidth(ub));
  const minUnits = Math.max(k, o.minUnits ?? k + 1);
  const maxPassages = o.maxPassages ?? 200;
  const na = ua.hashes.length;
  const nb = ub.hashes.length;
  if (na < k || nb < k) return { passages: [], coverage: 0 };
  const sa = shingleHashes(ua, k);
  const sb = shingleHashes(ub, k);
  const where = new Map<number, number[]>();
  for (let j = 0; j < sb.length; j++) {
    const list = where.get(sb[j]!);
    if (!list) where.set(sb[j]!, [j]);
    else if (list.length < MAX_POSITIONS) list.push(j);
  }
  const passages: TSharedPassage[] = [];
  let covered = 0;
  // First unit of `a` not yet inside a passage: later passages start after it.
  let freeFrom = 0;
  for (let i = 0; i < sa.length && passages.length < maxPassages;) {
    const positions = where.get(sa[i]!);
    if (!positions) {
      i++;
      continue;
    }
    let bestLen = 0;
    let bestJ = -1;
    for (const j of positions) {
      // Compare units, not shingles: the run ends exactly where the texts part.
      let len = 0;
      while (i + len < na && j + len < nb && ua.hashes[i + len] === ub.hashes[j + len]) len++;
      if (len > bestLen) {
        bestLen = len;
        bestJ = j;
      }
    }
    if (bestLen < k) {
      // A shingle-hash collision, not a shared run.
      i++;
      continue;
    }
    const skip = Math.max(0, freeFrom - i);
    const from = i + skip;
    const units = bestLen - skip;
    if (units >= minUnits) {
      const aLast = from + units - 1;
      const bFirst = bestJ + skip;
      const bLast = bFirst + units - 1;
      passages.push({
        start: ua.starts[from]!,
        end: ua.ends[aLast]!,
        otherStart: ub.starts[bFirst]!,
        otherEnd: ub.ends[bLast]!,
      });
      covered += units;
      freeFrom = aLast + 1;
    }
    i += Math.max(1, bestLen - k + 1);
  }
  return { passages, coverage: na ? covered / na : 0 };
}
