// Language of a text as the product needs it: zh, en, mixed (both scripts substantial) or other.
// Script shares decide the cases they can (pure Chinese, mixed zh/en, kana, hangul, Cyrillic …);
// a statistical identifier (fastText lid.176 in @truecopy/ml, injected because core does no I/O)
// decides what scripts cannot: whether Latin-script text is English or French, Spanish, German …,
// and whether Han text with a little kana is Chinese or Japanese. Without an identifier, Latin
// script is reported as "en", as the product only handles zh and en copy.

export type TLanguage = "zh" | "en" | "mixed" | "other";

/** A language guess: ISO 639 code (fastText labels: "zh", "en", "ja", "wuu" …) and probability. */
export type TLanguageGuess = { code: string; p: number };
/** Synchronous identifier: guesses for a text, most probable first. */
export type TLanguageIdentifier = (text: string) => readonly TLanguageGuess[];

export type TDetectLanguageOptions = {
  identify?: TLanguageIdentifier;
  /** Skip the identifier for all-Han text (default true; false only to measure the fast path). */
  fastPath?: boolean;
};

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
// Text is called another language only when the identifier is this sure and (Latin script) the
// text has this many words: short strings, model numbers and brand names are too little to go on, and
// calling them English is the safer error for a zh/en product (docs/evaluation.md).
const OTHER_MIN_P = 0.5;
const OTHER_LATIN_MIN_WORDS = 3;
// Codes the identifier uses for Chinese (Mandarin, Cantonese, Wu, Min Nan, Classical, Gan …).
const CHINESE_CODES = new Set(["zh", "yue", "wuu", "nan", "lzh", "gan", "hak", "cdo", "min"]);
// The identifier reads at most this much: the head of a long text settles its language.
const IDENTIFY_CHARS = 1_000;

export type TScriptCounts = { han: number; kana: number; hangul: number; latinWords: number; otherWords: number };

/** Han characters, kana, hangul and words of Latin and of other alphabetic scripts. */
export function countScripts(text: string): TScriptCounts {
  const c: TScriptCounts = { han: 0, kana: 0, hangul: 0, latinWords: 0, otherWords: 0 };
  // Tracks whether we are inside a run of letters of an alphabetic script, to count words.
  let run: "latin" | "other" | null = null;
  for (const ch of text) {
    if (!LETTER.test(ch)) {
      run = null;
      continue;
    }
    if (HAN.test(ch)) {
      c.han++;
      run = null;
    } else if (KANA.test(ch)) {
      c.kana++;
      run = null;
    } else if (HANGUL.test(ch)) {
      c.hangul++;
      run = null;
    } else if (LATIN.test(ch)) {
      if (run !== "latin") c.latinWords++;
      run = "latin";
    } else {
      if (run !== "other") c.otherWords++;
      run = "other";
    }
  }
  return c;
}

/** The script-ratio decision alone (digits, punctuation and emoji ignored). */
export function languageFromScripts(c: TScriptCounts): TLanguage {
  let hanWords = c.han / HAN_CHARS_PER_WORD;
  let other = c.otherWords + (c.kana + c.hangul) / HAN_CHARS_PER_WORD;
  if (c.kana > 0 && c.kana / (c.han + c.kana) >= KANA_SHARE_FOR_JAPANESE) {
    other += hanWords;
    hanWords = 0;
  }
  const zhEn = hanWords + c.latinWords;
  if (zhEn + other === 0) return "other";
  if (other >= zhEn) return "other";
  const zhShare = hanWords / zhEn;
  if (zhShare >= DOMINANT_SHARE) return "zh";
  if (zhShare <= 1 - DOMINANT_SHARE) return "en";
  return "mixed";
}

/** The identifier's decision on Han- or Latin-dominant text, given the script decision. */
function refine(text: string, byScript: "zh" | "en", c: TScriptCounts, identify: TLanguageIdentifier): TLanguage {
  const top = identify(text.length > IDENTIFY_CHARS ? text.slice(0, IDENTIFY_CHARS) : text)[0];
  if (!top) return byScript;
  if (byScript === "zh") {
    // Han text with a little kana or hangul: Japanese or Korean when the identifier says so.
    return (top.code === "ja" || top.code === "ko") && top.p >= OTHER_MIN_P ? "other" : "zh";
  }
  if (top.code === "en" || CHINESE_CODES.has(top.code)) return "en";
  return top.p >= OTHER_MIN_P && c.latinWords >= OTHER_LATIN_MIN_WORDS ? "other" : "en";
}

/**
 * zh / en / mixed / other. Mixed text and non-Latin, non-Han scripts are decided by script
 * shares; Han-dominant text without kana or hangul is "zh" without consulting the identifier
 * (fast path); other Han-dominant and all Latin-dominant text goes to the identifier when one is
 * given.
 */
export function detectLanguage(text: string, options: TDetectLanguageOptions = {}): TLanguage {
  const c = countScripts(text);
  const byScript = languageFromScripts(c);
  if (!options.identify || (byScript !== "zh" && byScript !== "en")) return byScript;
  // Han without kana or hangul is Chinese: lid.176 calls 3% of such Chinese reviews Japanese
  // (docs/evaluation.md), so the identifier is only asked when kana or hangul is present.
  if (byScript === "zh" && c.kana === 0 && c.hangul === 0 && options.fastPath !== false) return "zh";
  return refine(text, byScript, c, options.identify);
}
