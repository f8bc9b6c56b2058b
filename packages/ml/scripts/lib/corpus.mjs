// Loads the shared research data sets at training/evaluation time (never copied into the repo) and
// splits each one deterministically into a training part and a held-out evaluation part, so the
// model card's numbers are measured on text the model never saw.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { hashString } from "@truecopy/core";
import { parseCsv } from "./csv.mjs";

export const DEFAULT_DATA_DIR = process.env.TRUECOPY_DATA_DIR ?? "/work/shared/data";

export const SOURCES = {
  reviews: "online_shopping_10_cats/reviews_sample.csv",
  advertisegen: "advertisegen/dev_sample.jsonl",
  abtBuy: "em_abt_buy/pairs_train_valid.csv",
  amazonGoogle: "em_amazon_google/pairs_train_valid.csv",
};

// One in five items (by a hash of its text, so the split does not depend on file order) is held out.
const isHeldOut = (key) => hashString(key, 7) % 5 === 0;

const read = (dataDir, rel) => readFileSync(join(dataDir, rel), "utf8");

export function loadReviews(dataDir = DEFAULT_DATA_DIR) {
  const rows = parseCsv(read(dataDir, SOURCES.reviews)).filter((r) => r.review.trim() !== "");
  return rows.map((r) => ({ text: r.review, category: r.cat, heldOut: isHeldOut(r.review) }));
}

export function loadAdvertiseGen(dataDir = DEFAULT_DATA_DIR) {
  const groups = new Map();
  for (const line of read(dataDir, SOURCES.advertisegen).split("\n")) {
    if (line.trim() === "") continue;
    const { content, summary } = JSON.parse(line);
    const g = groups.get(content) ?? { content, summaries: [], heldOut: isHeldOut(content) };
    g.summaries.push(summary);
    groups.set(content, g);
  }
  return [...groups.values()];
}

function loadPairs(dataDir, rel, recordText) {
  return parseCsv(read(dataDir, rel)).map((r) => ({
    split: r.split,
    left: recordText(r, "left"),
    right: recordText(r, "right"),
    label: Number(r.label),
  }));
}

export function loadAbtBuy(dataDir = DEFAULT_DATA_DIR) {
  return loadPairs(dataDir, SOURCES.abtBuy, (r, side) =>
    [r[`${side}_name`], r[`${side}_description`]].filter(Boolean).join(" "),
  );
}

export function loadAmazonGoogle(dataDir = DEFAULT_DATA_DIR) {
  return loadPairs(dataDir, SOURCES.amazonGoogle, (r, side) =>
    [r[`${side}_title`], r[`${side}_manufacturer`]].filter(Boolean).join(" "),
  );
}

/**
 * Training documents: held-out reviews and ad groups are left out, and so is every product
 * record that appears in a `valid` entity-matching pair (records recur across the benchmark's
 * splits; dropping them keeps the valid pairs unseen).
 */
export function loadTrainingDocuments(dataDir = DEFAULT_DATA_DIR) {
  const docs = [];
  for (const r of loadReviews(dataDir)) if (!r.heldOut) docs.push(r.text);
  for (const g of loadAdvertiseGen(dataDir)) {
    if (g.heldOut) continue;
    for (const s of g.summaries) docs.push(`${g.content} ${s}`);
  }
  for (const pairs of [loadAbtBuy(dataDir), loadAmazonGoogle(dataDir)]) {
    const validRecords = new Set(pairs.filter((p) => p.split === "valid").flatMap((p) => [p.left, p.right]));
    const seen = new Set();
    for (const p of pairs) {
      if (p.split !== "train") continue;
      for (const t of [p.left, p.right]) {
        if (t === "" || validRecords.has(t) || seen.has(t)) continue;
        seen.add(t);
        docs.push(t);
      }
    }
  }
  return docs;
}
