#!/usr/bin/env node
// Throughput of grounded copy generation on one core, DESCRIPTION in zh and en, next to the
// linter alone on the very texts it produced:
//   generate — generateCopy({ locale, field: "DESCRIPTION", attributes, reviews }) from @truecopy/core:
//              facts (review aspects included), planner, realiser (mined templates for Chinese
//              apparel, the generic realiser otherwise), claims and the gate, whose lint() run
//              is part of every generation;
//   baseline — lint({ text, locale, attributes, reviews, field }) on the same outputs: what checking
//              a finished text costs, so the ratio says how much writing adds to checking.
// Inputs: the CLI's demo catalog (zh-CN and en-US products: attributes and reviews) and, for
// Chinese apparel, attribute sets drawn deterministically from the generator model's own vocabulary
// (类型, 材质, 颜色, 风格, 图案, 领型 …). Runs alternate the order; medians; the last lines are the
// figures, per language.
//
//   pnpm --filter @truecopy/core build && pnpm --filter @truecopy/cli build
//   node bench/generate/generate.bench.mjs [--products 1000] [--runs 5]
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { numberArg, requireBuilt } from "../lib/built.mjs";
import { median } from "../lib/stats.mjs";

const root = join(dirname(new URL(import.meta.url).pathname), "../..");
const coreFile = join(root, "packages/core/dist/index.js");
const seedFile = join(root, "apps/cli/dist/seed/demo-catalog.js");
requireBuilt([coreFile, seedFile], {
  usage: "node bench/generate/generate.bench.mjs [--products 1000] [--runs 5]",
  build: "pnpm --filter @truecopy/core build && pnpm --filter @truecopy/cli build",
});
const products = numberArg("--products", 1000);
const runs = numberArg("--runs", 5);
/** Goal: writing and checking a description costs at most 4× checking it (ratio ≥ 0.25). */
const GOAL = 0.25;

const core = await import(pathToFileURL(coreFile).href);
const { scaledCatalog } = await import(pathToFileURL(seedFile).href);

// Deterministic pseudo-random choices (mulberry32).
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
// Chinese apparel attribute sets from the model's vocabulary: a type, then 4–9 other keys.
function apparelInputs(n) {
  const { values } = core.GENERATOR_MODEL;
  const rnd = random(20261128);
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const keys = Object.keys(values).filter((k) => k !== "类型");
  return Array.from({ length: n }, () => {
    const attributes = { 类型: pick(values["类型"]) };
    const count = 4 + Math.floor(rnd() * 6);
    for (let i = 0; i < count; i++) {
      const k = pick(keys);
      attributes[k] = pick(values[k]);
    }
    return { locale: "zh", field: "DESCRIPTION", attributes };
  });
}
const catalog = scaledCatalog(products, 1).map((r) => ({
  locale: /\p{Script=Han}/u.test(r.title) ? "zh" : "en",
  field: "DESCRIPTION",
  attributes: r.attributes ?? {},
  reviews: (r.reviews ?? []).map((x, i) => ({ id: `r${i + 1}`, text: x.text })),
}));
const sets = {
  zh: [...catalog.filter((x) => x.locale === "zh"), ...apparelInputs(Math.ceil(products / 2))],
  en: catalog.filter((x) => x.locale === "en"),
};

const timed = (fn) => {
  const started = process.hrtime.bigint();
  const out = fn();
  return { out, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
};

const results = {};
for (const [locale, inputs] of Object.entries(sets)) {
  // Warm-up, and a check that generation did its job: text, claims that match it, the gate's verdict.
  const outputs = inputs.map((input) => core.generateCopy(input));
  let offered = 0;
  for (const [i, c] of outputs.entries()) {
    if (!c.text) {
      console.error(`${locale}: empty text for input ${i}`);
      process.exit(1);
    }
    for (const claim of c.claims)
      if (c.text.slice(claim.start, claim.end) !== claim.text) {
        console.error(`${locale}: claim span does not match the text in output ${i}`);
        process.exit(1);
      }
    if (c.gate.status === "offered") offered++;
  }
  const lintInputs = outputs.map((c, i) => ({
    text: c.text,
    locale,
    attributes: inputs[i].attributes,
    reviews: inputs[i].reviews,
    field: "DESCRIPTION",
  }));
  const generateAll = () => {
    let chars = 0;
    for (const input of inputs) chars += core.generateCopy(input).text.length;
    return chars;
  };
  const lintAll = () => {
    let findings = 0;
    for (const input of lintInputs) findings += core.lint(input).findings.length;
    return findings;
  };
  lintAll();
  const rates = { generate: [], lint: [] };
  for (let r = 0; r < runs; r++) {
    const order = r % 2 === 0 ? ["generate", "lint"] : ["lint", "generate"];
    for (const which of order) {
      const { seconds } = timed(which === "generate" ? generateAll : lintAll);
      rates[which].push(inputs.length / seconds);
    }
    console.error(
      `${locale} run ${r + 1}: generate ${rates.generate.at(-1).toFixed(0)} variants/s, lint alone ${rates.lint.at(-1).toFixed(0)} texts/s`,
    );
  }
  const chars = outputs.reduce((n, c) => n + [...c.text].length, 0) / outputs.length;
  results[locale] = { g: median(rates.generate), l: median(rates.lint), n: inputs.length, offered, chars };
}
for (const [locale, r] of Object.entries(results))
  console.log(
    `${locale}: ${r.n} inputs, ${r.offered} offered by the gate, ${r.chars.toFixed(0)} characters per description`,
  );
for (const [locale, r] of Object.entries(results))
  console.log(
    `generate ${locale}: ${r.g.toFixed(0)} variants/s per core via generateCopy (DESCRIPTION) vs ${r.l.toFixed(0)} texts/s lint alone on the same outputs = ${(r.g / r.l).toFixed(2)}x (goal >= ${GOAL}x: ${r.g / r.l >= GOAL ? "met" : "missed"})`,
  );
