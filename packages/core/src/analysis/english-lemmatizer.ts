// Rule-based English lemmas: enough to fold "batteries"/"battery", "charging"/"charge" for keyphrases
// and matching. Irregular forms first, then suffix rules guarded by a minimum stem length.

const IRREGULAR: Record<string, string> = {
  is: "be", are: "be", was: "be", were: "be", been: "be", am: "be", has: "have", had: "have", does: "do",
  did: "do", done: "do", men: "man", women: "woman", children: "child", feet: "foot", teeth: "tooth",
  mice: "mouse", geese: "goose", people: "person", leaves: "leaf", knives: "knife", lives: "life",
  shelves: "shelf", halves: "half", wives: "wife", went: "go", gone: "go", made: "make", built: "build",
  kept: "keep", held: "hold", worn: "wear", wore: "wear", ran: "run", running: "run", sold: "sell",
  bought: "buy", brought: "bring", felt: "feel", left: "leave", lasts: "last", better: "good", best: "good",
  worse: "bad", worst: "bad", got: "get", gave: "give", given: "give", took: "take", taken: "take",
  came: "come", saw: "see", seen: "see", fits: "fit", fitting: "fit", fitted: "fit", series: "series",
  making: "make", used: "use", using: "use", glasses: "glass", news: "news", lens: "lens", gps: "gps", this: "this", its: "its", always: "always",
};
const VOWEL = /[aeiou]/;
const DOUBLE_CONSONANT = /([bdfgklmnprtvz])\1$/;
// Stems that need their "e" back after -ing/-ed ("charging" → "charge").
const E_ENDING = /(?:[^aeiou][aeiou][cgsvz]|[^aeiou]at|[cg]|ur|iz|uc|as|ok|ad|ot)$/;

/** The lemma of one lower-case English word. */
export function lemmatizeEnglish(word: string): string {
  const w = word.toLowerCase();
  const irregular = IRREGULAR[w];
  if (irregular) return irregular;
  if (w.length <= 3 || !/^[a-z'-]+$/.test(w)) return w;
  if (w.endsWith("ies") && w.length > 4) return `${w.slice(0, -3)}y`;
  if (/(?:ss|us|is)$/.test(w)) return w;
  if (/(?:ches|shes|sses|xes|zzes)$/.test(w)) return w.slice(0, -2);
  if (w.endsWith("ing") && w.length > 5) return verbStem(w.slice(0, -3));
  if (w.endsWith("ied") && w.length > 4) return `${w.slice(0, -3)}y`;
  if (w.endsWith("ed") && w.length > 4) return verbStem(w.slice(0, -2));
  if (w.endsWith("s") && !w.endsWith("'s")) return w.slice(0, -1);
  if (w.endsWith("'s")) return w.slice(0, -2);
  return w;
}

function verbStem(stem: string): string {
  if (!VOWEL.test(stem)) return stem;
  if (DOUBLE_CONSONANT.test(stem) && !/(?:ll|ss|zz)$/.test(stem)) return stem.slice(0, -1);
  if (E_ENDING.test(stem)) return `${stem}e`;
  return stem;
}
