import model from "./models/matcher-v1.json" with { type: "json" };
import { treeProbability, type TBoostedTrees, type TTreeNode } from "./boosted-trees.js";
import {
  differsInModelNumber,
  listingProfile,
  MATCHER_FEATURES,
  matcherFeatures,
  type TListing,
  type TListingProfile,
} from "./matcher-features.js";

// The same-product matcher: boosted trees over pair features (docs/models/matcher-v1.md), trained
// by packages/ml/scripts/train-matcher.mjs. Listings that differ only in a model number never
// match, whatever the trees say.

const trees: TBoostedTrees = { base: model.base, trees: model.trees as TTreeNode[][] };
if (model.features.join() !== MATCHER_FEATURES.join())
  throw new Error(`${model.name} was trained on other features than matcherFeatures computes: retrain it`);

export const MATCHER_MODEL = {
  name: model.name,
  version: model.version,
  threshold: model.threshold,
  // The trees learned thresholds on this model's name cosines; another model's cosines are on
  // another scale, so callers embed names with this one whatever the catalog's default model is.
  embeddingModel: "hashgram-v1",
} as const;

export type TMatchResult = {
  match: boolean;
  /** Probability-like score in [0, 1]; `match` is `score >= MATCHER_MODEL.threshold`. */
  score: number;
  /** Set when a rule decided rather than the score. */
  reason?: "model_number_differs";
};

/** Scores two listing profiles (profiles are reusable when one listing meets many). */
export function scoreListingPair(
  a: TListingProfile,
  b: TListingProfile,
  o: { embeddingCosine?: number | null } = {},
): TMatchResult {
  const f = matcherFeatures(a, b, o);
  const p = treeProbability(trees, f);
  if (differsInModelNumber(f))
    return { match: false, score: Math.round(Math.min(p, 0.01) * 10_000) / 10_000, reason: "model_number_differs" };
  const score = Math.round(p * 10_000) / 10_000;
  return { match: score >= model.threshold, score };
}

export function matchListings(a: TListing, b: TListing, o: { embeddingCosine?: number | null } = {}): TMatchResult {
  return scoreListingPair(listingProfile(a), listingProfile(b), o);
}
