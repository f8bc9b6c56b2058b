import { z } from "zod";
import type { JobsOptions } from "bullmq";

// The one contract between producers (api, cli, outbox relay) and consumers (worker).
// A payload carries ids, never documents. New fields start optional until older jobs are drained.
export const QueueName = {
  analyze: "analyze",
  lint: "lint",
  webhook: "webhook",
  learn: "learn",
  generate: "generate",
  dedupe: "dedupe",
  vision: "vision",
} as const;
export type TQueueName = (typeof QueueName)[keyof typeof QueueName];

export const ZAnalyzePayload = z.object({
  jobRunId: z.uuid(),
  // Identifies the unit of work for idempotent progress (the outbox row id).
  batchKey: z.string().min(1).max(64),
  productIds: z.array(z.uuid()).min(1).max(1000),
});
export type TAnalyzePayload = z.infer<typeof ZAnalyzePayload>;

// Lints variants (the merchant's originals on import, every new or edited variant) and stores findings.
export const ZLintPayload = z.object({
  // Absent when the lint is not part of a tracked run (a single edited variant).
  jobRunId: z.uuid().optional(),
  batchKey: z.string().min(1).max(64),
  variantIds: z.array(z.uuid()).min(1).max(1000),
});
export type TLintPayload = z.infer<typeof ZLintPayload>;

// Delivers one stored webhook delivery (signed, retried with backoff by the queue).
export const ZWebhookPayload = z.object({
  deliveryId: z.uuid(),
});
export type TWebhookPayload = z.infer<typeof ZWebhookPayload>;

// Generates candidate copy for a batch of products (every field × style × audience asked for) and
// stores the results as GENERATED/LLM variants, PENDING_REVIEW or BLOCKED (docs/generation.md).
export const ZGeneratePayload = z.object({
  jobRunId: z.uuid(),
  batchKey: z.string().min(1).max(64),
  productIds: z.array(z.uuid()).min(1).max(100),
  fields: z
    .array(z.enum(["TITLE", "BULLETS", "DESCRIPTION", "SHORT"]))
    .min(1)
    .max(4),
  styles: z
    .array(z.enum(["concise", "vivid", "technical"]))
    .min(1)
    .max(3),
  // Empty: no particular audience.
  audiences: z.array(z.string().min(1).max(40)).max(8),
  // "llm" uses the configured LLM provider (the template generator when none is configured).
  generator: z.enum(["template", "llm"]).optional(),
  // Variants generated per second across all workers for this run.
  ratePerSecond: z.number().int().min(1).max(10_000).optional(),
});
export type TGeneratePayload = z.infer<typeof ZGeneratePayload>;

// The serving learning loop (a repeatable job): fold new shopper events into per-audience counts,
// re-train the matrix factorisation, apply the guardrail.
export const ZLearnPayload = z.object({
  // Re-train even when no new events arrived (manual runs).
  forceTrain: z.boolean().optional(),
});
export type TLearnPayload = z.infer<typeof ZLearnPayload>;

// Checks product images (fetch, decode, quality, colours, OCR + lint) and stores their reports.
export const ZVisionPayload = z.object({
  // Absent for a single added or re-checked image outside a tracked run.
  jobRunId: z.uuid().optional(),
  batchKey: z.string().min(1).max(64),
  imageIds: z.array(z.uuid()).min(1).max(100),
});
export type TVisionPayload = z.infer<typeof ZVisionPayload>;

/** Redis pub/sub channel on which API processes drop serving cache entries (`{"products":[…]}`). */
export const servingInvalidationChannel = (prefix: string) => `${prefix}:serving:invalidate`;

// Checks analysed products for reused copy and same-product listings, and updates their clusters.
export const ZDedupePayload = z.object({
  batchKey: z.string().min(1).max(64),
  productIds: z.array(z.uuid()).min(1).max(500),
});
export type TDedupePayload = z.infer<typeof ZDedupePayload>;

// Retried with exponential backoff; finished jobs kept for a day (10,000 at most) unless said
// otherwise, failed ones for `failedDays` (7) so they can be inspected and retried.
function retried(
  attempts: number,
  delayMs: number,
  o: { completed?: { age: number; count: number }; failedDays?: number } = {},
): JobsOptions {
  return {
    attempts,
    backoff: { type: "exponential", delay: delayMs },
    removeOnComplete: o.completed ?? { age: 24 * 3600, count: 10_000 },
    removeOnFail: { age: (o.failedDays ?? 7) * 24 * 3600 },
  };
}

export const QUEUES = {
  [QueueName.analyze]: {
    payload: ZAnalyzePayload,
    jobName: "analyze-products",
    defaults: retried(5, 1_000),
  },
  [QueueName.lint]: {
    payload: ZLintPayload,
    jobName: "lint-variants",
    defaults: retried(5, 1_000),
  },
  [QueueName.webhook]: {
    payload: ZWebhookPayload,
    jobName: "deliver-webhook",
    // A receiver that is down for a while still gets the event: ~2 s, 4 s ... up to about 17 minutes.
    defaults: retried(10, 2_000, { failedDays: 14 }),
  },
  [QueueName.learn]: {
    payload: ZLearnPayload,
    jobName: "learn-serving",
    // The next scheduled run comes soon: a failed one is retried a little, never piled up.
    defaults: retried(3, 5_000, { completed: { age: 3600, count: 100 } }),
  },
  [QueueName.generate]: {
    payload: ZGeneratePayload,
    jobName: "generate-variants",
    defaults: retried(5, 2_000),
  },
  [QueueName.dedupe]: {
    payload: ZDedupePayload,
    jobName: "dedupe-products",
    defaults: retried(5, 1_000),
  },
  [QueueName.vision]: {
    payload: ZVisionPayload,
    jobName: "check-images",
    // An image that cannot be fetched is recorded as such, not retried: retries are for crashes.
    defaults: retried(3, 5_000),
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
