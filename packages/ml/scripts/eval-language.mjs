#!/usr/bin/env node
// Language detection accuracy: core's `detectLanguage` with the fastText lid.176 identifier
// (production), the same without the all-Han fast path, fastText's top label alone, and the old
// script-ratio heuristic alone, on:
//   zh     — every review of the online_shopping_10_cats sample (Chinese by construction);
//   en     — the distinct product descriptions of the Abt-Buy entity-matching pairs (English);
//   zh+brand — a zh review followed by one or two Latin words of an Abt-Buy product name (still zh);
//   mixed  — a zh review clause joined with an English description fragment of about as many
//            words (a Chinese word ≈ 1.5 characters), i.e. both languages substantial;
//   other  — sentences in fr, de, es, it, pt, nl, ja, ko, ru written for the project
//            (lib/language-samples.mjs), where "en" or "zh" would be wrong.
//
//   pnpm --filter @truecopy/core build && pnpm --filter @truecopy/ml build
//   node packages/ml/scripts/eval-language.mjs [--errors N] [--json]
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { loadBuiltMl } from "./lib/built-ml.mjs";
import { parseCsv } from "./lib/csv.mjs";
import { OTHER_LANGUAGE_SAMPLES } from "./lib/language-samples.mjs";
import { DEFAULT_DATA_DIR, REVIEWS_FILE } from "./lib/sentiment-data.mjs";

const ml = await loadBuiltMl();
const core = await import(pathToFileURL(createRequire(import.meta.url).resolve("@truecopy/core")).href);
const args = process.argv.slice(2);
const showErrors = Number(args[args.indexOf("--errors") + 1] ?? 0) || 0;

const reviews = parseCsv(readFileSync(join(DEFAULT_DATA_DIR, REVIEWS_FILE), "utf8"))
  .map((r) => r.review.trim())
  .filter(Boolean);
const pairs = parseCsv(readFileSync(join(DEFAULT_DATA_DIR, "em_abt_buy/pairs_train_valid.csv"), "utf8"));
const descriptions = [
  ...new Set(pairs.flatMap((p) => [p.left_description, p.right_description]).map((d) => d.trim())),
].filter((d) => d.split(/\s+/u).length >= 3);
const names = [...new Set(pairs.flatMap((p) => [p.left_name, p.right_name]))].filter(Boolean);

// Deterministic picks (no Math.random): the i-th item with a stride coprime to the list length.
const nth = (list, i, stride = 7919) => list[(i * stride) % list.length];
const hanCount = (s) => [...s].filter((c) => /\p{Script=Han}/u.test(c)).length;

const zhBrand = reviews.slice(0, 1000).map(
  (r, i) =>
    `${r} ${nth(names, i)
      .split(/\s+/u)
      .slice(0, 1 + (i % 2))
      .join(" ")}`,
);
const mixed = [];
for (let i = 0; mixed.length < 500 && i < reviews.length; i++) {
  const clause = reviews[i].split(/[，。！？,.!?\n]/u).find((c) => hanCount(c) >= 6 && hanCount(c) <= 30);
  if (!clause) continue;
  const words = Math.max(3, Math.round(hanCount(clause) / 1.5));
  const en = nth(descriptions, i).split(/\s+/u).slice(0, words).join(" ");
  mixed.push(i % 2 ? `${clause} ${en}` : `${en} ${clause}`);
}

const sets = {
  zh: reviews.map((text) => ({ text, gold: "zh" })),
  en: descriptions.map((text) => ({ text, gold: "en" })),
  "zh+brand": zhBrand.map((text) => ({ text, gold: "zh" })),
  mixed: mixed.map((text) => ({ text, gold: "mixed" })),
  other: OTHER_LANGUAGE_SAMPLES.map(([code, text]) => ({ text, gold: "other", code })),
};

const identify = await ml.loadLanguageIdentifier();
const CHINESE = new Set(["zh", "yue", "wuu", "nan", "lzh", "gan", "hak"]);
const strategies = {
  "production (fastText; Han text without kana/hangul skips it)": (t) => core.detectLanguage(t, { identify }),
  "fastText for every zh- or en-dominant text (no fast path)": (t) =>
    core.detectLanguage(t, { identify, fastPath: false }),
  "fastText top label alone": (t) => {
    const top = identify(t)[0]?.code;
    return top === "en" ? "en" : CHINESE.has(top) ? "zh" : "other";
  },
  "script-ratio heuristic alone (before)": (t) => core.detectLanguage(t),
};

const result = { sets: Object.fromEntries(Object.entries(sets).map(([k, v]) => [k, v.length])), strategies: {} };
for (const [name, fn] of Object.entries(strategies)) {
  const per = {};
  let correct = 0;
  let n = 0;
  const errors = [];
  for (const [set, items] of Object.entries(sets)) {
    let ok = 0;
    for (const item of items) {
      const got = fn(item.text);
      if (got === item.gold) ok++;
      else if (errors.length < showErrors)
        errors.push(`[${set}] gold ${item.gold}, got ${got}: ${item.text.slice(0, 90)}`);
    }
    per[set] = ok / items.length;
    correct += ok;
    n += items.length;
  }
  // Macro average: each set counts the same, however many texts it has.
  const macro = Object.values(per).reduce((a, b) => a + b, 0) / Object.keys(per).length;
  result.strategies[name] = { perSet: per, micro: correct / n, macro, ...(showErrors ? { errors } : {}) };
}

// Does the fast path agree with the identifier where it skips it (all-Han texts)?
const all = Object.values(sets).flat();
const allHan = all.filter((x) => /\p{Script=Han}/u.test(x.text) && !/[\p{L}--\p{Script=Han}]/v.test(x.text));
const fastAgree = allHan.filter((x) => core.detectLanguage(x.text, { identify, fastPath: false }) === "zh").length;
// Would an "ASCII letters only → en" fast path agree with the identifier?
const ascii = all.filter((x) => /\p{L}/u.test(x.text) && !/[^\x00-\x7F]/u.test(x.text));
const asciiAgree = ascii.filter((x) => core.detectLanguage(x.text, { identify }) === "en");
result.fastPath = {
  allHanTexts: allHan.length,
  identifierAgrees: fastAgree / allHan.length,
  asciiTexts: ascii.length,
  asciiIdentifierSaysEn: asciiAgree.length / ascii.length,
  asciiDisagreementsByGold: Object.fromEntries(
    ["en", "other"].map((g) => [g, ascii.filter((x) => x.gold === g && !asciiAgree.includes(x)).length]),
  ),
};

if (args.includes("--json")) console.log(JSON.stringify(result, null, 2));
else {
  const f = (x) => x.toFixed(4);
  const lines = [`language detection; texts per set: ${JSON.stringify(result.sets)}`];
  for (const [name, r] of Object.entries(result.strategies)) {
    lines.push(`${name}: macro ${f(r.macro)}  micro ${f(r.micro)}`);
    lines.push(
      "  " +
        Object.entries(r.perSet)
          .map(([k, v]) => `${k} ${f(v)}`)
          .join("  "),
    );
    for (const e of r.errors ?? []) lines.push(`  ✗ ${e}`);
  }
  const fp = result.fastPath;
  lines.push(
    `all-Han fast path: ${fp.allHanTexts} texts, the identifier also says zh for ${f(fp.identifierAgrees)}`,
    `ASCII-only texts: ${fp.asciiTexts}, production says en for ${f(fp.asciiIdentifierSaysEn)}; ` +
      `not en although gold en: ${fp.asciiDisagreementsByGold.en}, not en and gold other: ${fp.asciiDisagreementsByGold.other}`,
  );
  console.log(lines.join("\n"));
}
