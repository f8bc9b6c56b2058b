// Text embeddings with onnxruntime-node. One InferenceSession per model per process (sessions are
// expensive: they parse the weights and allocate thread pools), shared by every embedder instance.
import { endianness } from "node:os";
import { hashedFeatureIds } from "@truecopy/core";
import * as ort from "onnxruntime-node";
import { DEFAULT_TEXT_EMBEDDING_MODEL, getModelSpec, readVerifiedModel, type TModelSpec } from "./registry.js";

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

const sessions = new Map<string, Promise<ort.InferenceSession>>();

function sessionFor(spec: TModelSpec): Promise<ort.InferenceSession> {
  let session = sessions.get(spec.name);
  if (!session) {
    session = readVerifiedModel(spec).then((bytes) =>
      ort.InferenceSession.create(bytes, { executionProviders: ["cpu"], graphOptimizationLevel: "all" }),
    );
    // A failed load must not poison the cache: the next call retries.
    session.catch(() => sessions.delete(spec.name));
    sessions.set(spec.name, session);
  }
  return session;
}

/** Releases the cached sessions (for tests and graceful shutdown). */
export async function releaseEmbeddingSessions(): Promise<void> {
  const pending = [...sessions.values()];
  sessions.clear();
  for (const s of await Promise.allSettled(pending)) if (s.status === "fulfilled") await s.value.release();
}

const LITTLE_ENDIAN = endianness() === "LE";

// int64 tensor of ids padded with `padId`; on little-endian machines the low 32-bit words are
// written directly instead of converting every id to a BigInt.
function idsTensor(rows: readonly Int32Array[], width: number, padId: number): ort.Tensor {
  const data = new BigInt64Array(rows.length * width);
  if (LITTLE_ENDIAN) {
    const words = new Int32Array(data.buffer);
    words.fill(0);
    for (let r = 0; r < rows.length; r++) {
      const ids = rows[r]!;
      const base = r * width;
      for (let i = 0; i < width; i++) words[2 * (base + i)] = i < ids.length ? ids[i]! : padId;
    }
  } else {
    for (let r = 0; r < rows.length; r++) {
      const ids = rows[r]!;
      for (let i = 0; i < width; i++) data[r * width + i] = BigInt(i < ids.length ? ids[i]! : padId);
    }
  }
  return new ort.Tensor("int64", data, [rows.length, width]);
}

export function createTextEmbedder(
  name: string = DEFAULT_TEXT_EMBEDDING_MODEL,
  options: TTextEmbedderOptions = {},
): TTextEmbedder {
  const spec = getModelSpec(name);
  const batchSize = Math.max(1, options.batchSize ?? 16);
  const maxIdsPerRun = Math.max(spec.maxFeatures, options.maxIdsPerRun ?? 32768);
  const padId = spec.buckets;

  async function embed(texts: readonly string[]): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    const session = await sessionFor(spec);
    const ids = texts.map((t) => hashedFeatureIds(t, { buckets: spec.buckets, maxFeatures: spec.maxFeatures }));
    // Similar lengths share a run, so little padding is computed; padding never changes a result.
    const order = ids.map((_, i) => i).sort((a, b) => ids[a]!.length - ids[b]!.length);
    const out = new Array<Float32Array>(texts.length);

    let start = 0;
    while (start < order.length) {
      let end = start;
      let width = 1;
      while (end < order.length && end - start < batchSize) {
        const w = Math.max(width, ids[order[end]!]!.length);
        if (end > start && (end - start + 1) * w > maxIdsPerRun) break;
        width = w;
        end++;
      }
      const chunk = order.slice(start, end);
      const result = await session.run({
        ids: idsTensor(
          chunk.map((i) => ids[i]!),
          width,
          padId,
        ),
      });
      const embedding = result["embedding"];
      if (!embedding) throw new Error(`model ${spec.name} returned no "embedding" output`);
      const data = embedding.data as Float32Array;
      chunk.forEach((textIndex, row) => {
        out[textIndex] = data.slice(row * spec.dim, (row + 1) * spec.dim);
      });
      start = end;
    }
    return out;
  }

  return { model: { name: spec.name, version: spec.version, dim: spec.dim }, embed };
}
