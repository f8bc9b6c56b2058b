import type { Job } from "bullmq";
import { parsePayload, QueueName } from "@truecopy/jobs";
import { recordJobRunBatch } from "@truecopy/db";
import type { TLogger } from "@truecopy/config";
import { checkImages, type TVisionDeps } from "./vision.handler.js";
import type { TProcessorDefinition } from "../../registry.js";

export const visionProcessor = (deps: TVisionDeps & { log: TLogger }, concurrency: number): TProcessorDefinition => ({
  queue: QueueName.vision,
  concurrency,
  async process(job: Job) {
    const payload = parsePayload(QueueName.vision, job.data);
    const outcome = await checkImages(deps, payload, (done, total) =>
      job.updateProgress(Math.round((100 * done) / total)),
    );
    if (outcome.unavailable)
      deps.log.info("images could not be read", { jobId: job.id, unavailable: outcome.unavailable });
    return outcome;
  },
  // After the last attempt the batch counts as failed so a tracked run still finishes.
  async onFinalFailure(job: Job) {
    const data = job.data as { jobRunId?: string; batchKey?: string; imageIds?: unknown[] };
    if (!data.jobRunId || !data.batchKey) return;
    const n = Array.isArray(data.imageIds) ? data.imageIds.length : 0;
    await recordJobRunBatch(deps.db.pool, {
      jobRunId: data.jobRunId,
      batchKey: data.batchKey,
      processed: 0,
      failed: n,
      error: `checks of ${n} images failed after ${job.attemptsMade} attempts (job ${job.id ?? "?"})`,
    });
  },
});
