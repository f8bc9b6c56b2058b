import { lint, resolveLintLocale } from "../lint/lint.js";
import type { TAttributeMap, TBrandPack, TLintFinding } from "../lint/types.js";
import type { TBox, TImageFinding, TOcrLine } from "./types.js";

// Text printed on a product image is copy too: "100%有效" on a box is the same absolute claim as in
// the description. The recognised lines go through the same linter (one text, lines joined by line
// breaks so a claim never runs across two lines; the packs of the product's language and of any
// other language the text is written in); each finding is reported on the image with the box of
// the text it matched.

export type TImageTextLint = {
  /** The recognised text as linted: lines in reading order joined by "\n". */
  text: string;
  /** The product's language, or the text's when the product has none. */
  locale: "zh" | "en";
  findings: TImageFinding[];
};

/** Lines with lower recognition confidence are too unreliable to accuse a merchant of a claim. */
export const MIN_LINT_CONFIDENCE = 0.6;

export function lintImageText(o: {
  lines: readonly TOcrLine[];
  locale?: string;
  attributes?: TAttributeMap;
  brandPack?: TBrandPack;
  imageId?: string;
}): TImageTextLint {
  const lines = o.lines.filter((l) => l.confidence >= MIN_LINT_CONFIDENCE && l.text.trim());
  const text = lines.map((l) => l.text).join("\n");
  const locale = resolveLintLocale(o.locale, text);
  if (!text.trim()) return { text, locale, findings: [] };
  const starts: number[] = [];
  let at = 0;
  for (const l of lines) {
    starts.push(at);
    at += l.text.length + 1;
  }
  // Packaging is often bilingual: text in the other language is linted with its own pack too.
  const locales = new Set([locale]);
  if ((text.match(/\p{Script=Han}/gu)?.length ?? 0) >= 2) locales.add("zh");
  if ((text.match(/[A-Za-z]{2,}/g)?.length ?? 0) >= 2) locales.add("en");
  const seen = new Set<string>();
  const found: TLintFinding[] = [];
  for (const l of locales)
    for (const f of lint({
      text,
      locale: l,
      ...(o.attributes ? { attributes: o.attributes } : {}),
      ...(o.brandPack ? { brandPack: o.brandPack } : {}),
    }).findings) {
      const key = `${f.rule}\u0000${f.start}\u0000${f.end}`;
      if (f.severity === "INFO" || seen.has(key)) continue;
      seen.add(key);
      found.push(f);
    }
  found.sort((a, b) => a.start - b.start || a.end - b.end);
  return { text, locale, findings: found.map((f) => toImageFinding(f, lines, starts, o.imageId)) };
}

function toImageFinding(
  f: TLintFinding,
  lines: readonly TOcrLine[],
  starts: readonly number[],
  imageId: string | undefined,
): TImageFinding {
  const boxes: TBox[] = [];
  lines.forEach((line, i) => {
    const s = starts[i]!;
    const e = s + line.text.length;
    if (f.end <= s || f.start >= e) {
      // An empty span (a missing disclaimer) sits at the end of the text: the last line.
      if (!(f.start === f.end && i === lines.length - 1 && f.start >= s)) return;
    }
    boxes.push(spanBox(line, Math.max(0, f.start - s), Math.min(line.text.length, f.end - s)));
  });
  return {
    rule: f.rule,
    category: f.category,
    severity: f.severity,
    message: f.message,
    ...(boxes.length ? { box: unionBox(boxes) } : {}),
    match: f.match,
    ...(f.legalBasis ? { legalBasis: f.legalBasis } : {}),
    ...(f.suggestion !== undefined ? { suggestion: f.suggestion } : {}),
    evidence: [
      { source: "image", ...(imageId ? { imageId } : {}), detail: `text in the image: "${f.match}"` },
      ...f.evidence,
    ],
  };
}

/**
 * The part of a line's box that characters start..end (UTF-16 offsets into the line) cover, from
 * the recogniser's character positions; without them, in proportion to the character count.
 * Vertical or rotated lines keep the whole box.
 */
export function spanBox(line: TOcrLine, start: number, end: number): TBox {
  const [x, y, w, h] = line.box;
  const chars = [...line.text];
  if (!chars.length || line.quad || end <= start) return line.box;
  // UTF-16 offsets → code point indices.
  const cpStart = [...line.text.slice(0, start)].length;
  const cpEnd = [...line.text.slice(0, end)].length;
  if (cpStart === 0 && cpEnd === chars.length) return line.box;
  const pos = line.charPositions?.length === chars.length ? line.charPositions : null;
  const edge = (i: number) => {
    if (!pos) return i / chars.length;
    if (i <= 0) return 0;
    if (i >= chars.length) return 1;
    return (pos[i - 1]! + pos[i]!) / 2;
  };
  const x0 = x + Math.floor(edge(cpStart) * w);
  const x1 = x + Math.ceil(edge(cpEnd) * w);
  return [x0, y, Math.max(1, x1 - x0), h];
}

export function unionBox(boxes: readonly TBox[]): TBox {
  const x0 = Math.min(...boxes.map((b) => b[0]));
  const y0 = Math.min(...boxes.map((b) => b[1]));
  const x1 = Math.max(...boxes.map((b) => b[0] + b[2]));
  const y1 = Math.max(...boxes.map((b) => b[1] + b[3]));
  return [x0, y0, x1 - x0, y1 - y0];
}
