import {
  blockingKeys,
  compareCopySignatures,
  copySignature,
  listingProfile,
  MATCHER_MODEL,
  scoreListingPair,
  type TCopySignature,
  type TListingProfile,
} from "@truecopy/core";
import {
  copyCandidates,
  loadProductsForDedupe,
  productCandidates,
  refreshDuplicateClusters,
  replaceDuplicatePairs,
  saveDuplicateSignatures,
  withRetriedTransaction,
  type TDatabase,
  type TDedupeProduct,
  type TPairInput,
} from "@truecopy/db";
import type { TDedupePayload } from "@truecopy/jobs";
import type { TTextEmbedder } from "@truecopy/ml";

export type TDedupeDeps = {
  db: TDatabase;
  /** The catalog's model: its stored vectors give the kNN candidates. */
  embedder: TTextEmbedder;
  /** Embeds titles for the matcher's cosine feature: must be `MATCHER_MODEL.embeddingModel`. */
  matcherEmbedder: TTextEmbedder;
};

export type TDedupeOutcome = { products: number; copyPairs: number; productPairs: number; clusters: number };

const copyText = (p: { title: string; description: string }) => `${p.title}\n${p.description}`;
const dot = (a: Float32Array, b: Float32Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
};

/**
 * Checks products against the stored index: their signatures are written first (committed on
 * their own, so two products checked at the same time by two jobs always find each other — the
 * later lookup sees the earlier signature), then copy candidates (SimHash blocks, LSH bands) are
 * verified by signature, same-product candidates (embedding kNN, model-number and brand blocks)
 * are scored by the matcher on titles, prices and attributes, and in one transaction the pairs of
 * these products are replaced and their clusters recomputed. Deleted products are skipped.
 */
export async function dedupeProducts(deps: TDedupeDeps, payload: TDedupePayload): Promise<TDedupeOutcome> {
  if (deps.matcherEmbedder.model.name !== MATCHER_MODEL.embeddingModel)
    throw new Error(
      `${MATCHER_MODEL.name} scores cosines of ${MATCHER_MODEL.embeddingModel}, not ${deps.matcherEmbedder.model.name}`,
    );
  const { pool } = deps.db;
  const products = await loadProductsForDedupe(pool, payload.productIds);
  if (!products.length) return { products: 0, copyPairs: 0, productPairs: 0, clusters: 0 };
  const signatures = new Map<string, { signature: TCopySignature; keys: string[] }>();
  for (const p of products) signatures.set(p.id, { signature: copySignature(copyText(p)), keys: blockingKeys(p) });
  await saveDuplicateSignatures(
    pool,
    products.map((p) => ({
      productId: p.id,
      merchantId: p.merchantId,
      sourceVersion: p.sourceVersion,
      signature: signatures.get(p.id)!.signature,
      blockingKeys: signatures.get(p.id)!.keys,
    })),
  );

  const copyPairs: TPairInput[] = [];
  for (const p of products) {
    const own = signatures.get(p.id)!.signature;
    for (const c of await copyCandidates(pool, { productId: p.id, signature: own })) {
      const m = compareCopySignatures(own, c);
      if (m) copyPairs.push({ a: p.id, b: c.productId, score: m.score, method: m.method });
    }
  }

  const model = { name: deps.embedder.model.name, dim: deps.embedder.model.dim };
  const candidatesOf = new Map<string, string[]>();
  for (const p of products) {
    const found = await productCandidates(pool, model, { productId: p.id, blockingKeys: signatures.get(p.id)!.keys });
    candidatesOf.set(
      p.id,
      found.map((c) => c.productId),
    );
  }
  const others = await loadProductsForDedupe(pool, [...new Set([...candidatesOf.values()].flat())]);
  const all = new Map<string, TDedupeProduct>([...others, ...products].map((p) => [p.id, p]));
  // Titles embedded as the matcher was trained: the name alone, by the matcher's model.
  const titles = [...new Set([...all.values()].map((p) => p.title))];
  const vectors = new Map((await deps.matcherEmbedder.embed(titles)).map((v, i) => [titles[i]!, v]));
  const profiles = new Map<string, TListingProfile>();
  const profileOf = (p: TDedupeProduct) => {
    let pr = profiles.get(p.id);
    if (!pr) {
      pr = listingProfile({ name: p.title, description: p.description, price: p.price, attributes: p.attributes });
      profiles.set(p.id, pr);
    }
    return pr;
  };
  const productPairs: TPairInput[] = [];
  for (const p of products) {
    for (const id of candidatesOf.get(p.id)!) {
      const q = all.get(id);
      if (!q) continue;
      const r = scoreListingPair(profileOf(p), profileOf(q), {
        embeddingCosine: dot(vectors.get(p.title)!, vectors.get(q.title)!),
      });
      if (r.match) productPairs.push({ a: p.id, b: q.id, score: r.score, method: "MATCHER" });
    }
  }

  const ids = products.map((p) => p.id);
  const clusters = await withRetriedTransaction(pool, async (tx) => {
    await replaceDuplicatePairs(tx, { kind: "COPY", productIds: ids, pairs: copyPairs });
    await replaceDuplicatePairs(tx, { kind: "PRODUCT", productIds: ids, pairs: productPairs });
    const copy = await refreshDuplicateClusters(tx, { kind: "COPY", productIds: ids });
    const same = await refreshDuplicateClusters(tx, { kind: "PRODUCT", productIds: ids });
    return copy.clusterIds.length + same.clusterIds.length;
  });
  return { products: products.length, copyPairs: copyPairs.length, productPairs: productPairs.length, clusters };
}
