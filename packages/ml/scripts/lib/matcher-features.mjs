// Features of listing pairs through the production code: listing profiles and pair features from
// the built @truecopy/core, name embeddings from the built @truecopy/ml by the matcher's embedding
// model (MATCHER_MODEL.embeddingModel) — exactly what `truecopy match` computes.
import { listingProfile, MATCHER_MODEL, matcherFeatures } from "@truecopy/core";
import { loadBuiltMl } from "./built-ml.mjs";

const dot = (a, b) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};

/** Feature rows (Float64Array each) for pairs {left, right}, in order. */
export async function pairFeatureRows(pairs) {
  const { createTextEmbedder } = await loadBuiltMl();
  const embedder = createTextEmbedder(MATCHER_MODEL.embeddingModel);
  const names = [...new Set(pairs.flatMap((p) => [p.left.name, p.right.name]))];
  const vectors = await embedder.embed(names);
  const vectorOf = new Map(names.map((n, i) => [n, vectors[i]]));
  const profiles = new Map();
  const profileOf = (l) => {
    const key = JSON.stringify(l);
    let p = profiles.get(key);
    if (!p) profiles.set(key, (p = listingProfile(l)));
    return p;
  };
  return pairs.map((p) =>
    matcherFeatures(profileOf(p.left), profileOf(p.right), {
      embeddingCosine: dot(vectorOf.get(p.left.name), vectorOf.get(p.right.name)),
    }),
  );
}
