// The evaluation suite of the text-embedding models, run on the held-out parts of the shared data
// (see corpus.mjs for the split). `embed` is any async (texts) => unit vectors function.
import { loadAbtBuy, loadAdvertiseGen, loadAmazonGoogle, loadReviews } from "./corpus.mjs";
import { bestThresholdAccuracy, dot, nearestNeighbourAccuracy, retrieval, rocAuc } from "./metrics.mjs";

async function pairTask(pairs, embed) {
  const valid = pairs.filter((p) => p.split === "valid");
  const left = await embed(valid.map((p) => p.left));
  const right = await embed(valid.map((p) => p.right));
  const scores = valid.map((_, i) => dot(left[i], right[i]));
  const labels = valid.map((p) => p.label);
  const positives = labels.filter((l) => l === 1).length;
  return {
    pairs: valid.length,
    rocAuc: rocAuc(scores, labels),
    bestAccuracy: bestThresholdAccuracy(scores, labels),
    // Accuracy of always answering "no match": the floor the threshold accuracy must beat.
    majorityAccuracy: Math.max(positives, labels.length - positives) / labels.length,
  };
}

export async function runEvaluation(embed, dataDir) {
  const abtBuy = await pairTask(loadAbtBuy(dataDir), embed);
  const amazonGoogle = await pairTask(loadAmazonGoogle(dataDir), embed);

  const groups = loadAdvertiseGen(dataDir).filter((g) => g.heldOut);
  const q = await embed(groups.map((g) => g.content));
  const c = await embed(groups.map((g) => g.summaries[0]));
  const advertiseGen = { groups: groups.length, ...retrieval(q, c) };

  const reviews = loadReviews(dataDir).filter((r) => r.heldOut);
  const rv = await embed(reviews.map((r) => r.text));
  const reviewCategories = {
    reviews: reviews.length,
    nnAccuracy: nearestNeighbourAccuracy(
      rv,
      reviews.map((r) => r.category),
    ),
  };
  return { abtBuy, amazonGoogle, advertiseGen, reviewCategories };
}

export function formatEvaluation(r) {
  const f = (x) => x.toFixed(4);
  return [
    `abt-buy valid pairs (${r.abtBuy.pairs}): ROC-AUC ${f(r.abtBuy.rocAuc)}, best-threshold accuracy ${f(r.abtBuy.bestAccuracy)} (always-no-match ${f(r.abtBuy.majorityAccuracy)})`,
    `amazon-google valid pairs (${r.amazonGoogle.pairs}): ROC-AUC ${f(r.amazonGoogle.rocAuc)}, best-threshold accuracy ${f(r.amazonGoogle.bestAccuracy)} (always-no-match ${f(r.amazonGoogle.majorityAccuracy)})`,
    `advertisegen held-out (${r.advertiseGen.groups} attribute strings → ad copy): recall@1 ${f(r.advertiseGen.recallAt1)}, MRR ${f(r.advertiseGen.mrr)}`,
    `online_shopping_10_cats held-out (${r.reviewCategories.reviews} reviews): 1-NN category accuracy ${f(r.reviewCategories.nnAccuracy)}`,
  ].join("\n");
}
