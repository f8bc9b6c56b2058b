import { embeddingModelLabel, queueReembedding, type TDatabase } from "@truecopy/db";
import { DEFAULT_TEXT_EMBEDDING_MODEL, getModelSpec } from "@truecopy/ml";
import { waitForJobRuns } from "./wait.js";

export type TReembedResult = { model: string; jobRunId: string | null; products: number };

/**
 * `truecopy reembed [--wait]`: what a worker does when it starts, on demand — every analysed
 * product without a vector of the configured text-embedding model, or analysed with another
 * version of it, is queued for analysis again (one run at a time; a worker does the work). With
 * `wait`, follows the run's progress until it completes.
 */
export async function reembedCommand(
  db: TDatabase,
  o: { batchSize?: number; wait?: boolean; quiet?: boolean },
): Promise<TReembedResult> {
  const spec = getModelSpec(DEFAULT_TEXT_EMBEDDING_MODEL);
  const queued = await queueReembedding(db.pool, {
    model: spec.name,
    version: spec.version,
    batchSize: o.batchSize ?? 500,
  });
  if (queued.jobRunId && o.wait) await waitForJobRuns(db, [queued.jobRunId], !o.quiet);
  return { model: embeddingModelLabel(spec), ...queued };
}
