#!/usr/bin/env node
// Throughput of the compliance linter on one core, next to plain segmentation of the same texts:
//   lint     — lint({ text, locale, attributes }) from @truecopy/core: the locale's rule pack
//              (Aho–Corasick pass + anchored regexes + context checks), the paraphrase model per
//              clause, quality checks and grounding against the attributes;
//   baseline — jieba `cut` (HMM on) with the default dictionary, nothing else.
// Texts: ~200-character descriptions built from the CLI's demo catalog (title + description, cut at
// 200 characters), zh-CN and en-US, with their attributes. Runs alternate the order of the two
// measurements; medians; the last line is the figure.
//
//   pnpm --filter @truecopy/core build && pnpm --filter @truecopy/cli build
//   node bench/lint/lint.bench.mjs [--docs 3000] [--runs 5]
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { numberArg, requireBuilt } from "../lib/built.mjs";
import { median } from "../lib/stats.mjs";

const root = join(dirname(new URL(import.meta.url).pathname), "../..");
const coreDir = join(root, "packages/core");
const seedFile = join(root, "apps/cli/dist/seed/demo-catalog.js");
const coreFile = join(coreDir, "dist/index.js");
requireBuilt([coreFile, seedFile], {
  usage: "node bench/lint/lint.bench.mjs [--docs 3000] [--runs 5]",
  build: "pnpm --filter @truecopy/core build && pnpm --filter @truecopy/cli build",
});
const docs = numberArg("--docs", 3000);
const runs = numberArg("--runs", 5);
const GOAL = 5000;
const LENGTH = 200;

const core = await import(pathToFileURL(coreFile).href);
// The wording half of lint() on its own (packs, paraphrase model, quality checks; no grounding), to
// show where the time goes. Internal modules of the built package, imported by path.
const dist = (f) => import(pathToFileURL(join(coreDir, "dist/lint", f)).href);
const { createLintContext } = await dist("lint-context.js");
const { runPack } = await dist("rule-engine.js");
const { compiledPackFor } = await dist("rule-packs.js");
const { paraphraseFindings } = await dist("superlative-classifier.js");
const { qualityFindings } = await dist("quality-checks.js");
const { scaledCatalog } = await import(pathToFileURL(seedFile).href);
const requireFromCore = createRequire(join(coreDir, "package.json"));
const { Jieba } = requireFromCore("@node-rs/jieba");
const { dict } = requireFromCore("@node-rs/jieba/dict");

// A product's title and description, continued with the next same-language product's description
// when shorter than 200 characters, then cut at 200 (code points).
const rows = scaledCatalog(docs, 3);
const localeOf = (r) => (/\p{Script=Han}/u.test(r.title) ? "zh" : "en");
const inputs = rows.map((r, i) => {
  const locale = localeOf(r);
  let text = `${r.title}${locale === "zh" ? "。" : ". "}${r.description ?? ""}`;
  for (let k = i + 1; [...text].length < LENGTH && k < i + rows.length; k++) {
    const next = rows[k % rows.length];
    if (localeOf(next) === locale) text += `${locale === "zh" ? "" : " "}${next.description ?? ""}`;
  }
  return { text: [...text].slice(0, LENGTH).join(""), locale, attributes: r.attributes ?? {} };
});
const chars = inputs.reduce((a, t) => a + t.text.length, 0);
console.error(
  `lint bench: ${inputs.length} texts, ${(chars / inputs.length).toFixed(0)} characters on average, ${runs} runs, one core`,
);
const jieba = Jieba.withDict(dict);

function lintAll() {
  const verdicts = { pass: 0, review: 0, block: 0 };
  let findings = 0;
  for (const input of inputs) {
    const r = core.lint(input);
    verdicts[r.verdict]++;
    findings += r.findings.length;
  }
  return { verdicts, findings };
}
function wordingAll() {
  let findings = 0;
  for (const { text, locale, attributes } of inputs) {
    const ctx = createLintContext({ text, locale, attributes });
    const f = runPack(compiledPackFor(locale), ctx);
    findings += f.length + paraphraseFindings(ctx, f).length + qualityFindings(ctx).length;
  }
  return { findings };
}
function segment() {
  let words = 0;
  for (const { text } of inputs) words += jieba.cut(text, true).length;
  return { words };
}
const timed = (fn) => {
  const started = process.hrtime.bigint();
  const out = fn();
  return { out, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
};

// Warm-up (JIT, pack compilation, the analysis' jieba instance) and a check that lint did its job:
// the demo catalog seeds problems into about a third of its products.
const check = lintAll();
segment();
if (check.verdicts.block + check.verdicts.review === 0 || check.verdicts.pass === 0) {
  console.error(`lint found nothing, or nothing clean: ${JSON.stringify(check)}`);
  process.exit(1);
}

wordingAll();
const rates = { lint: [], wording: [], baseline: [] };
const measure = { lint: lintAll, wording: wordingAll, baseline: segment };
for (let r = 0; r < runs; r++) {
  const order = r % 2 === 0 ? ["lint", "wording", "baseline"] : ["baseline", "wording", "lint"];
  for (const which of order) {
    const { seconds } = timed(measure[which]);
    rates[which].push(inputs.length / seconds);
  }
  console.error(
    `run ${r + 1}: lint ${rates.lint.at(-1).toFixed(0)} texts/s (wording alone ${rates.wording.at(-1).toFixed(0)}), jieba cut ${rates.baseline.at(-1).toFixed(0)} texts/s`,
  );
}
const a = median(rates.lint);
const b = median(rates.baseline);
const w = median(rates.wording);
console.log(`per run: ${JSON.stringify(check)} (verdicts and findings over ${inputs.length} texts)`);
console.log(
  `wording alone (packs, paraphrase model, quality; no grounding): ${w.toFixed(0)} descriptions/s = ${(w / b).toFixed(2)}x jieba cut; grounding and merging take the rest: ${((1 / a - 1 / w) * 1e6).toFixed(0)} µs of ${(1e6 / a).toFixed(0)} µs per text`,
);
console.log(
  `lint: ${a.toFixed(0)} descriptions/s via lint() vs ${b.toFixed(0)} descriptions/s jieba cut alone = ${(a / b).toFixed(2)}x (goal >= ${GOAL} descriptions/s: ${a >= GOAL ? "met" : "missed"})`,
);
