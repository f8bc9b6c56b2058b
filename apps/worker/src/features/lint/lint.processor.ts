import type { Job } from "bullmq";
import { parsePayload, QueueName } from "@truecopy/jobs";
import { recordJobRunBatch } from "@truecopy/db";
import type { TLogger } from "@truecopy/config";
import { lintVariants, type TLintDeps } from "./lint.handler.js";
import type { TProcessorDefinition } from "../../registry.js";
import { jobProgress } from "../../progress.js";

export const lintProcessor = (deps: TLintDeps & { log: TLogger }, concurrency: number): TProcessorDefinition => ({
  queue: QueueName.lint,
  concurrency,
  async process(job: Job) {
    const payload = parsePayload(QueueName.lint, job.data);
    const outcome = await lintVariants(deps, payload, jobProgress(job));
    if (outcome.invalidBrandPacks.length)
      deps.log.warn("stored brand packs no longer validate; linted without them", {
        jobId: job.id,
        merchants: outcome.invalidBrandPacks,
      });
    return outcome;
  },
  // After the last attempt the batch counts as failed so a tracked run still finishes.
  async onFinalFailure(job: Job) {
    const data = job.data as { jobRunId?: string; batchKey?: string; variantIds?: unknown[] };
    if (!data.jobRunId || !data.batchKey) return;
    const n = Array.isArray(data.variantIds) ? data.variantIds.length : 0;
    await recordJobRunBatch(deps.db.pool, {
      jobRunId: data.jobRunId,
      batchKey: data.batchKey,
      processed: 0,
      failed: n,
      error: `lint of ${n} variants failed after ${job.attemptsMade} attempts (job ${job.id ?? "?"})`,
    });
  },
});
