#!/usr/bin/env node
// Aspect sentiment quality, measured where a label exists: the online_shopping_10_cats reviews carry
// one polarity per review. A review is cut into sentences (。！？!? and line breaks); a sentence in
// which the extractor finds exactly one aspect is taken as an opinion about that aspect, and its
// review's label as the gold polarity of the aspect. That gold is noisy (a negative review can
// praise one thing in passing), so the figures are a lower bound of sorts, comparable between
// strategies on the same sentences.
//
//   pnpm --filter @truecopy/core build && pnpm --filter @truecopy/ml build
//   node packages/ml/scripts/eval-aspects.mjs [--split heldout|train|all] [--json] [--errors N]
//
// The default split is the 20% of reviews held out from the sentiment model's training
// (lib/sentiment-data.mjs), so the model has not seen them; the lexicon was developed on the
// training 80%. Strategies: lexicon alone, the sentiment model on the aspect's clause alone, and
// the production combination (`judgeMention`: lexicon first, the model when the lexicon has no
// opinion or the model is very sure of the opposite).
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { loadBuiltMl } from "./lib/built-ml.mjs";
import { loadEnglishSplit, loadReviewSplit } from "./lib/sentiment-data.mjs";

const ml = await loadBuiltMl();
const core = await import(pathToFileURL(createRequire(import.meta.url).resolve("@truecopy/core")).href);

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const split = opt("split", "heldout");
const showErrors = Number(opt("errors", 0));

const zh = loadReviewSplit();
const en = loadEnglishSplit();
const pick = (s) => (split === "train" ? s.train : split === "all" ? [...s.train, ...s.heldOut] : s.heldOut);
const sets = { zh: pick(zh), en: pick(en) };

const SENTENCE = /[^。！？!?\n]+[。！？!?]*/gu;
const classifier = ml.createSentimentClassifier();

async function evaluate(reviews) {
  const units = [];
  let sentences = 0;
  for (const r of reviews) {
    for (const m of r.text.matchAll(SENTENCE)) {
      sentences++;
      const mentions = core.extractAspectMentions(m[0]);
      const aspects = new Set(mentions.map((x) => x.aspect));
      if (aspects.size === 1)
        units.push({ sentence: m[0], mentions, gold: r.label === 1 ? "positive" : "negative", category: r.category });
    }
  }
  const clauses = [...new Set(units.flatMap((u) => u.mentions.map((m) => m.clause.text)))];
  const sentiment = new Map((await classifier.classify(clauses)).map((s, i) => [clauses[i], s]));
  // A sentence's verdict on its aspect: the confidence-weighted vote of its mentions (as in summaries).
  const vote = (judged) => {
    const v = judged.reduce(
      (s, j) => s + (j.polarity === "positive" ? 1 : j.polarity === "negative" ? -1 : 0) * j.confidence,
      0,
    );
    return v > 0 ? "positive" : v < 0 ? "negative" : "neutral";
  };
  const strategies = {
    lexicon: (u) => vote(u.mentions.map((m) => core.judgeMention(m))),
    model: (u) => vote(u.mentions.map((m) => core.judgeMention({ ...m, lexicon: 0 }, sentiment.get(m.clause.text)))),
    "lexicon, then model": (u) =>
      vote(u.mentions.map((m) => core.judgeMention(m, sentiment.get(m.clause.text), { modelOverrulesAt: 2 }))),
    combined: (u) => vote(u.mentions.map((m) => core.judgeMention(m, sentiment.get(m.clause.text)))),
  };
  const result = { reviews: reviews.length, sentences, units: units.length, strategies: {}, perAspect: {} };
  for (const [name, fn] of Object.entries(strategies)) {
    let correct = 0;
    let covered = 0;
    let coveredCorrect = 0;
    const errors = [];
    for (const u of units) {
      const p = fn(u);
      if (p !== "neutral") covered++;
      if (p === u.gold) {
        correct++;
        if (p !== "neutral") coveredCorrect++;
      } else if (p !== "neutral") errors.push(`gold ${u.gold}, said ${p}: ${u.sentence}`);
      if (name === "combined") {
        const a = (result.perAspect[u.mentions[0].aspect] ??= { n: 0, correct: 0 });
        a.n++;
        if (p === u.gold) a.correct++;
      }
    }
    result.strategies[name] = {
      accuracy: units.length ? correct / units.length : 0,
      coverage: units.length ? covered / units.length : 0,
      accuracyCovered: covered ? coveredCorrect / covered : 0,
    };
    if (showErrors && name === "combined") result.errors = errors.slice(0, showErrors);
  }
  return result;
}

const started = performance.now();
const result = { split, zh: await evaluate(sets.zh), en: await evaluate(sets.en) };
await ml.releaseSentimentSessions();
const seconds = (performance.now() - started) / 1000;

if (args.includes("--json")) console.log(JSON.stringify(result, null, 2));
else {
  const f = (x) => x.toFixed(3);
  const lines = [`aspect sentiment, split ${split}, ${seconds.toFixed(1)} s`];
  for (const [lang, r] of [
    ["Chinese reviews (online_shopping_10_cats)", result.zh],
    ["English lines written for the project", result.en],
  ]) {
    lines.push(`${lang}: ${r.reviews} reviews, ${r.sentences} sentences, ${r.units} with exactly one aspect`);
    for (const [name, s] of Object.entries(r.strategies))
      lines.push(
        `  ${name.padEnd(20)} accuracy ${f(s.accuracy)}  coverage ${f(s.coverage)}  accuracy on covered ${f(s.accuracyCovered)}`,
      );
    lines.push(
      "  combined per aspect: " +
        Object.entries(r.perAspect)
          .sort((a, b) => b[1].n - a[1].n)
          .map(([a, s]) => `${a} ${f(s.correct / s.n)} (${s.n})`)
          .join(", "),
    );
    if (r.errors) lines.push(...r.errors.map((e) => `  ✗ ${e}`));
  }
  console.log(lines.join("\n"));
}
