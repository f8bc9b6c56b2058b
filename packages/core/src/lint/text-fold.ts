// Matching runs on a folded copy of the text that has exactly the same length, so every offset
// found in it is an offset into the original: ASCII letters are lower-cased, full-width letters,
// digits and the signs that occur inside terms (Ａ１％＃＋．) become half-width, the ideographic
// space a space, ’ an apostrophe. Chinese punctuation (，！？：；) stays as it is: rules name it.
// `toLowerCase()` cannot be used: it changes the length of some strings (İ → i̇).

const FULL_WIDTH = /[\uFF03\uFF05\uFF0B\uFF0E\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\u3000\u2019]/;

const foldCode = (c: number): number => {
  if (c >= 0x41 && c <= 0x5a) return c + 0x20;
  if (c === 0x2019) return 0x27;
  if (c === 0x3000) return 0x20;
  if (
    (c >= 0xff10 && c <= 0xff19) ||
    (c >= 0xff21 && c <= 0xff3a) ||
    (c >= 0xff41 && c <= 0xff5a) ||
    c === 0xff05 ||
    c === 0xff03 ||
    c === 0xff0b ||
    c === 0xff0e
  ) {
    const f = c - 0xfee0;
    return f >= 0x41 && f <= 0x5a ? f + 0x20 : f;
  }
  return c;
};

function foldSlow(text: string): string {
  let out = "";
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const f = foldCode(c);
    if (f !== c) {
      out += text.slice(from, i) + String.fromCharCode(f);
      from = i + 1;
    }
  }
  return from === 0 ? text : out + text.slice(from);
}

/** The text with the same UTF-16 length, ASCII case and full-width forms folded. */
export function foldText(text: string): string {
  // The engine's own lower-casing is fastest; it also lower-cases other scripts' letters, which is
  // harmless, and is only trusted when it kept the length (so every offset still lines up).
  const lower = text.toLowerCase();
  if (lower.length !== text.length) return foldSlow(text);
  return FULL_WIDTH.test(lower) ? foldSlow(lower) : lower;
}

/** True for ASCII letters and digits: the characters that make an English word boundary. */
export const isWordChar = (c: number): boolean =>
  (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a);
