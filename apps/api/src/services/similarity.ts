import { nearestProducts, type TDatabase, type TVectorModel } from "@truecopy/db";

export type TSimilarity = {
  model: TVectorModel;
  similar(o: {
    productId: string;
    k: number;
    merchantId: string | null;
  }): Promise<{ productId: string; score: number }[]>;
};

export function createSimilarity(db: TDatabase, model: TVectorModel): TSimilarity {
  return {
    model,
    async similar({ productId, k, merchantId }) {
      const rows = await nearestProducts(db.pool, model, { productId, k, merchantId });
      return rows.map((r) => ({ productId: r.ownerId, score: r.score }));
    },
  };
}
