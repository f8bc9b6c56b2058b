#!/usr/bin/env node
// Retrieval quality of the text-embedding models through the production embedder
// (onnxruntime-node), side by side, on the test entities of the shared entity-matching benchmarks
// (entity split in lib/em-split.mjs; no test entity is in hashgram-v2's training data):
//
//   pnpm --filter @truecopy/ml build
//   node packages/ml/scripts/eval-embeddings.mjs [model ...] [--json]     (default: hashgram-v1 hashgram-v2)
//
// For each test left record, every right record of the data set's test split is ranked by cosine;
// recall@k counts a true match among the top k, MRR uses the best-ranked true match. Also printed:
// ROC-AUC on the labelled test pairs (both records test entities), v1's ROC-AUC on the benchmark's
// `valid` pairs (the figure of its model card; not comparable for v2, whose training entities
// appear in valid pairs), and the held-out AdvertiseGen and review tasks of eval-hashgram.mjs.
// TRUECOPY_DATA_DIR overrides the data folder.
import { loadBuiltMl } from "./lib/built-ml.mjs";
import { loadAbtBuy, loadAdvertiseGen, loadAmazonGoogle, loadReviews } from "./lib/corpus.mjs";
import { EM_DATASETS, labelledPairs, loadEntityMatching, retrievalMetrics, retrievalTask } from "./lib/em-split.mjs";
import { dot, nearestNeighbourAccuracy, retrieval, rocAuc } from "./lib/metrics.mjs";

const args = process.argv.slice(2);
const names = args.filter((a) => !a.startsWith("--"));
const models = names.length ? names : ["hashgram-v1", "hashgram-v2"];
const ml = await loadBuiltMl();

const benchmarks = Object.keys(EM_DATASETS).map((dataset) => {
  const em = loadEntityMatching(dataset);
  return {
    dataset,
    task: retrievalTask(em, "test"),
    // Harder: the same queries against every right record of the data set (train and dev offers
    // as further distractors), as a catalog would hold them.
    wide: retrievalTask(em, "test", ["train", "dev"]),
    pairs: labelledPairs(em, "test"),
  };
});
const validPairs = {
  "abt-buy": loadAbtBuy().filter((p) => p.split === "valid"),
  "amazon-google": loadAmazonGoogle().filter((p) => p.split === "valid"),
};
const groups = loadAdvertiseGen().filter((g) => g.heldOut);
const reviews = loadReviews().filter((r) => r.heldOut);

const auc = async (embed, pairs) => {
  const [l, r] = [await embed(pairs.map((p) => p.left)), await embed(pairs.map((p) => p.right))];
  return rocAuc(
    pairs.map((_, i) => dot(l[i], r[i])),
    pairs.map((p) => p.label),
  );
};

const results = [];
for (const name of models) {
  const embedder = ml.createTextEmbedder(name);
  const embed = (texts) => embedder.embed(texts);
  const r = { model: `${embedder.model.name}@${embedder.model.version}`, datasets: {} };
  for (const { dataset, task, wide, pairs } of benchmarks) {
    const [q, c] = [await embed(task.queries.map((x) => x.text)), await embed(task.candidates)];
    r.datasets[dataset] = {
      ...retrievalMetrics(q, c, task),
      wide: retrievalMetrics(q, await embed(wide.candidates), wide),
      testPairs: pairs.length,
      testRocAuc: await auc(embed, pairs),
      validRocAuc: await auc(embed, validPairs[dataset]),
    };
  }
  r.advertisegen = retrieval(await embed(groups.map((g) => g.content)), await embed(groups.map((g) => g.summaries[0])));
  r.reviews1nn = nearestNeighbourAccuracy(
    await embed(reviews.map((x) => x.text)),
    reviews.map((x) => x.category),
  );
  results.push(r);
}
await ml.releaseEmbeddingSessions();

if (args.includes("--json")) {
  console.log(JSON.stringify(results, null, 2));
} else {
  const f = (x) => x.toFixed(4);
  const cols = results.map((r) => r.model);
  const row = (label, get) => `| ${label} | ${results.map((r) => f(get(r))).join(" | ")} |`;
  const lines = [`| task | ${cols.join(" | ")} |`, `| --- | ${cols.map(() => "---").join(" | ")} |`];
  for (const { dataset, task, wide, pairs } of benchmarks) {
    const d = (r) => r.datasets[dataset];
    const what = `${dataset} test (${task.queries.length} queries, ${task.candidates.length} candidates)`;
    const wider = `${dataset} test queries among all ${wide.candidates.length} right records`;
    lines.push(
      row(`${what} recall@1`, (r) => d(r).recallAt1),
      row(`${what} recall@5`, (r) => d(r).recallAt5),
      row(`${what} recall@10`, (r) => d(r).recallAt10),
      row(`${what} MRR`, (r) => d(r).mrr),
      row(`${wider} recall@1`, (r) => d(r).wide.recallAt1),
      row(`${wider} recall@10`, (r) => d(r).wide.recallAt10),
      row(`${wider} MRR`, (r) => d(r).wide.mrr),
      row(`${dataset} test pairs (${pairs.length}) ROC-AUC`, (r) => d(r).testRocAuc),
      row(`${dataset} benchmark valid pairs ROC-AUC (v1's card; v2 trained on some)`, (r) => d(r).validRocAuc),
    );
  }
  lines.push(
    row(`advertisegen held-out (${groups.length}) attribute → copy recall@1`, (r) => r.advertisegen.recallAt1),
    row(`advertisegen held-out attribute → copy MRR`, (r) => r.advertisegen.mrr),
    row(`reviews held-out (${reviews.length}) 1-NN category accuracy`, (r) => r.reviews1nn),
  );
  console.log(lines.join("\n"));
}
