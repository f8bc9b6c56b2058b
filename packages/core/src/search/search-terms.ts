import { jieba } from "../analysis/jieba-segmenter.js";
import { normalizeText } from "../text/normalize.js";

const WORD = /[\p{L}\p{N}]/u;
const MAX_CHARS = 20_000;

/**
 * Terms for full-text search: jieba's search mode for Chinese (words and their sub-words, so 智能手表
 * also matches 手表), lower-cased words and numbers for everything else. The same function prepares
 * stored documents and queries, so both sides agree on what a term is.
 */
export function searchTerms(text: string): string[] {
  const normalized = normalizeText(text.slice(0, MAX_CHARS)).toLowerCase();
  if (!normalized) return [];
  return jieba()
    .cutForSearch(normalized, true)
    .map((t) => t.trim())
    .filter((t) => t.length > 0 && WORD.test(t));
}

/** Space-joined terms, ready for `to_tsvector('simple', …)` / `plainto_tsquery('simple', …)`. */
export const searchDocument = (text: string): string => searchTerms(text).join(" ");
