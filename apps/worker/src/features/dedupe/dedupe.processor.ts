import type { Job } from "bullmq";
import { parsePayload, QueueName } from "@truecopy/jobs";
import { dedupeProducts, type TDedupeDeps } from "./dedupe.handler.js";
import type { TProcessorDefinition } from "../../registry.js";

export const dedupeProcessor = (deps: TDedupeDeps, concurrency: number): TProcessorDefinition => ({
  queue: QueueName.dedupe,
  concurrency,
  async process(job: Job) {
    return dedupeProducts(deps, parsePayload(QueueName.dedupe, job.data));
  },
});
