import type { Job } from "bullmq";
import { parseHostAllowList } from "@truecopy/core";
import { failWebhookDelivery, type TDatabase } from "@truecopy/db";
import { parsePayload, QueueName } from "@truecopy/jobs";
import type { TLogger, TWorkerEnv } from "@truecopy/config";
import type { TProcessorDefinition } from "../../registry.js";
import { deliverWebhook } from "./webhook.handler.js";

export const webhookProcessor = (
  deps: { db: TDatabase; env: Pick<TWorkerEnv, "WEBHOOK_ALLOWED_HOSTS" | "WEBHOOK_TIMEOUT_MS">; log: TLogger },
  concurrency: number,
): TProcessorDefinition => {
  const handlerDeps = {
    db: deps.db,
    log: deps.log,
    allowList: parseHostAllowList(deps.env.WEBHOOK_ALLOWED_HOSTS),
    timeoutMs: deps.env.WEBHOOK_TIMEOUT_MS,
  };
  return {
    queue: QueueName.webhook,
    // Deliveries wait on the network, not the CPU.
    concurrency: Math.max(concurrency, 8),
    async process(job: Job) {
      return deliverWebhook(handlerDeps, parsePayload(QueueName.webhook, job.data));
    },
    // Retries exhausted: the delivery stays visible as FAILED (with its last error) and can be retried by hand.
    async onFinalFailure(job: Job) {
      const deliveryId = (job.data as { deliveryId?: unknown }).deliveryId;
      if (typeof deliveryId !== "string") return;
      await failWebhookDelivery(deps.db.pool, {
        deliveryId,
        error: `gave up after ${job.attemptsMade} attempts: ${job.failedReason ?? "unknown error"}`,
      });
    },
  };
};
