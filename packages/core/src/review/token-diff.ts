import { tokenize } from "../analysis/tokenizer.js";

// Token diff between two versions of a copy text for the review screen: words for English and other
// Latin-script text, jieba words for Chinese (the analysis tokenizer with the product dictionary).
// Segments cover the whole text (whitespace and characters the tokenizer skips become segments of
// their own), so the ops rebuild both texts exactly and their offsets can be used for highlighting.

export type TDiffOpKind = "equal" | "insert" | "delete";
export type TDiffOp = {
  op: TDiffOpKind;
  text: string;
  /** UTF-16 offsets into `before`, end exclusive (empty range at the position for inserts). */
  beforeStart: number;
  beforeEnd: number;
  /** UTF-16 offsets into `after`, end exclusive (empty range at the position for deletes). */
  afterStart: number;
  afterEnd: number;
};
export type TDiffMode = "word" | "jieba";
export type TTextDiff = {
  mode: TDiffMode;
  ops: TDiffOp[];
  /** Non-whitespace segments inserted and deleted: a size of the change for lists and stats. */
  insertedTokens: number;
  deletedTokens: number;
  /** True when the texts were too different to align within the edit budget and are shown as a replacement. */
  truncated: boolean;
};

type TSegment = { text: string; start: number; end: number };

const HAN = /\p{Script=Han}/u;
// Words (letters, marks and digits with inner apostrophes/hyphens), whitespace runs, or one code point.
const WORD_SEGMENT = /[\p{L}\p{M}\p{N}]+(?:['’\-][\p{L}\p{M}\p{N}]+)*|\s+|[^]/gu;

/** The mode for a pair of texts: jieba when the locale is Chinese or either text contains Han characters. */
export function diffModeFor(locale: string | null | undefined, before: string, after: string): TDiffMode {
  if (locale && /^zh\b/i.test(locale)) return "jieba";
  return HAN.test(before) || HAN.test(after) ? "jieba" : "word";
}

export function segmentForDiff(text: string, mode: TDiffMode): TSegment[] {
  if (mode === "word") {
    const out: TSegment[] = [];
    for (const m of text.matchAll(WORD_SEGMENT)) out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
    return out;
  }
  const out: TSegment[] = [];
  let at = 0;
  const gap = (end: number) => {
    if (end > at) out.push({ text: text.slice(at, end), start: at, end });
  };
  for (const t of tokenize(text)) {
    // Defensive: tokens are ordered and disjoint; anything else is folded into the previous segment.
    if (t.start < at || t.end <= t.start) continue;
    gap(t.start);
    out.push({ text: text.slice(t.start, t.end), start: t.start, end: t.end });
    at = t.end;
  }
  gap(text.length);
  return out;
}

/** Edits explored before two texts count as "replaced entirely": bounds time at (n + m) × budget. */
const EDIT_BUDGET = 6_000;

/**
 * Diffs `before` against `after` token by token (Myers' O((N+M)D) algorithm in linear space, after
 * trimming the common prefix and suffix), then makes the result readable: runs of the same kind are
 * merged and whitespace between two changes is folded into them.
 */
export function diffTexts(before: string, after: string, locale?: string | null): TTextDiff {
  const mode = diffModeFor(locale, before, after);
  const a = segmentForDiff(before, mode);
  const b = segmentForDiff(after, mode);
  // Intern segment texts so the inner loop compares integers.
  const ids = new Map<string, number>();
  const intern = (s: TSegment[]) => {
    const out = new Int32Array(s.length);
    for (let i = 0; i < s.length; i++) {
      let id = ids.get(s[i]!.text);
      if (id === undefined) ids.set(s[i]!.text, (id = ids.size));
      out[i] = id;
    }
    return out;
  };
  const ai = intern(a);
  const bi = intern(b);
  const raw: TRawOp[] = [];
  const state = { truncated: false };
  diffRange(ai, 0, ai.length, bi, 0, bi.length, raw, state);
  const ops = toOps(raw, a, b, before, after);
  let insertedTokens = 0;
  let deletedTokens = 0;
  for (const r of raw) {
    const segs = r.kind === "insert" ? b.slice(r.bStart, r.bEnd) : r.kind === "delete" ? a.slice(r.aStart, r.aEnd) : [];
    const n = segs.filter((s) => s.text.trim()).length;
    if (r.kind === "insert") insertedTokens += n;
    else if (r.kind === "delete") deletedTokens += n;
  }
  return { mode, ops, insertedTokens, deletedTokens, truncated: state.truncated };
}

type TRawOp = { kind: TDiffOpKind; aStart: number; aEnd: number; bStart: number; bEnd: number };

function push(out: TRawOp[], kind: TDiffOpKind, aStart: number, aEnd: number, bStart: number, bEnd: number) {
  if (aStart === aEnd && bStart === bEnd) return;
  const last = out.at(-1);
  if (last && last.kind === kind && last.aEnd === aStart && last.bEnd === bStart) {
    last.aEnd = aEnd;
    last.bEnd = bEnd;
  } else out.push({ kind, aStart, aEnd, bStart, bEnd });
}

function diffRange(
  a: Int32Array,
  aLo: number,
  aHi: number,
  b: Int32Array,
  bLo: number,
  bHi: number,
  out: TRawOp[],
  state: { truncated: boolean },
): void {
  let prefix = 0;
  while (aLo + prefix < aHi && bLo + prefix < bHi && a[aLo + prefix] === b[bLo + prefix]) prefix++;
  push(out, "equal", aLo, aLo + prefix, bLo, bLo + prefix);
  aLo += prefix;
  bLo += prefix;
  let suffix = 0;
  while (aHi - suffix > aLo && bHi - suffix > bLo && a[aHi - suffix - 1] === b[bHi - suffix - 1]) suffix++;
  const aMid = aHi - suffix;
  const bMid = bHi - suffix;
  if (aLo === aMid) push(out, "insert", aLo, aLo, bLo, bMid);
  else if (bLo === bMid) push(out, "delete", aLo, aMid, bLo, bLo);
  else {
    const split = middleSnake(a, aLo, aMid, b, bLo, bMid);
    if (split) {
      diffRange(a, aLo, split.x, b, bLo, split.y, out, state);
      diffRange(a, split.x, aMid, b, split.y, bMid, out, state);
    } else {
      if (split === undefined) state.truncated = true;
      push(out, "delete", aLo, aMid, bLo, bLo);
      push(out, "insert", aMid, aMid, bLo, bMid);
    }
  }
  push(out, "equal", aMid, aHi, bMid, bHi);
}

/**
 * Finds the middle snake of the shortest edit script between a[aLo, aHi) and b[bLo, bHi) by
 * searching forward and backward at once (Myers 1986, section 4b). Returns the split point, null
 * when the ranges share nothing, undefined when the edit budget ran out.
 */
function middleSnake(
  a: Int32Array,
  aLo: number,
  aHi: number,
  b: Int32Array,
  bLo: number,
  bHi: number,
): { x: number; y: number } | null | undefined {
  const n = aHi - aLo;
  const m = bHi - bLo;
  const maxD = Math.ceil((n + m) / 2);
  const limit = Math.min(maxD, EDIT_BUDGET);
  const offset = maxD;
  const size = 2 * maxD + 2;
  const v1 = new Int32Array(size).fill(-1);
  const v2 = new Int32Array(size).fill(-1);
  v1[offset + 1] = 0;
  v2[offset + 1] = 0;
  const delta = n - m;
  // With an odd delta the forward path meets the reverse one; with an even delta the reverse meets the forward.
  const front = delta % 2 !== 0;
  let k1start = 0;
  let k1end = 0;
  let k2start = 0;
  let k2end = 0;
  for (let d = 0; d < limit; d++) {
    for (let k1 = -d + k1start; k1 <= d - k1end; k1 += 2) {
      const k1o = offset + k1;
      let x1 = k1 === -d || (k1 !== d && v1[k1o - 1]! < v1[k1o + 1]!) ? v1[k1o + 1]! : v1[k1o - 1]! + 1;
      let y1 = x1 - k1;
      while (x1 < n && y1 < m && a[aLo + x1] === b[bLo + y1]) {
        x1++;
        y1++;
      }
      v1[k1o] = x1;
      if (x1 > n) k1end += 2;
      else if (y1 > m) k1start += 2;
      else if (front) {
        const k2o = offset + delta - k1;
        if (k2o >= 0 && k2o < size && v2[k2o] !== -1 && x1 >= n - v2[k2o]!) return { x: aLo + x1, y: bLo + y1 };
      }
    }
    for (let k2 = -d + k2start; k2 <= d - k2end; k2 += 2) {
      const k2o = offset + k2;
      let x2 = k2 === -d || (k2 !== d && v2[k2o - 1]! < v2[k2o + 1]!) ? v2[k2o + 1]! : v2[k2o - 1]! + 1;
      let y2 = x2 - k2;
      while (x2 < n && y2 < m && a[aHi - x2 - 1] === b[bHi - y2 - 1]) {
        x2++;
        y2++;
      }
      v2[k2o] = x2;
      if (x2 > n) k2end += 2;
      else if (y2 > m) k2start += 2;
      else if (!front) {
        const k1o = offset + delta - k2;
        if (k1o >= 0 && k1o < size && v1[k1o] !== -1) {
          const x1 = v1[k1o]!;
          const y1 = offset + x1 - k1o;
          if (x1 >= n - x2) return { x: aLo + x1, y: bLo + y1 };
        }
      }
    }
  }
  return limit < maxD ? undefined : null;
}

const isBlank = (s: string) => s.trim() === "";

function toOps(raw: TRawOp[], a: TSegment[], b: TSegment[], before: string, after: string): TDiffOp[] {
  const posA = (i: number) => (i < a.length ? a[i]!.start : before.length);
  const posB = (i: number) => (i < b.length ? b[i]!.start : after.length);
  const blocks: TRawOp[] = [];
  // Consecutive changes form one block, shown as one delete then one insert. Whitespace-only equal
  // runs between two changes join the block: "the quick brown" → "a slow brown" reads
  // "-the quick +a slow", not four fragments.
  let pending: { a0: number; a1: number; b0: number; b1: number } | null = null;
  const flush = () => {
    if (!pending) return;
    const { a0, a1, b0, b1 } = pending;
    if (a1 > a0) blocks.push({ kind: "delete", aStart: a0, aEnd: a1, bStart: b0, bEnd: b0 });
    if (b1 > b0) blocks.push({ kind: "insert", aStart: a1, aEnd: a1, bStart: b0, bEnd: b1 });
    pending = null;
  };
  for (let i = 0; i < raw.length; i++) {
    const r = raw[i]!;
    const next = raw[i + 1];
    const bridge =
      r.kind === "equal" &&
      pending &&
      next &&
      next.kind !== "equal" &&
      isBlank(before.slice(posA(r.aStart), posA(r.aEnd)));
    if (r.kind === "equal" && !bridge) {
      flush();
      blocks.push({ ...r });
    } else if (pending) {
      pending.a1 = r.aEnd;
      pending.b1 = r.bEnd;
    } else pending = { a0: r.aStart, a1: r.aEnd, b0: r.bStart, b1: r.bEnd };
  }
  flush();
  return blocks.map((r) => {
    const beforeStart = posA(r.aStart);
    const beforeEnd = posA(r.aEnd);
    const afterStart = posB(r.bStart);
    const afterEnd = posB(r.bEnd);
    const text = r.kind === "insert" ? after.slice(afterStart, afterEnd) : before.slice(beforeStart, beforeEnd);
    return { op: r.kind, text, beforeStart, beforeEnd, afterStart, afterEnd };
  });
}
