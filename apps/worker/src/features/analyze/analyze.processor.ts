import type { Job } from "bullmq";
import { parsePayload, QueueName } from "@truecopy/jobs";
import { recordJobRunBatch } from "@truecopy/db";
import { analyzeProducts, type TAnalyzeDeps } from "./analyze.handler.js";
import type { TProcessorDefinition } from "../../registry.js";
import { jobProgress } from "../../progress.js";

export const analyzeProcessor = (deps: TAnalyzeDeps, concurrency: number): TProcessorDefinition => ({
  queue: QueueName.analyze,
  concurrency,
  async process(job: Job) {
    const payload = parsePayload(QueueName.analyze, job.data);
    return analyzeProducts(deps, payload, jobProgress(job));
  },
  // After the last attempt the batch is counted as failed so the run still finishes. Merchants read
  // the run's error: it names the job, the detail (SQL, stack) stays in the worker's log.
  async onFinalFailure(job: Job) {
    const data = job.data as { jobRunId?: string; batchKey?: string; productIds?: unknown[] };
    if (!data.jobRunId || !data.batchKey) return;
    await recordJobRunBatch(deps.db.pool, {
      jobRunId: data.jobRunId,
      batchKey: data.batchKey,
      processed: 0,
      failed: Array.isArray(data.productIds) ? data.productIds.length : 0,
      error: `analysis of ${Array.isArray(data.productIds) ? data.productIds.length : 0} products failed after ${job.attemptsMade} attempts (job ${job.id ?? "?"})`,
    });
  },
});
