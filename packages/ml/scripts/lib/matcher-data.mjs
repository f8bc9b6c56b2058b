// The shared entity-matching pairs (Abt-Buy, Amazon-Google; see their SOURCE.md) as listing pairs in
// the shape of the `truecopy match` contract: {name, description, price} on each side. Amazon-Google
// has a manufacturer instead of a description: it goes in the description, as a shop would write it.
// Read at training/evaluation time only; no rows are copied into the repository.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv } from "./csv.mjs";

export const SHARED_DATA = process.env.TRUECOPY_SHARED_DATA ?? "/work/shared/data";

export const MATCHER_DATASETS = {
  "abt-buy": { dir: "em_abt_buy", name: "name", description: "description" },
  "amazon-google": { dir: "em_amazon_google", name: "title", description: "manufacturer" },
};

const price = (s) => {
  const v = Number.parseFloat(String(s ?? "").replace(/[^\d.]/g, ""));
  return Number.isFinite(v) && v > 0 ? v : null;
};

/** Every pair of a data set: {dataset, split, left, right, label}. */
export function loadMatcherPairs(dataset, file = "pairs_train_valid.csv") {
  const spec = MATCHER_DATASETS[dataset];
  const path = join(SHARED_DATA, spec.dir, file);
  if (!existsSync(path)) throw new Error(`missing ${path} (set TRUECOPY_SHARED_DATA)`);
  return parseCsv(readFileSync(path, "utf8")).map((r) => ({
    dataset,
    split: r.split,
    left: {
      name: r[`left_${spec.name}`] ?? "",
      description: r[`left_${spec.description}`] || null,
      price: price(r.left_price),
    },
    right: {
      name: r[`right_${spec.name}`] ?? "",
      description: r[`right_${spec.description}`] || null,
      price: price(r.right_price),
    },
    label: Number(r.label) === 1 ? 1 : 0,
  }));
}
