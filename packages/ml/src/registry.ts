// The models this package ships. Files live in packages/ml/models (beside src/ and dist/, so the
// same relative URL resolves from sources in tests and from the build), are committed with the
// repo and verified by sha256 before use: nothing is downloaded at run time.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { AppError } from "@truecopy/core";

export type TModelKind = "text-embedding" | "sentiment";

export type TModelSpec = {
  name: string;
  version: string;
  kind: TModelKind;
  /** Output dimension. */
  dim: number;
  /** File name inside packages/ml/models. */
  file: string;
  /** Hex sha256 of the file. */
  sha256: string;
  /** Hash buckets of `hashedFeatureIds`; id `buckets` is the padding id. */
  buckets: number;
  /** `maxFeatures` passed to `hashedFeatureIds`. */
  maxFeatures: number;
  /** `FEATURE_SCHEME_VERSION` of @truecopy/core the model was trained with. */
  featureScheme: number;
  /**
   * A sentiment model that also reads `sentimentLexiconFeatures` of @truecopy/core (input
   * `lexicon`, float [batch, this many]).
   */
  lexiconFeatures?: number;
};

export const MODELS = {
  "hashgram-v1": {
    name: "hashgram-v1",
    version: "1.0.0",
    kind: "text-embedding",
    dim: 256,
    file: "hashgram-v1.onnx",
    sha256: "7e49e1bdded11422e387643c8106ff635f6dbca18520b1706da372814879aed0",
    buckets: 65536,
    maxFeatures: 4096,
    featureScheme: 1,
  },
  // hashgram-v1's graph and features, table trained contrastively on matched offers, attribute
  // strings and their ad copy, and feature-dropout views. docs/models/hashgram-v2.md
  "hashgram-v2": {
    name: "hashgram-v2",
    version: "2.0.0",
    kind: "text-embedding",
    dim: 256,
    file: "hashgram-v2.onnx",
    sha256: "8ef894e9c7b44fcbda6f758ff35a9027db79687a8707b295eb79b108e5769a5f",
    buckets: 65536,
    maxFeatures: 4096,
    featureScheme: 1,
  },
  // Review sentiment (negative, positive): `dim` is the number of classes. docs/models/sentiment-v1.md
  "sentiment-v1": {
    name: "sentiment-v1",
    version: "1.0.0",
    kind: "sentiment",
    dim: 2,
    file: "sentiment-v1.onnx",
    sha256: "e30b0c14583ec2686c7f9a7dee4c348b43031c0a3b0616d9bba8c0d1dc131694",
    buckets: 65536,
    maxFeatures: 4096,
    featureScheme: 1,
  },
  // sentiment-v1's n-grams, their logit weighed with six lexicon features by a stacked logistic
  // regression. docs/models/sentiment-v2.md
  "sentiment-v2": {
    name: "sentiment-v2",
    version: "2.0.0",
    kind: "sentiment",
    dim: 2,
    file: "sentiment-v2.onnx",
    sha256: "a9366e185a963c9c6f4b652f835e97d547f45de1090a7ea9e0a3a93d268f3a2e",
    buckets: 65536,
    maxFeatures: 4096,
    featureScheme: 1,
    lexiconFeatures: 6,
  },
} as const satisfies Record<string, TModelSpec>;

export type TModelName = keyof typeof MODELS;

// hashgram-v2 (docs/evaluation.md): on the held-out entities of both matching benchmarks the true
// match is in its top 10 at least as often as in v1's, with higher recall@1 and MRR averaged over
// the two (on Abt-Buy alone v1 ranks it first slightly more often); attribute → ad copy recall@1
// nearly doubles. A worker starting with a new default re-embeds the catalog (`queueReembedding`;
// also `truecopy reembed`).
export const DEFAULT_TEXT_EMBEDDING_MODEL: TModelName = "hashgram-v2";

export function isModelName(name: string): name is TModelName {
  return Object.hasOwn(MODELS, name);
}

export function getModelSpec(name: string): TModelSpec {
  if (!isModelName(name)) {
    throw new AppError("NOT_FOUND", `Unknown model "${name}"; known: ${Object.keys(MODELS).join(", ")}`, { name });
  }
  return MODELS[name];
}

/** Location of a model file of this package. */
export function modelFileUrl(spec: Pick<TModelSpec, "file">): URL {
  return new URL(`../models/${spec.file}`, import.meta.url);
}

/**
 * Reads a model file and checks its sha256 against the registry, so a truncated checkout, a Git
 * LFS pointer or a hand-edited file fails loudly instead of producing wrong vectors.
 */
export async function readVerifiedModel(spec: TModelSpec, url: URL = modelFileUrl(spec)): Promise<Uint8Array> {
  const path = fileURLToPath(url);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw new AppError(
      "UNAVAILABLE",
      `Model file for ${spec.name}@${spec.version} not readable at ${path} (${code ?? String(cause)}); it ships with @truecopy/ml under models/`,
      { model: spec.name, path },
    );
  }
  const actual = createHash("sha256").update(bytes).digest("hex");
  if (actual !== spec.sha256) {
    throw new AppError(
      "INTERNAL_SERVER_ERROR",
      `Model file for ${spec.name}@${spec.version} at ${path} is corrupt or of another version: sha256 ${actual}, expected ${spec.sha256}`,
      { model: spec.name, path, expected: spec.sha256, actual },
    );
  }
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
