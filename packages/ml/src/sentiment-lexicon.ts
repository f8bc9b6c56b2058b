// The sentiment lexicons the review model reads beside its n-grams, from the npm package
// @cycjimmy/chinese-sentiment (MIT): the BosonNLP sentiment dictionary (~115k words with a
// real-valued polarity, built from reviews, microblogs and news), and HowNet's positive and
// negative word lists. Only the JSON files are read; the package's code is not used. Loaded once per
// process (about 3 MB of JSON, ~150 ms).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { TSentimentLexicon } from "@truecopy/core";

const PACKAGE = "@cycjimmy/chinese-sentiment";
const HAN = /\p{Script=Han}/u;

type TBosonFile = { BosonNLP: Record<string, number | string>; not: string[] };
type THowNetFile = { HOWNET: { pos: string[]; neg: string[]; deny: string[] } };

let cached: TSentimentLexicon | undefined;

export function loadSentimentLexicon(): TSentimentLexicon {
  if (cached) return cached;
  const dir = join(dirname(createRequire(import.meta.url).resolve(`${PACKAGE}/package.json`)), "src", "dictionary");
  const read = <T>(file: string): T => JSON.parse(readFileSync(join(dir, file), "utf8")) as T;
  const boson = read<TBosonFile>("BosonNLP.json");
  const hownet = read<THowNetFile>("HOWNET.json").HOWNET;
  const scores = new Map<string, number>();
  // Digits and Latin fragments in the dictionary are artefacts of how it was built: words only.
  for (const [word, value] of Object.entries(boson.BosonNLP)) {
    const score = Number(value);
    if (HAN.test(word) && Number.isFinite(score)) scores.set(word, score);
  }
  const words = (list: readonly string[]) => new Set(list.map((w) => w.trim()).filter((w) => HAN.test(w)));
  cached = {
    scores,
    positive: words(hownet.pos),
    negative: words(hownet.neg),
    negations: words([...boson.not, ...hownet.deny]),
  };
  return cached;
}
