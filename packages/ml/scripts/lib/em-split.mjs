// Entity-level split of the shared entity-matching benchmarks for training and evaluating text
// embeddings on matched pairs. The benchmarks' own train/valid split is by pair, and the same product
// record recurs across it; a model trained on matched pairs would then have seen most "held-out"
// products. Here records are grouped into entities (connected components of the matched pairs, each
// side's record identified by its text) and each entity goes to train, dev or test by a hash of its
// smallest record id, so no record of a test entity is in any training pair or training text.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { hashString } from "@truecopy/core";
import { DEFAULT_DATA_DIR, SOURCES } from "./corpus.mjs";
import { parseCsv } from "./csv.mjs";

export const EM_DATASETS = {
  "abt-buy": {
    file: SOURCES.abtBuy,
    // Same record text as corpus.mjs (name then description), so v1's figures stay comparable.
    text: (r, side) => [r[`${side}_name`], r[`${side}_description`]].filter(Boolean).join(" "),
    title: (r, side) => r[`${side}_name`],
    description: (r, side) => r[`${side}_description`],
  },
  "amazon-google": {
    file: SOURCES.amazonGoogle,
    text: (r, side) => [r[`${side}_title`], r[`${side}_manufacturer`]].filter(Boolean).join(" "),
    title: (r, side) => r[`${side}_title`],
    description: () => "",
  },
};

// Of ten hash buckets: two test, one dev (model selection), seven train.
const SPLIT_SALT = 20261128;
export function splitOfEntity(entityKey) {
  const b = hashString(entityKey, SPLIT_SALT) % 10;
  return b < 2 ? "test" : b < 3 ? "dev" : "train";
}

/**
 * Records, matched pairs and labelled pairs of one benchmark with each record's entity and split.
 * Record ids are `L:`/`R:` + the record text (left and right are different shops).
 */
export function loadEntityMatching(dataset, dataDir = DEFAULT_DATA_DIR) {
  const spec = EM_DATASETS[dataset];
  if (!spec)
    throw new Error(`unknown entity-matching data set ${dataset}; known: ${Object.keys(EM_DATASETS).join(", ")}`);
  const rows = parseCsv(readFileSync(join(dataDir, spec.file), "utf8"));
  const records = new Map();
  const record = (r, side) => {
    const text = spec.text(r, side);
    const id = `${side === "left" ? "L" : "R"}:${text}`;
    if (!records.has(id))
      records.set(id, {
        id,
        side,
        text,
        title: spec.title(r, side) ?? "",
        description: spec.description(r, side) ?? "",
      });
    return id;
  };
  const pairs = rows
    .map((r) => ({ left: record(r, "left"), right: record(r, "right"), label: Number(r.label) }))
    .filter((p) => records.get(p.left).text !== "" && records.get(p.right).text !== "");

  // Union-find over matched pairs: an entity is every record linked by "same product" labels.
  const parent = new Map([...records.keys()].map((id) => [id, id]));
  const find = (x) => {
    while (parent.get(x) !== x) {
      parent.set(x, parent.get(parent.get(x)));
      x = parent.get(x);
    }
    return x;
  };
  for (const p of pairs) {
    if (p.label !== 1) continue;
    const [a, b] = [find(p.left), find(p.right)];
    if (a !== b) parent.set(a < b ? b : a, a < b ? a : b);
  }
  for (const r of records.values()) {
    r.entity = find(r.id);
    r.split = splitOfEntity(r.entity);
  }
  return { dataset, records, pairs };
}

/** Matched pairs whose records are all in `split` (a matched pair never straddles two splits). */
export function matchedPairs(em, split) {
  return em.pairs.filter((p) => p.label === 1 && em.records.get(p.left).split === split);
}

/**
 * The retrieval task of one split: every left record of the split that has a matched right record
 * in it is a query; the candidates are all right records of the split (matches and distractors) and
 * of the `distractorSplits` (harder: more same-shop offers to rank below the match).
 */
export function retrievalTask(em, split, distractorSplits = []) {
  const pool = new Set([split, ...distractorSplits]);
  const right = [...em.records.values()].filter((r) => r.side === "right" && pool.has(r.split));
  const index = new Map(right.map((r, i) => [r.id, i]));
  const matches = new Map();
  for (const p of matchedPairs(em, split)) {
    const m = matches.get(p.left) ?? new Set();
    m.add(index.get(p.right));
    matches.set(p.left, m);
  }
  const queries = [...matches.keys()].sort().map((id) => ({ text: em.records.get(id).text, matches: matches.get(id) }));
  return { queries, candidates: right.map((r) => r.text) };
}

/**
 * recall@k (a true match among the k most similar candidates) and MRR (of the best-ranked true match)
 * of a retrieval task, from unit vectors. Ties rank against the query (pessimistic).
 */
export function retrievalMetrics(queryVecs, candidateVecs, task, ks = [1, 5, 10]) {
  const dim = candidateVecs[0]?.length ?? 0;
  const hits = new Map(ks.map((k) => [k, 0]));
  let rr = 0;
  task.queries.forEach((q, i) => {
    const v = queryVecs[i];
    const scores = candidateVecs.map((c) => {
      let s = 0;
      for (let j = 0; j < dim; j++) s += v[j] * c[j];
      return s;
    });
    let best = -Infinity;
    for (const m of q.matches) best = Math.max(best, scores[m]);
    let rank = 1;
    for (let j = 0; j < scores.length; j++) if (!q.matches.has(j) && scores[j] >= best) rank++;
    for (const k of ks) if (rank <= k) hits.set(k, hits.get(k) + 1);
    rr += 1 / rank;
  });
  const n = task.queries.length;
  return {
    queries: n,
    candidates: candidateVecs.length,
    ...Object.fromEntries(ks.map((k) => [`recallAt${k}`, hits.get(k) / n])),
    mrr: rr / n,
  };
}

/** ROC-AUC inputs on the labelled pairs whose two records are both in `split`. */
export function labelledPairs(em, split) {
  return em.pairs
    .filter((p) => em.records.get(p.left).split === split && em.records.get(p.right).split === split)
    .map((p) => ({ left: em.records.get(p.left).text, right: em.records.get(p.right).text, label: p.label }));
}
