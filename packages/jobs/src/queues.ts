import { z } from "zod";
import type { JobsOptions } from "bullmq";

// The one contract between producers (api, cli, outbox relay) and consumers (worker).
// A payload carries ids, never documents. New fields start optional until older jobs are drained.
export const QueueName = {
  analyze: "analyze",
} as const;
export type TQueueName = (typeof QueueName)[keyof typeof QueueName];

export const ZAnalyzePayload = z.object({
  jobRunId: z.uuid(),
  // Identifies the unit of work for idempotent progress (the outbox row id).
  batchKey: z.string().min(1).max(64),
  productIds: z.array(z.uuid()).min(1).max(1000),
});
export type TAnalyzePayload = z.infer<typeof ZAnalyzePayload>;

export const QUEUES = {
  [QueueName.analyze]: {
    payload: ZAnalyzePayload,
    jobName: "analyze-products",
    defaults: {
      attempts: 5,
      backoff: { type: "exponential", delay: 1_000 },
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    } satisfies JobsOptions,
  },
} as const;

export type TPayloadOf<Q extends TQueueName> = z.infer<(typeof QUEUES)[Q]["payload"]>;

export const isQueueName = (name: string): name is TQueueName => Object.hasOwn(QUEUES, name);

/** Parses a payload for queue `q`; the message names the queue and the offending field. */
export function parsePayload<Q extends TQueueName>(q: Q, data: unknown): TPayloadOf<Q> {
  const result = QUEUES[q].payload.safeParse(data);
  if (!result.success) {
    const detail = result.error.issues.map((i) => `${i.path.join(".") || "(payload)"}: ${i.message}`).join("; ");
    throw new InvalidPayloadError(`invalid ${q} payload: ${detail}`);
  }
  return result.data as TPayloadOf<Q>;
}

export class InvalidPayloadError extends Error {
  override name = "InvalidPayloadError";
}
