import type { TSpan } from "./lint-context.js";

// "Is this match inside one of these spans?" and "does this span overlap one of those?" are asked
// once per candidate; on a 1 MB text both lists can hold tens of thousands of spans, so they are
// answered by binary search instead of a scan.

export type TSpanIndex = {
  /** True when some span contains [start, end). */
  covers(s: TSpan): boolean;
  /** True when some span overlaps [start, end). */
  overlaps(s: TSpan): boolean;
};

const EMPTY: TSpanIndex = { covers: () => false, overlaps: () => false };

export function spanIndex(spans: readonly TSpan[]): TSpanIndex {
  if (spans.length === 0) return EMPTY;
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const starts = sorted.map((s) => s.start);
  // Largest end among the spans up to each index.
  const maxEnd: number[] = [];
  let m = -Infinity;
  for (const s of sorted) maxEnd.push((m = Math.max(m, s.end)));
  // Index of the last span starting at or before `at` (-1 if none).
  const lastStartingBy = (at: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! <= at) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };
  return {
    covers: (s) => {
      const i = lastStartingBy(s.start);
      return i >= 0 && maxEnd[i]! >= s.end;
    },
    overlaps: (s) => {
      // A span overlapping [start, end) starts before `end` and ends after `start`.
      const i = lastStartingBy(s.end - 1);
      return i >= 0 && maxEnd[i]! > s.start;
    },
  };
}
