import type { Job } from "bullmq";
import type { Redis } from "ioredis";
import { parsePayload, QueueName, QUEUES, type TQueues } from "@truecopy/jobs";
import { recordJobRunBatch, type TDatabase } from "@truecopy/db";
import type { TLlmEnv, TLogger } from "@truecopy/config";
import { generateBatch, type TGenerateDeps } from "./generate.handler.js";
import { createLlmProvider, type TLlmCache } from "./llm-provider.js";
import type { TProcessorDefinition } from "../../registry.js";

/** A paused run's batches come back this often to look whether it was resumed. */
export const PAUSED_RECHECK_MS = 5_000;

/** LLM answers kept in Redis by prompt hash. */
export function redisLlmCache(redis: Redis, prefix: string): TLlmCache {
  return {
    get: (key) => redis.get(`${prefix}:${key}`),
    async set(key, value, ttlSeconds) {
      await redis.set(`${prefix}:${key}`, value, "EX", Math.max(1, ttlSeconds));
    },
  };
}

export const generateProcessor = (
  o: {
    db: TDatabase;
    redis: Redis;
    queues: TQueues;
    prefix: string;
    log: TLogger;
    /** The worker's LLM settings (`llmSettings(env)`); null: "llm" requests use the template generator. */
    llm: (TLlmEnv & { LLM_BASE_URL: string }) | null;
  },
  concurrency: number,
  overrides: Partial<Pick<TGenerateDeps, "llm" | "sleep">> = {},
): TProcessorDefinition => {
  const env = o.llm;
  const deps: TGenerateDeps = {
    db: o.db,
    redis: o.redis,
    prefix: o.prefix,
    log: o.log,
    llm: env ? createLlmProvider(env, { cache: redisLlmCache(o.redis, o.prefix) }) : null,
    ...overrides,
  };
  return {
    queue: QueueName.generate,
    concurrency,
    async process(job: Job) {
      const payload = parsePayload(QueueName.generate, job.data);
      const outcome = await generateBatch(deps, payload);
      if (outcome.state === "paused") {
        // Parked, not retried: the same batch (same batchKey, so progress counts once) comes back later.
        const n = Number(/-p(\d+)$/.exec(job.id ?? "")?.[1] ?? 0) + 1;
        await o.queues.get(QueueName.generate).add(QUEUES[QueueName.generate].jobName, job.data as object, {
          jobId: `${(job.id ?? payload.batchKey).replace(/-p\d+$/, "")}-p${n}`,
          delay: PAUSED_RECHECK_MS,
        });
      }
      return outcome;
    },
    // After the last attempt the batch's products count as failed so the run still finishes.
    async onFinalFailure(job: Job) {
      const data = job.data as { jobRunId?: string; batchKey?: string; productIds?: unknown[] };
      if (!data.jobRunId || !data.batchKey) return;
      const n = Array.isArray(data.productIds) ? data.productIds.length : 0;
      await recordJobRunBatch(o.db.pool, {
        jobRunId: data.jobRunId,
        batchKey: data.batchKey,
        processed: 0,
        failed: n,
        error: `generation for ${n} products failed after ${job.attemptsMade} attempts (job ${job.id ?? "?"})`,
      });
    },
  };
};
