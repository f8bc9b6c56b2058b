import { toGray, type TRaster } from "./raster.js";
import type { TBox, TOcrLine } from "./types.js";

// Two repairs on recognised lines before they are linted. The Chinese recogniser often drops the
// spaces between Latin words ("BestPriceGuaranteed"), which English rules match word by word; the
// crop itself shows where the words are: a run of ink-free columns between two characters that is
// wide for the text's size and wider than the line's usual letter gap is a word space. And the
// detector splits a line at wide word gaps (monospaced type): neighbouring boxes of one line are
// joined back.

export type TInkProfile = {
  /** 1 where a column of the crop holds ink. */
  columns: Uint8Array;
  /** Height in pixels of the rows that hold ink (≈ the text's size). */
  inkHeight: number;
};

/** Columns with ink, against the crop's median brightness (text is the minority of a line crop). */
export function inkProfile(img: TRaster): TInkProfile {
  const g = toGray(img);
  const sorted = Float32Array.from(g.data).sort();
  const bg = sorted[Math.floor(sorted.length / 2)]!;
  let maxDiff = 0;
  for (const v of g.data) maxDiff = Math.max(maxDiff, Math.abs(v - bg));
  const threshold = Math.max(25, 0.4 * maxDiff);
  const columns = new Uint8Array(g.width);
  let top = g.height;
  let bottom = -1;
  for (let y = 0; y < g.height; y++)
    for (let x = 0; x < g.width; x++)
      if (Math.abs(g.data[y * g.width + x]! - bg) > threshold) {
        columns[x] = 1;
        top = Math.min(top, y);
        bottom = Math.max(bottom, y);
      }
  return { columns, inkHeight: bottom >= top ? bottom - top + 1 : 0 };
}

const LATIN = /^[\p{Script=Latin}0-9%$&'.,!?+\-/]$/u;

/** A word space needs an ink-free gap of this many text heights… */
const SPACE_GAP = 0.25;
/** …and this many times the line's median gap between letters of the same kind. */
const SPACE_OVER_MEDIAN = 2;
// Narrow glyphs stand in wide blank space in monospaced type ("i" in "Organic"): their gaps are
// compared with other narrow glyphs' gaps, not with the line's usual letter gap.
const NARROW = /^[iljtfrI1!.,'|:;]$/;
const NARROW_GAP = 0.45;

/**
 * Inserts the word spaces the recogniser dropped between Latin characters. `positions` are the
 * characters' centres as fractions of the crop width (one per code point of `text`).
 */
export function restoreWordSpaces(o: { text: string; positions: readonly number[]; ink: TInkProfile }): {
  text: string;
  positions: number[];
} {
  const chars = [...o.text];
  const { columns, inkHeight } = o.ink;
  if (chars.length !== o.positions.length || inkHeight === 0 || chars.length < 2)
    return { text: o.text, positions: [...o.positions] };
  const W = columns.length;
  const gaps: ({ width: number; narrow: boolean } | null)[] = [];
  for (let i = 0; i + 1 < chars.length; i++) {
    const a = chars[i]!;
    const b = chars[i + 1]!;
    if (!LATIN.test(a) || !LATIN.test(b)) {
      gaps.push(null);
      continue;
    }
    const from = Math.ceil(o.positions[i]! * W);
    const to = Math.floor(o.positions[i + 1]! * W);
    let run = 0;
    let best = 0;
    for (let x = Math.max(0, from); x < Math.min(W, to); x++) {
      run = columns[x] ? 0 : run + 1;
      best = Math.max(best, run);
    }
    gaps.push({ width: best, narrow: NARROW.test(a) || NARROW.test(b) });
  }
  const known = gaps.filter((g) => g !== null);
  if (!known.length) return { text: o.text, positions: [...o.positions] };
  const median = (list: number[]) => [...list].sort((x, y) => x - y)[Math.floor(list.length / 2)]!;
  const all = median(known.map((g) => g.width));
  // A kind with too few gaps to have a median of its own borrows the line's; narrow glyphs then
  // need a gap wide enough to be a space in monospaced type too.
  const threshold = (narrow: boolean) => {
    const same = known.filter((g) => g.narrow === narrow).map((g) => g.width);
    if (same.length >= 3) return Math.max(SPACE_GAP * inkHeight, SPACE_OVER_MEDIAN * median(same));
    return Math.max((narrow ? NARROW_GAP : SPACE_GAP) * inkHeight, SPACE_OVER_MEDIAN * all);
  };
  const minGap = { narrow: threshold(true), wide: threshold(false) };
  let text = "";
  const positions: number[] = [];
  chars.forEach((c, i) => {
    text += c;
    positions.push(o.positions[i]!);
    const g = gaps[i];
    if (g && g.width >= (g.narrow ? minGap.narrow : minGap.wide) && c !== " " && chars[i + 1] !== " ") {
      text += " ";
      positions.push((o.positions[i]! + o.positions[i + 1]!) / 2);
    }
  });
  return { text, positions };
}

/**
 * Joins neighbouring boxes of one line (in reading order) when the gap between them is small for
 * their height: a space between two Latin characters, nothing between Chinese ones.
 */
export function joinLineBoxes(lines: readonly TOcrLine[]): TOcrLine[] {
  const out: TOcrLine[] = [];
  for (const line of lines) {
    const prev = out[out.length - 1];
    if (prev && !prev.quad && !line.quad && sameLine(prev.box, line.box)) {
      // Overlapping boxes both read the character in the overlap (sometimes differently): a first
      // character centred where the previous box's last one is, is that character again.
      let next = line;
      const first = line.charPositions?.[0];
      const last = prev.charPositions?.at(-1);
      if (
        first !== undefined &&
        last !== undefined &&
        line.box[0] + first * line.box[2] < prev.box[0] + last * prev.box[2] + 0.45 * Math.min(prev.box[3], line.box[3])
      )
        next = {
          ...line,
          text: [...line.text].slice(1).join(""),
          charPositions: line.charPositions!.slice(1),
        };
      if (!next.text) continue;
      const latin = LATIN.test([...prev.text].at(-1) ?? "") && LATIN.test([...next.text][0] ?? "");
      const sep = latin ? " " : "";
      const box = union(prev.box, next.box);
      const toUnion = (b: TBox, p: number) => (b[0] + p * b[2] - box[0]) / box[2];
      const positions =
        prev.charPositions && next.charPositions
          ? [
              ...prev.charPositions.map((p) => toUnion(prev.box, p)),
              ...(sep ? [(prev.box[0] + prev.box[2] - box[0]) / box[2]] : []),
              ...next.charPositions.map((p) => toUnion(next.box, p)),
            ]
          : undefined;
      const a = [...prev.text].length;
      const b = [...next.text].length;
      out[out.length - 1] = {
        text: prev.text + sep + next.text,
        box,
        confidence: Math.round(((prev.confidence * a + next.confidence * b) / (a + b)) * 1000) / 1000,
        ...(positions ? { charPositions: positions.map((p) => Math.round(p * 1000) / 1000) } : {}),
      };
    } else out.push(line);
  }
  return out;
}

function sameLine(a: TBox, b: TBox): boolean {
  const overlap = Math.min(a[1] + a[3], b[1] + b[3]) - Math.max(a[1], b[1]);
  const h = Math.min(a[3], b[3]);
  const gap = b[0] - (a[0] + a[2]);
  return overlap >= 0.6 * h && Math.max(a[3], b[3]) <= 1.5 * h && gap <= 1.2 * h && gap >= -0.6 * h;
}

function union(a: TBox, b: TBox): TBox {
  const x0 = Math.min(a[0], b[0]);
  const y0 = Math.min(a[1], b[1]);
  return [x0, y0, Math.max(a[0] + a[2], b[0] + b[2]) - x0, Math.max(a[1] + a[3], b[1] + b[3]) - y0];
}
