// The shared AdvertiseGen sample (../shared/data/advertisegen, research/evaluation use only): rows
// `{content: "类型#裙*版型#显瘦*…", summary}`, parsed into attributes, and split by a hash of the
// attribute string — so the references of one input (some inputs have several) always land on the
// same side — into a mining part (4/5) and an evaluation part (1/5). Read here only; no row of it
// is ever copied into the product.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
export const ADVERTISEGEN_FILE = join(here, "../../../../../shared/data/advertisegen/dev_sample.jsonl");

/** `类型#裙*颜色#白色*颜色#黑色` → [{key, value}], duplicates removed, order kept. */
export function parseContent(content) {
  const out = [];
  for (const part of content.split("*")) {
    const i = part.indexOf("#");
    if (i <= 0) continue;
    const key = part.slice(0, i);
    const value = part.slice(i + 1);
    if (value && !out.some((a) => a.key === key && a.value === value)) out.push({ key, value });
  }
  return out;
}

/** Attributes in the CLI contract's shape: key → value, or a list when a key repeats. */
export function attributeMap(attributes) {
  const map = {};
  for (const { key, value } of attributes) {
    const prev = map[key];
    map[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return map;
}

/**
 * Fold of an attribute string by its sha256: fold 0 (1 in 5) is held out for evaluation, folds 1–4
 * are the mining part (the evaluation's cross-validation holds out one of them at a time).
 */
export const foldOf = (content) => createHash("sha256").update(content).digest()[0] % 5;
export const isEvaluationRow = (content) => foldOf(content) === 0;
/**
 * The evaluation rows' halves, by another byte of the same hash: settings may be tuned while
 * looking at TUNE; CHECK is only ever reported.
 */
export const evaluationHalf = (content) => (createHash("sha256").update(content).digest()[1] % 2 ? "check" : "tune");

export function loadAdvertiseGen(file = ADVERTISEGEN_FILE) {
  const raw = readFileSync(file);
  const rows = raw
    .toString("utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l, index) => {
      const { content, summary } = JSON.parse(l);
      const fold = foldOf(content);
      return {
        index,
        content,
        summary,
        attributes: parseContent(content),
        fold,
        evaluation: fold === 0,
        half: fold === 0 ? evaluationHalf(content) : null,
      };
    });
  return { rows, sha256: createHash("sha256").update(raw).digest("hex") };
}
