#!/usr/bin/env node
// Mines `generator-v1` — the content planner's statistics and the surface realiser's phrase
// templates — from the mining part of the shared AdvertiseGen sample (attribute string → ad copy;
// the evaluation part, 1 in 5 inputs by hash, is never read here). What is learned:
//
// - planner: per category (类型) and per slot class, where in the copy an attribute is mentioned
//   (mean relative clause position): the order a description walks through the attributes;
// - templates: single clauses around one attribute value, the value replaced by a slot
//   ("采用{}面料"), kept only when nothing else in the clause is a fact (lib/generator-mining.mjs)
//   and `lint()` finds nothing in it; a template may take other values of its class only when
//   every other word of it was also seen with ≥ 3 different values of that class, else only the
//   values it was seen with;
// - connectives: fact-free clauses that follow a clause about a class ("吸睛同时"), and fillers;
// - each phrase's typicality (how many references share its character n-grams) for the ranking.
//
// The references are never stored: only clause skeletons (≤ 24 characters, one slot), counts and
// scores. Writes packages/core/src/generation/models/generator-v1.json; deterministic.
//
//   pnpm --filter @truecopy/core build && node packages/ml/scripts/train-generator.mjs [--out FILE]
//     [--hold-out-fold 1..4]  also leave out one fold of the mining part (cross-validation; needs --out)
//
// Model card: docs/models/generator-v1.md.
import { writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { lint, slotClassOf } from "@truecopy/core";
import prettier from "prettier";
import { loadAdvertiseGen } from "./lib/advertisegen.mjs";
import { jiebaWords } from "./lib/generation-metrics.mjs";
import {
  BODY_EFFECT,
  clauses,
  findValues,
  INCOMPLETE,
  miningRejections,
  PROPERTY,
  USE_CLAIM,
  valueStems,
} from "./lib/generator-mining.mjs";

export const GENERATOR_V1 = {
  name: "generator-v1",
  version: "1.1.0",
  /** A template's other words must each have been seen with this many values of its class to take any value. */
  portability: 3,
  /** A word fewer references use is a detail of one product, not language. */
  minWordReferences: 3,
  /** Connectives and fillers: clauses seen at least this often, or made only of words this many references use. */
  minClauseCount: 2,
  commonWordReferences: 8,
  maxTemplateChars: 24,
  /** Character n-grams kept for the expected-BLEU choice: shared by at least this many references. */
  minGramReferences: 3,
  /** Values with at least this many references get n-gram statistics of their own. */
  minValueReferences: 6,
  /** Ranking: score = count·log(1+n) + typicality·20 (+ exact when the value was seen, + opening). */
  weights: { count: 3, typicality: 1, exact: 2, opening: 4 },
};

const here = dirname(fileURLToPath(import.meta.url));
const outIndex = process.argv.indexOf("--out");
const out =
  outIndex >= 0
    ? resolve(process.argv[outIndex + 1])
    : join(here, "../../core/src/generation/models/generator-v1.json");
const holdOutIndex = process.argv.indexOf("--hold-out-fold");
const heldOutFold = holdOutIndex >= 0 ? Number(process.argv[holdOutIndex + 1]) : null;
if (heldOutFold !== null && (![1, 2, 3, 4].includes(heldOutFold) || outIndex < 0)) {
  console.error("--hold-out-fold takes a mining fold 1..4 and needs --out (the shipped model is mined from all four)");
  process.exit(2);
}

// Keys that say the same thing for different garments share a class (the rule lives in core, so a
// key the mining data never had finds its class at generation time too).
const classOf = slotClassOf;

const { rows, sha256 } = loadAdvertiseGen();
const mining = rows.filter((r) => !r.evaluation && r.fold !== heldOutFold);
const N = mining.length;
console.error(
  `mining ${N} of ${rows.length} rows (${rows.length - N} held out for evaluation${heldOutFold ? ` and fold ${heldOutFold} for cross-validation` : ""})`,
);

// Vocabulary: every value of every key (the facts a phrase must not state unless it is the slot).
const valuesByKey = new Map();
for (const r of mining)
  for (const { key, value } of r.attributes) {
    if (!valuesByKey.has(key)) valuesByKey.set(key, new Set());
    valuesByKey.get(key).add(value);
  }
const allValues = [...new Set([...valuesByKey.values()].flatMap((s) => [...s]))].sort();
const stems = valueStems(allValues);

// How many references use a word, and how typical a phrase's characters are.
const wordRefs = new Map();
const gramRefs = new Map();
// The same per category (类型): what 裤 copy shares is not what 裙 copy shares.
const gramRefsByCategory = new Map();
const rowsByCategory = new Map();
for (const r of mining) {
  for (const w of new Set(jiebaWords(r.summary))) wordRefs.set(w, (wordRefs.get(w) ?? 0) + 1);
  const seen = new Set();
  for (let n = 2; n <= 4; n++) for (let i = 0; i + n <= r.summary.length; i++) seen.add(r.summary.slice(i, i + n));
  for (const g of seen) gramRefs.set(g, (gramRefs.get(g) ?? 0) + 1);
  const cat = r.attributes.find((a) => a.key === "类型")?.value ?? "";
  if (!gramRefsByCategory.has(cat)) gramRefsByCategory.set(cat, new Map());
  rowsByCategory.set(cat, (rowsByCategory.get(cat) ?? 0) + 1);
  const byCat = gramRefsByCategory.get(cat);
  for (const g of seen) byCat.set(g, (byCat.get(g) ?? 0) + 1);
}
function categoryTypicality(s, cat) {
  const refs = gramRefsByCategory.get(cat);
  const n = rowsByCategory.get(cat);
  let sum = 0;
  let k = 0;
  for (let len = 2; len <= 4; len++)
    for (let i = 0; i + len <= s.length; i++) {
      sum += (refs.get(s.slice(i, i + len)) ?? 0) / n;
      k++;
    }
  return k ? sum / k : 0;
}
function typicality(s) {
  let sum = 0;
  let n = 0;
  for (let k = 2; k <= 4; k++)
    for (let i = 0; i + k <= s.length; i++) {
      sum += (gramRefs.get(s.slice(i, i + k)) ?? 0) / N;
      n++;
    }
  return n ? sum / n : 0;
}
const isHan = (w) => /[\u4e00-\u9fff]/.test(w);
const rare = (words) => words.some((w) => isHan(w) && (wordRefs.get(w) ?? 0) < GENERATOR_V1.minWordReferences);

// Pass 1: each clause with its slots (input values on word boundaries), and which words each
// class's values were seen with.
const cooccurring = new Map(); // class → word → values
const analysed = [];
for (const r of mining) {
  const attrs = r.attributes.map((a) => ({ ...a, cls: classOf(a.key) }));
  const values = new Set(attrs.map((a) => a.value));
  const items = clauses(r.summary).map((text, ci, all) => {
    const words = jiebaWords(text);
    const bounds = new Set([0]);
    let o = 0;
    for (const w of words) bounds.add((o += w.length));
    const own = findValues(text, values).filter((x) => bounds.has(x.start) && bounds.has(x.end));
    let rest = text;
    for (const x of [...own].reverse()) rest = rest.slice(0, x.start) + "\u0000" + rest.slice(x.end);
    const slots = own.map((x) => {
      const of = attrs.filter((a) => a.value === x.value);
      return { value: x.value, keys: of.map((a) => a.key), classes: [...new Set(of.map((a) => a.cls))] };
    });
    const restWords = jiebaWords(rest.replace(/\u0000/g, "，")).filter(isHan);
    for (const s of slots)
      for (const cls of s.classes) {
        if (!cooccurring.has(cls)) cooccurring.set(cls, new Map());
        const m = cooccurring.get(cls);
        for (const w of restWords) {
          if (!m.has(w)) m.set(w, new Set());
          m.get(w).add(s.value);
        }
      }
    const rejections = miningRejections(rest, {
      slotKeys: slots.flatMap((s) => s.keys),
      slotValues: slots.map((s) => s.value),
      values: allValues,
      stems,
    });
    if (rare(restWords)) rejections.push("rare");
    return { ci, n: all.length, text, rest, slots, restWords, rejections };
  });
  analysed.push({ row: r, attrs, items });
}

// Pass 2: templates, connectives, fillers, planner positions.
const templates = new Map();
const connectives = new Map(); // class → clause → count
const fillers = new Map();
const positions = new Map(); // category → key → [sum, n]
const classPositions = new Map();
const rejected = {};
for (const { attrs, items } of analysed) {
  const category = attrs.find((a) => a.key === "类型")?.value ?? "";
  const firstAt = new Map();
  let previous = null;
  for (const it of items) {
    for (const s of it.slots) for (const k of s.keys) if (!firstAt.has(k)) firstAt.set(k, it.ci / it.n);
    for (const r of it.rejections) rejected[r] = (rejected[r] ?? 0) + 1;
    if (it.rejections.length) {
      previous = null;
      continue;
    }
    if (!it.slots.length) {
      if (!PROPERTY.test(it.rest) && !INCOMPLETE.test(it.rest) && it.rest.length >= 3) {
        fillers.set(it.rest, (fillers.get(it.rest) ?? 0) + 1);
        for (const cls of previous ?? []) {
          if (!connectives.has(cls)) connectives.set(cls, new Map());
          const m = connectives.get(cls);
          m.set(it.rest, (m.get(it.rest) ?? 0) + 1);
        }
      }
      previous = null;
      continue;
    }
    previous = it.slots.flatMap((s) => s.classes);
    if (it.slots.length !== 1 || INCOMPLETE.test(it.rest.replace("\u0000", "值"))) continue;
    if (it.rest.length - 1 > GENERATOR_V1.maxTemplateChars) continue;
    const s = it.slots[0];
    for (const cls of s.classes) {
      // A material's properties (透气, 柔软) stay with that material; for any other class they are claims.
      if (PROPERTY.test(it.rest) && cls !== "材质") continue;
      const id = `${cls}|${it.rest}`;
      if (!templates.has(id))
        templates.set(id, { cls, rest: it.rest, words: it.restWords, values: new Set(), count: 0, opening: 0, attrs });
      const t = templates.get(id);
      t.values.add(s.value);
      t.count++;
      if (it.ci === 0) t.opening++;
    }
  }
  if (!positions.has(category)) positions.set(category, new Map());
  for (const a of attrs) {
    const at = firstAt.get(a.key) ?? 0.7;
    const byKey = positions.get(category);
    const e = byKey.get(a.key) ?? [0, 0];
    byKey.set(a.key, [e[0] + at, e[1] + 1]);
    const c = classPositions.get(a.cls) ?? [0, 0];
    classPositions.set(a.cls, [c[0] + at, c[1] + 1]);
  }
}
const allClauses = analysed.reduce((n, a) => n + a.items.length, 0);
const rejectedClauses = analysed.reduce((n, a) => n + a.items.filter((it) => it.rejections.length).length, 0);
console.error(`clauses ${allClauses}, rejected ${rejectedClauses}, by reason: ${JSON.stringify(rejected)}`);

// The linter has the last word on wording: a phrase it flags (独一无二, 最…, an unsupported claim)
// is not kept. Subjective praise (时尚, 优雅) is INFO for the linter and stays.
const offending = (text, attributes) => {
  const r = lint({ text, locale: "zh", attributes });
  return (
    r.findings.some((f) => f.severity !== "INFO") ||
    r.claims.some((c) => c.status !== "SUPPORTED" && c.kind !== "subjective")
  );
};
const W = GENERATOR_V1.weights;
const score = (count, text) => +(W.count * Math.log(1 + count) + W.typicality * 20 * typicality(text)).toFixed(4);
let lintDropped = 0;
const templateList = [];
for (const t of templates.values()) {
  const [l, r] = t.rest.split("\u0000");
  const sample = [...t.values].sort()[0];
  const attributes = Object.fromEntries(t.attrs.map((a) => [a.key, a.value]));
  if (offending(l + sample + r, attributes)) {
    lintDropped++;
    continue;
  }
  const portable =
    !PROPERTY.test(t.rest) &&
    t.words.every((w) => (cooccurring.get(t.cls)?.get(w)?.size ?? 0) >= GENERATOR_V1.portability);
  templateList.push({
    c: t.cls,
    l,
    r,
    // Portable templates take any value of the class; the others only the values they were seen with.
    p: portable ? 1 : 0,
    v: [...t.values].sort(),
    s: score(t.count, l + "值" + r),
    o: t.opening,
  });
}
templateList.sort((a, b) => (a.c < b.c ? -1 : a.c > b.c ? 1 : b.s - a.s || (a.l + a.r < b.l + b.r ? -1 : 1)));

// Connectives and fillers cite nothing: no body effect (修饰身形, 显高) or use (方便穿脱) in them.
const keepClause = (text) => !BODY_EFFECT.test(text) && !USE_CLAIM.test(text) && !offending(text, {});
// A clause seen once is still language when every word of it is common.
const frequentOrCommon = (t, n) =>
  n >= GENERATOR_V1.minClauseCount ||
  jiebaWords(t).every((w) => !isHan(w) || (wordRefs.get(w) ?? 0) >= GENERATOR_V1.commonWordReferences);
// Clauses without facts are ranked by how typical their characters are: what a reference shares.
const clauseScore = (t) => +(W.typicality * 20 * typicality(t)).toFixed(4);
const connectiveTable = {};
for (const cls of [...connectives.keys()].sort()) {
  const list = [...connectives.get(cls)]
    .filter(([t, n]) => frequentOrCommon(t, n) && keepClause(t))
    .map(([t]) => ({ t, s: clauseScore(t) }))
    .sort((a, b) => b.s - a.s || (a.t < b.t ? -1 : 1));
  if (list.length) connectiveTable[cls] = list;
}
// Fillers close a description that is still short; none may point at a garment part.
const fillerList = [...fillers]
  .filter(([t, n]) => frequentOrCommon(t, n) && !/脸型|手臂|颈|脖|锁骨|腰|袖|领|腿/.test(t) && keepClause(t))
  .map(([t]) => ({ t, s: clauseScore(t) }))
  .sort((a, b) => b.s - a.s || (a.t < b.t ? -1 : 1));

/** Fillers ranked per category: the best few for copy of that kind. */
const FILLERS_PER_CATEGORY = 150;
const fillersByCategory = {};
for (const cat of [...rowsByCategory.keys()].filter(Boolean).sort())
  fillersByCategory[cat] = fillerList
    .map((f) => ({ t: f.t, s: +(W.typicality * 20 * categoryTypicality(f.t, cat)).toFixed(4) }))
    .sort((a, b) => b.s - a.s || (a.t < b.t ? -1 : 1))
    .slice(0, FILLERS_PER_CATEGORY);

const round = (x) => +x.toFixed(3);
const byCategory = {};
for (const cat of [...positions.keys()].sort())
  byCategory[cat] = Object.fromEntries(
    [...positions.get(cat)].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, [sum, n]]) => [k, round(sum / n)]),
  );
const byClass = Object.fromEntries(
  [...classPositions].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, [sum, n]]) => [k, round(sum / n)]),
);
const classes = Object.fromEntries([...valuesByKey.keys()].sort().map((k) => [k, classOf(k)]));
const values = Object.fromEntries(
  [...valuesByKey].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, s]) => [k, [...s].sort()]),
);

// The references' character n-grams (1–4), for choosing among realisations the one a reference
// most likely shares (expected BLEU, `select.ts` in core): the share of references containing each
// n-gram, all and per category, and how often it recurs within one. Only n-grams at least
// `minGramReferences` references share are kept — language, not a detail of one product.
const gramStats = (refs) => {
  const df = new Map();
  const occ = new Map();
  for (const r of refs) {
    const chars = [...r.summary];
    const seen = new Set();
    for (let n = 1; n <= 4; n++)
      for (let i = 0; i + n <= chars.length; i++) {
        const g = chars.slice(i, i + n).join("");
        occ.set(g, (occ.get(g) ?? 0) + 1);
        seen.add(g);
      }
    for (const g of seen) df.set(g, (df.get(g) ?? 0) + 1);
  }
  const kept = [...df]
    .filter(([g, c]) => c >= GENERATOR_V1.minGramReferences && !/[|\s]/.test(g))
    .sort(([a], [b]) => (a < b ? -1 : 1));
  // Grouped by count, each group one `|`-separated string: compact, and the formatter leaves it be.
  const grouped = (entries) => {
    const out = {};
    for (const [g, c] of entries) out[c] = out[c] ? `${out[c]}|${g}` : g;
    return out;
  };
  return {
    n: refs.length,
    df: grouped(kept),
    // Occurrences beyond the first per reference (only where there are any): a repeated n-gram
    // earns a second match only as often as references repeat it.
    repeats: grouped(kept.filter(([g, c]) => occ.get(g) > c).map(([g, c]) => [g, occ.get(g) - c])),
  };
};
// What references of inputs with a given value say more often than references in general (印花 →
// 印花图案, 精美的印花): per value that at least `minValueReferences` references have, the n-grams
// at least `minGramReferences` of them share and at least twice as often as all references do.
const byValue = {};
{
  const all = new Map();
  for (const r of mining) {
    const chars = [...r.summary];
    const seen = new Set();
    for (let n = 1; n <= 4; n++) for (let i = 0; i + n <= chars.length; i++) seen.add(chars.slice(i, i + n).join(""));
    for (const g of seen) all.set(g, (all.get(g) ?? 0) + 1);
    r.grams = seen;
  }
  const rowsOf = new Map();
  for (const r of mining)
    for (const v of new Set(r.attributes.map((a) => a.value))) rowsOf.set(v, [...(rowsOf.get(v) ?? []), r]);
  for (const v of [...rowsOf.keys()].sort()) {
    const rs = rowsOf.get(v);
    if (rs.length < GENERATOR_V1.minValueReferences) continue;
    const df = new Map();
    for (const r of rs) for (const g of r.grams) df.set(g, (df.get(g) ?? 0) + 1);
    const groups = {};
    for (const [g, c] of [...df].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (c < GENERATOR_V1.minGramReferences || /[|\s]/.test(g)) continue;
      if (c / rs.length < (2 * all.get(g)) / N) continue;
      groups[c] = groups[c] ? `${groups[c]}|${g}` : g;
    }
    byValue[v] = { n: rs.length, df: groups };
  }
  for (const r of mining) delete r.grams;
}
// How often a reference says a value the input gives, verbatim.
let valueMentions = 0;
let valueCount = 0;
for (const r of mining)
  for (const a of r.attributes) {
    valueCount++;
    if (r.summary.includes(a.value)) valueMentions++;
  }
// Reference length against the number of attribute values: a least-squares line and the residuals'
// quantiles (the brevity penalty is expected over them).
const lengthPoints = mining.map((r) => [r.attributes.length, [...r.summary].length]);
const meanX = lengthPoints.reduce((s, [x]) => s + x, 0) / N;
const meanY = lengthPoints.reduce((s, [, y]) => s + y, 0) / N;
const slope =
  lengthPoints.reduce((s, [x, y]) => s + (x - meanX) * (y - meanY), 0) /
  lengthPoints.reduce((s, [x]) => s + (x - meanX) ** 2, 0);
const residuals = lengthPoints.map(([x, y]) => y - meanY - slope * (x - meanX)).sort((a, b) => a - b);
const QUANTILES = 20;
const ngrams = {
  min: GENERATOR_V1.minGramReferences,
  ...gramStats(mining),
  byCategory: Object.fromEntries(
    [...rowsByCategory.keys()]
      .filter(Boolean)
      .sort()
      .map((cat) => [
        cat,
        gramStats(mining.filter((r) => r.attributes.some((a) => a.key === "类型" && a.value === cat))),
      ]),
  ),
  byValue,
  valueShare: round(valueMentions / valueCount),
  length: {
    meanValues: round(meanX),
    mean: round(meanY),
    perValue: round(slope),
    residuals: Array.from({ length: QUANTILES }, (_, i) =>
      Math.round(residuals[Math.floor(((i + 0.5) / QUANTILES) * residuals.length)]),
    ),
  },
};

const model = {
  name: GENERATOR_V1.name,
  version: GENERATOR_V1.version,
  data: {
    dataset: "AdvertiseGen (Shao et al., EMNLP 2019), shared dev sample",
    file: "../shared/data/advertisegen/dev_sample.jsonl",
    sha256,
    miningRows: N,
    evaluationRows: rows.length - N,
    split: "sha256(content)[0] % 5 === 0 → evaluation",
    ...(heldOutFold ? { heldOutFold } : {}),
  },
  weights: W,
  classes,
  values,
  stems,
  planner: { byCategory, byClass },
  templates: templateList,
  connectives: connectiveTable,
  fillers: fillerList,
  fillersByCategory,
  ngrams,
};
const longest = Math.max(...templateList.map((t) => t.l.length + t.r.length), ...fillerList.map((f) => f.t.length));
// Written as the repository's formatter writes it, so `prettier --write` leaves the file as trained.
writeFileSync(
  out,
  await prettier.format(JSON.stringify(model), { ...(await prettier.resolveConfig(out)), filepath: out }),
);
console.error(
  `templates ${templateList.length} (portable ${templateList.filter((t) => t.p).length}, dropped by lint ${lintDropped}), ` +
    `connectives ${Object.values(connectiveTable).reduce((n, l) => n + l.length, 0)} in ${Object.keys(connectiveTable).length} classes, ` +
    `fillers ${fillerList.length}, longest stored phrase ${longest} characters → ${out}`,
);
