// The second stage of sentiment-v2: a logistic regression over [n-gram logit, lexicon features].
// The n-gram logit it is fitted on must be out-of-fold (each review scored by a table that did not
// train on it): a table's logit on its own training reviews is far surer than on new text, and a
// stack fitted on those would learn to ignore the lexicon.
import { stratifiedFolds } from "./sentiment-data.mjs";
import { forward, trainSentiment } from "./sentiment-model.mjs";

const logit = (p) => Math.log(Math.max(p, 1e-9) / Math.max(1 - p, 1e-9));

/** logit(P(positive)) of the n-gram table alone. */
export const tableLogit = (model, ids) => logit(forward(model, ids).p1);

/**
 * Out-of-fold table logits of `reviews` (`{ ids, label, category, text }`): k tables, each trained on
 * the other folds plus `extra` documents (never scored).
 */
export function outOfFoldLogits(reviews, extra, cfg, k) {
  const fold = stratifiedFolds(reviews, k);
  const out = new Float64Array(reviews.length);
  for (let f = 0; f < k; f++) {
    const model = trainSentiment([...reviews.filter((_, i) => fold[i] !== f), ...extra], cfg);
    reviews.forEach((r, i) => {
      if (fold[i] === f) out[i] = tableLogit(model, r.ids);
    });
  }
  return out;
}

/**
 * Full-batch gradient descent on the log loss with L2 on the weights (not the bias). rows: arrays
 * `[tableLogit, ...lexicon]`; returns `{ a, w, c }` for P(positive) = σ(a·logit + w·lexicon + c).
 */
export function fitStack(rows, labels, { l2, iterations, lr }) {
  const d = rows[0].length;
  const theta = new Float64Array(d + 1);
  const grad = new Float64Array(d + 1);
  for (let it = 0; it < iterations; it++) {
    grad.fill(0);
    rows.forEach((x, i) => {
      const e = 1 / (1 + Math.exp(-score(theta, x))) - labels[i];
      for (let j = 0; j < d; j++) grad[j] += e * x[j];
      grad[d] += e;
    });
    for (let j = 0; j <= d; j++) theta[j] -= lr * (grad[j] / rows.length + (j < d ? l2 * theta[j] : 0));
  }
  return { a: theta[0], w: Array.from(theta.slice(1, d)), c: theta[d] };
}

/** σ⁻¹ of P(positive) under a stack. */
export function stackLogit(stack, tableLogitValue, lexicon) {
  let z = stack.a * tableLogitValue + stack.c;
  stack.w.forEach((w, j) => (z += w * lexicon[j]));
  return z;
}

function score(theta, x) {
  let z = theta[x.length];
  for (let j = 0; j < x.length; j++) z += theta[j] * x[j];
  return z;
}
