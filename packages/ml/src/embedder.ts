// Text embeddings with onnxruntime-node. One InferenceSession per model per process (sessions are
// expensive: they parse the weights and allocate thread pools), shared by every embedder instance.
import { AppError, hashedFeatureIds } from "@truecopy/core";
import { createSessionCache, runPacked } from "./onnx-runs.js";
import { DEFAULT_TEXT_EMBEDDING_MODEL, getModelSpec } from "./registry.js";

export type TTextEmbedder = {
  model: { name: string; version: string; dim: number };
  /**
   * One unit-norm Float32Array of `model.dim` per text, in input order. A text without letters or
   * digits (e.g. "" or "!!!") gets the model's fixed "empty" unit vector — never a zero vector,
   * so cosine distance stays defined (pgvector returns NaN for zero vectors).
   */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
};

export type TTextEmbedderOptions = {
  /** Most texts per session run (default 16: measured faster here than larger runs, see bench/embed). */
  batchSize?: number;
  /** Most ids (texts × padded length) per session run, bounding memory (default 32768). */
  maxIdsPerRun?: number;
};

const sessions = createSessionCache();

/** Releases the cached sessions (for tests and graceful shutdown). */
export const releaseEmbeddingSessions = (): Promise<void> => sessions.release();

export function createTextEmbedder(
  name: string = DEFAULT_TEXT_EMBEDDING_MODEL,
  options: TTextEmbedderOptions = {},
): TTextEmbedder {
  const spec = getModelSpec(name);
  if (spec.kind !== "text-embedding")
    throw new AppError("BAD_USER_INPUT", `${spec.name} is a ${spec.kind} model, not a text embedding`, { name });
  const batchSize = Math.max(1, options.batchSize ?? 16);
  const maxIdsPerRun = Math.max(spec.maxFeatures, options.maxIdsPerRun ?? 32768);
  const padId = spec.buckets;

  async function embed(texts: readonly string[]): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    const session = await sessions.get(spec);
    const ids = texts.map((t) => hashedFeatureIds(t, { buckets: spec.buckets, maxFeatures: spec.maxFeatures }));
    // Similar lengths share a run, so little padding is computed; padding never changes a result.
    const order = ids.map((_, i) => i).sort((a, b) => ids[a]!.length - ids[b]!.length);
    const out = new Array<Float32Array>(texts.length);

    await runPacked({
      session,
      ids,
      order,
      batchSize,
      maxIdsPerRun,
      padId,
      output: "embedding",
      take: (textIndex, data, row) => {
        out[textIndex] = data.slice(row * spec.dim, (row + 1) * spec.dim);
      },
    });
    return out;
  }

  return { model: { name: spec.name, version: spec.version, dim: spec.dim }, embed };
}
