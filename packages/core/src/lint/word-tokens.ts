import { jieba } from "../analysis/jieba-segmenter.js";
import type { TSpan } from "./lint-context.js";
import type { TLintLocale } from "./types.js";

const EN_WORD = /[a-z0-9]+(?:['’][a-z]+)*/g;

/**
 * Word spans of the folded text for token-pattern rules: ASCII words for English; jieba words for
 * Chinese (non-space tokens), with offsets from the running position of each word in the text.
 */
export function wordTokens(folded: string, locale: TLintLocale): TSpan[] {
  if (locale === "en")
    return [...folded.matchAll(EN_WORD)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  const spans: TSpan[] = [];
  let at = 0;
  for (const w of jieba().cut(folded, true)) {
    const i = folded.startsWith(w, at) ? at : folded.indexOf(w, at);
    if (i < 0) continue;
    at = i + w.length;
    if (w.trim()) spans.push({ start: i, end: at });
  }
  return spans;
}
