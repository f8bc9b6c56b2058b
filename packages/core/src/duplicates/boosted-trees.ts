// Gradient-boosted decision trees, prediction only (training: packages/ml/scripts/train-matcher.mjs).
// A tree is a flat node list: [feature, threshold, left, right] for a split (x[feature] <= threshold
// goes left), [value] for a leaf; node 0 is the root. The margin is `base` plus the leaves reached.

export type TTreeNode = [number, number, number, number] | [number];

export type TBoostedTrees = {
  base: number;
  trees: TTreeNode[][];
};

export function treeMargin(model: TBoostedTrees, x: ArrayLike<number>): number {
  let margin = model.base;
  for (const tree of model.trees) {
    let node = tree[0]!;
    while (node.length === 4) {
      const [f, t, left, right] = node;
      node = tree[x[f]! <= t ? left : right]!;
    }
    margin += node[0];
  }
  return margin;
}

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

export function treeProbability(model: TBoostedTrees, x: ArrayLike<number>): number {
  return sigmoid(treeMargin(model, x));
}
