// Script-ratio language guess: fast, deterministic and good enough to route zh vs en processing
// (segmenter, rule packs). Latin script is reported as "en" because the product only handles zh and
// en copy today; a statistical identifier can replace this behind the same signature.

export type TLanguage = "zh" | "en" | "mixed" | "other";

const HAN = /\p{Script=Han}/u;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const HANGUL = /\p{Script=Hangul}/u;
const LATIN = /\p{Script=Latin}/u;
const LETTER = /\p{L}/u;

// A Chinese word is about 1.5 characters long, so Han characters are divided by this to compare
// with Latin words on a similar footing ("这款iPhone手机" is Chinese with a brand name, not mixed).
const HAN_CHARS_PER_WORD = 1.5;
// Share of the dominant script at or above which the text is that language; between the two
// thresholds both scripts are substantial and the text is "mixed".
const DOMINANT_SHARE = 0.7;
// Japanese writes much with Han; this much kana among Han+kana marks the text as Japanese.
const KANA_SHARE_FOR_JAPANESE = 0.2;

/** Classifies text by the ratio of Han characters to Latin words (digits, punctuation, emoji ignored). */
export function detectLanguage(text: string): TLanguage {
  let han = 0;
  let kana = 0;
  let hangul = 0;
  let latinWords = 0;
  let otherWords = 0;
  // Tracks whether we are inside a run of letters of an alphabetic script, to count words.
  let run: "latin" | "other" | null = null;

  for (const ch of text) {
    if (!LETTER.test(ch)) {
      run = null;
      continue;
    }
    if (HAN.test(ch)) {
      han++;
      run = null;
    } else if (KANA.test(ch)) {
      kana++;
      run = null;
    } else if (HANGUL.test(ch)) {
      hangul++;
      run = null;
    } else if (LATIN.test(ch)) {
      if (run !== "latin") latinWords++;
      run = "latin";
    } else {
      if (run !== "other") otherWords++;
      run = "other";
    }
  }

  let hanWords = han / HAN_CHARS_PER_WORD;
  let other = otherWords + (kana + hangul) / HAN_CHARS_PER_WORD;
  if (kana > 0 && kana / (han + kana) >= KANA_SHARE_FOR_JAPANESE) {
    other += hanWords;
    hanWords = 0;
  }
  const zhEn = hanWords + latinWords;
  if (zhEn + other === 0) return "other";
  if (other >= zhEn) return "other";
  const zhShare = hanWords / zhEn;
  if (zhShare >= DOMINANT_SHARE) return "zh";
  if (zhShare <= 1 - DOMINANT_SHARE) return "en";
  return "mixed";
}
