// Sentiment training/evaluation data. The shared Chinese reviews are read at run time (never copied
// into the repo); the English lines are the project's own (sentiment-english.mjs). Each set is
// split deterministically: within every stratum (category × label for the reviews, label for the
// English lines) the items are ordered by a seeded hash of their text and the first 20% are held
// out, so the split is stratified, independent of file order, and a duplicated text always falls
// on one side.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { hashString } from "@truecopy/core";
import { parseCsv } from "./csv.mjs";
import { ENGLISH_REVIEWS } from "./sentiment-english.mjs";

export const DEFAULT_DATA_DIR = process.env.TRUECOPY_DATA_DIR ?? "/work/shared/data";
export const REVIEWS_FILE = "online_shopping_10_cats/reviews_sample.csv";
export const HELD_OUT_SHARE = 0.2;
const SPLIT_SEED = 3;
const FOLD_SEED = 5;

function stratifiedSplit(items, stratum) {
  const groups = new Map();
  for (const item of items) {
    const key = stratum(item);
    const g = groups.get(key) ?? [];
    g.push(item);
    groups.set(key, g);
  }
  const train = [];
  const heldOut = [];
  for (const key of [...groups.keys()].sort()) {
    const g = groups
      .get(key)
      .sort((a, b) => hashString(a.text, SPLIT_SEED) - hashString(b.text, SPLIT_SEED) || (a.text < b.text ? -1 : 1));
    const cut = Math.round(g.length * HELD_OUT_SHARE);
    // Identical texts sort together; keep a run of duplicates on the held-out side.
    let end = cut;
    while (end > 0 && end < g.length && g[end].text === g[end - 1].text) end++;
    heldOut.push(...g.slice(0, end));
    train.push(...g.slice(end));
  }
  return { train, heldOut };
}

/** Chinese reviews: `{ text, label (1 positive, 0 negative), category }`, split 80/20. */
export function loadReviewSplit(dataDir = DEFAULT_DATA_DIR) {
  const rows = parseCsv(readFileSync(join(dataDir, REVIEWS_FILE), "utf8"))
    .filter((r) => r.review.trim() !== "" && (r.label === "0" || r.label === "1"))
    .map((r) => ({ text: r.review, label: Number(r.label), category: r.cat }));
  return stratifiedSplit(rows, (r) => `${r.category}\u0000${r.label}`);
}

/** The project's English lines, split 80/20 by label. */
export function loadEnglishSplit() {
  return stratifiedSplit(
    ENGLISH_REVIEWS.map((r) => ({ ...r, category: "en" })),
    (r) => String(r.label),
  );
}

/**
 * Fold index (0…k−1) of each item, stratified like the split: within every stratum the items are
 * ordered by a seeded hash of their text (another seed than the split's) and dealt round-robin, so
 * each fold holds a k-th of every category × label.
 */
export function stratifiedFolds(items, k, stratum = (r) => `${r.category}\u0000${r.label}`) {
  const groups = new Map();
  items.forEach((item, index) => {
    const key = stratum(item);
    const g = groups.get(key) ?? [];
    g.push(index);
    groups.set(key, g);
  });
  const fold = new Int32Array(items.length);
  for (const g of groups.values()) {
    g.sort(
      (a, b) =>
        hashString(items[a].text, FOLD_SEED) - hashString(items[b].text, FOLD_SEED) ||
        (items[a].text < items[b].text ? -1 : 1),
    );
    g.forEach((index, rank) => (fold[index] = rank % k));
  }
  return fold;
}
