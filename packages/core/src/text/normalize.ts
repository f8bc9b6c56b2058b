// Text normalisation shared by analysis, hashing and the embedding model: every consumer must see
// the same string for the same visible text, so full-width/half-width variants, invisible
// characters and whitespace noise must not change features or hashes.

// Format characters (\p{Cf}) are invisible and mostly noise (zero-width space, BOM, bidi marks, soft
// hyphen); ZWJ (U+200D) and the tag characters U+E0020–U+E007F are kept because emoji sequences
// (family emoji, subdivision flags) need them.
const FORMAT_EXCEPT_EMOJI_GLUE = /(?![\u200D\u{E0020}-\u{E007F}])\p{Cf}/gu;
// A ZWJ only means something between two emoji; elsewhere it is an invisible joiner to drop.
const STRAY_ZWJ =
  /(?<![\p{Extended_Pictographic}\uFE0F\u{1F3FB}-\u{1F3FF}])\u200D|\u200D(?!\p{Extended_Pictographic})/gu;
// Controls other than tab/newline (C0, DEL, C1) carry no text.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const LINE_BREAK = /\r\n?|[\u0085\u2028\u2029\u000B\u000C]/g;
// After NFKC most exotic spaces are U+0020 already; \s still catches the rest (tab, U+2000 range).
const HORIZONTAL_SPACE = /[^\S\n]+/g;
const BLANK_LINES = /\s*\n\s*/g;

/**
 * Normalises text for comparison and feature extraction:
 * - Unicode NFKC (full-width letters, digits and ASCII punctuation become half-width, ligatures
 *   and compatibility forms are unfolded; CJK punctuation such as "。" has no NFKC mapping and stays);
 * - drops zero-width/format characters and control characters, keeping emoji (including ZWJ sequences);
 * - collapses runs of spaces/tabs to one space, trims every line, and collapses any run of line
 *   breaks (blank lines included) to a single "\n" between paragraphs; trims the whole text.
 */
export function normalizeText(input: string): string {
  if (input.length === 0) return "";
  return input
    .replace(LINE_BREAK, "\n")
    .replace(CONTROL, "")
    .normalize("NFKC")
    .replace(FORMAT_EXCEPT_EMOJI_GLUE, "")
    .replace(STRAY_ZWJ, "")
    .replace(HORIZONTAL_SPACE, " ")
    .replace(BLANK_LINES, "\n")
    .trim();
}
