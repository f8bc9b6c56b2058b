// Retrieval/separation metrics over unit-norm embeddings.

export function dot(a, b) {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** ROC-AUC of scores against 0/1 labels (Mann-Whitney U with average ranks for ties). */
export function rocAuc(scores, labels) {
  const order = scores.map((s, i) => [s, labels[i]]).sort((a, b) => a[0] - b[0]);
  let rankSumPos = 0;
  let pos = 0;
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j < order.length && order[j][0] === order[i][0]) j++;
    const avgRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++)
      if (order[k][1] === 1) {
        rankSumPos += avgRank;
        pos++;
      }
    i = j;
  }
  const neg = order.length - pos;
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** Best accuracy of a single cosine threshold separating labels (an optimistic upper bound). */
export function bestThresholdAccuracy(scores, labels) {
  const order = scores.map((s, i) => [s, labels[i]]).sort((a, b) => a[0] - b[0]);
  const pos = labels.filter((l) => l === 1).length;
  let correct = pos; // threshold below everything: all predicted positive
  let best = correct;
  for (const [, l] of order) {
    correct += l === 1 ? -1 : 1;
    best = Math.max(best, correct);
  }
  return best / labels.length;
}

/** recall@1 and MRR of retrieving candidates[i] for queries[i] among all candidates. */
export function retrieval(queryVecs, candidateVecs) {
  let hits = 0;
  let rr = 0;
  for (let i = 0; i < queryVecs.length; i++) {
    const own = dot(queryVecs[i], candidateVecs[i]);
    let better = 0;
    for (let j = 0; j < candidateVecs.length; j++) if (j !== i && dot(queryVecs[i], candidateVecs[j]) > own) better++;
    if (better === 0) hits++;
    rr += 1 / (better + 1);
  }
  return { recallAt1: hits / queryVecs.length, mrr: rr / queryVecs.length };
}

/** Leave-one-out 1-nearest-neighbour label accuracy. */
export function nearestNeighbourAccuracy(vecs, labels) {
  let ok = 0;
  for (let i = 0; i < vecs.length; i++) {
    let best = -Infinity;
    let bestJ = -1;
    for (let j = 0; j < vecs.length; j++) {
      if (j === i) continue;
      const s = dot(vecs[i], vecs[j]);
      if (s > best) {
        best = s;
        bestJ = j;
      }
    }
    if (labels[bestJ] === labels[i]) ok++;
  }
  return ok / vecs.length;
}
