// What every hashed-feature model here shares: one cached InferenceSession per model file, int64 id
// tensors, and packing texts into session runs of similar length.
import { endianness } from "node:os";
import * as ort from "onnxruntime-node";
import { readVerifiedModel, type TModelSpec } from "./registry.js";

export type TSessionCache = {
  get(spec: TModelSpec, url?: URL): Promise<ort.InferenceSession>;
  /** Releases the cached sessions (for tests and graceful shutdown). */
  release(): Promise<void>;
};

/**
 * One intra-op thread: these graphs are a gather and a sum over small runs, too short to share
 * between threads, and parallelism comes from running several workers. onnxruntime's default pool
 * (as wide as the machine) spins on cores that other processes need; on 2 busy cores it made
 * session runs about 3x slower (bench/embed, "ORT default options").
 */
export const SESSION_OPTIONS: ort.InferenceSession.SessionOptions = {
  executionProviders: ["cpu"],
  graphOptimizationLevel: "all",
  intraOpNumThreads: 1,
};

/** Sessions are expensive (they parse the weights and allocate thread pools): one per model per process. */
export function createSessionCache(): TSessionCache {
  const sessions = new Map<string, Promise<ort.InferenceSession>>();
  return {
    get(spec, url) {
      const key = url ? `${spec.name} ${url.href}` : spec.name;
      let session = sessions.get(key);
      if (!session) {
        session = readVerifiedModel(spec, url).then((bytes) => ort.InferenceSession.create(bytes, SESSION_OPTIONS));
        // A failed load must not poison the cache: the next call retries.
        session.catch(() => sessions.delete(key));
        sessions.set(key, session);
      }
      return session;
    },
    async release() {
      const pending = [...sessions.values()];
      sessions.clear();
      for (const s of await Promise.allSettled(pending)) if (s.status === "fulfilled") await s.value.release();
    },
  };
}

const LITTLE_ENDIAN = endianness() === "LE";

/**
 * int64 tensor of ids padded with `padId`; on little-endian machines the low 32-bit words are
 * written directly instead of converting every id to a BigInt.
 */
export function idsTensor(rows: readonly Int32Array[], width: number, padId: number): ort.Tensor {
  const data = new BigInt64Array(rows.length * width);
  if (LITTLE_ENDIAN) {
    const words = new Int32Array(data.buffer);
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

/**
 * Splits `order` (text indices sorted by id count, so similar lengths share a run and little padding
 * is computed) into runs of at most `batchSize` texts and `maxIdsPerRun` padded ids.
 */
export function packRuns(
  order: readonly number[],
  lengthOf: (index: number) => number,
  batchSize: number,
  maxIdsPerRun: number,
): { indices: number[]; width: number }[] {
  const runs: { indices: number[]; width: number }[] = [];
  let start = 0;
  while (start < order.length) {
    let end = start;
    let width = 1;
    while (end < order.length && end - start < batchSize) {
      const w = Math.max(width, lengthOf(order[end]!));
      if (end > start && (end - start + 1) * w > maxIdsPerRun) break;
      width = w;
      end++;
    }
    runs.push({ indices: order.slice(start, end), width });
    start = end;
  }
  return runs;
}

/**
 * Runs `session` over the texts' id lists in packed runs and hands each text's row of `output`
 * (index of the text, the run's output data, its row in that data) to `take`.
 */
export async function runPacked(o: {
  session: ort.InferenceSession;
  ids: readonly Int32Array[];
  order: readonly number[];
  batchSize: number;
  maxIdsPerRun: number;
  padId: number;
  output: string;
  take: (textIndex: number, data: Float32Array, row: number) => void;
  /** Further inputs of a run, one row per text of `textIndices` in that order. */
  extraInputs?: (textIndices: readonly number[]) => Record<string, ort.Tensor>;
}): Promise<void> {
  for (const run of packRuns(o.order, (i) => o.ids[i]!.length, o.batchSize, o.maxIdsPerRun)) {
    const result = await o.session.run({
      ids: idsTensor(
        run.indices.map((i) => o.ids[i]!),
        run.width,
        o.padId,
      ),
      ...o.extraInputs?.(run.indices),
    });
    const tensor = result[o.output];
    if (!tensor) throw new Error(`the model returned no "${o.output}" output`);
    const data = tensor.data as Float32Array;
    run.indices.forEach((textIndex, row) => o.take(textIndex, data, row));
  }
}
