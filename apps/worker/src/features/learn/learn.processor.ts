import type { Job } from "bullmq";
import { parsePayload, QueueName, QUEUES, type TQueues } from "@truecopy/jobs";
import { learn, type TLearnDeps } from "./learn.handler.js";
import type { TProcessorDefinition } from "../../registry.js";

export const LEARN_EVERY_MS = 60_000;

// One run at a time is enough (runs are idempotent, and the next one is a minute away).
export const learnProcessor = (deps: TLearnDeps): TProcessorDefinition => ({
  queue: QueueName.learn,
  concurrency: 1,
  async process(job: Job) {
    return learn(deps, parsePayload(QueueName.learn, job.data));
  },
});

/** The repeatable schedule (idempotent: every worker upserts the same scheduler). */
export async function scheduleLearning(queues: TQueues, everyMs = LEARN_EVERY_MS): Promise<void> {
  await queues
    .get(QueueName.learn)
    .upsertJobScheduler("serving-learn", { every: everyMs }, { name: QUEUES[QueueName.learn].jobName, data: {} });
}
