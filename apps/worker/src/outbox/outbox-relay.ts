import {
  claimOutbox,
  markOutboxDispatched,
  markOutboxFailed,
  recordJobRunBatch,
  type TDatabase,
  type TOutboxMessage,
} from "@truecopy/db";
import { isQueueName, type TQueues } from "@truecopy/jobs";
import type { TLogger } from "@truecopy/config";

/**
 * Moves outbox rows (written in the same transaction as the change) onto BullMQ. The job id is
 * derived from the row id, so a relay that dies between enqueue and marking re-enqueues nothing new.
 * Safe with several relays: rows are claimed with SKIP LOCKED.
 */
export function startOutboxRelay(o: { db: TDatabase; queues: TQueues; pollMs: number; log: TLogger; batch?: number }) {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;

  const tick = async (): Promise<number> => {
    const messages = await claimOutbox(o.db.pool, o.batch ?? 100);
    const done: number[] = [];
    for (const m of messages) {
      try {
        if (!isQueueName(m.queue)) throw new Error(`unknown queue "${m.queue}"`);
        const payload = { ...(m.payload as Record<string, unknown>), batchKey: `outbox-${m.id}` };
        await o.queues.enqueue(m.queue, payload as never, { jobId: `outbox-${m.id}`, traceparent: m.traceparent });
        done.push(m.id);
      } catch (e) {
        o.log.warn("outbox dispatch failed", { id: m.id, attempts: m.attempts, error: (e as Error).message });
        const gaveUp = await markOutboxFailed(o.db.pool, m, (e as Error).message);
        if (gaveUp) await failJobRunOf(o.db, m);
      }
    }
    await markOutboxDispatched(o.db.pool, done);
    return messages.length;
  };

  const loop = async () => {
    while (!stopped) {
      let n = 0;
      try {
        n = await tick();
      } catch (e) {
        o.log.warn("outbox relay: database or queue unavailable, retrying", { error: (e as Error).message });
      }
      if (n > 0) continue; // drain quickly while there is work
      await new Promise<void>((resolve) => {
        wake = resolve;
        timer = setTimeout(resolve, o.pollMs);
      });
    }
  };
  const running = loop();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      wake?.();
      await running;
    },
  };
}

/** A message that will never be queued still counts on its job run, so the run finishes as failed. */
async function failJobRunOf(db: TDatabase, m: TOutboxMessage): Promise<void> {
  const payload = m.payload as { jobRunId?: unknown; productIds?: unknown; variantIds?: unknown };
  const items = Array.isArray(payload.productIds) ? payload.productIds : payload.variantIds;
  if (typeof payload.jobRunId !== "string" || !Array.isArray(items)) return;
  const what = Array.isArray(payload.productIds)
    ? "products could not be queued for analysis"
    : "variants could not be queued for linting";
  await recordJobRunBatch(db.pool, {
    jobRunId: payload.jobRunId,
    batchKey: `outbox-${m.id}`,
    processed: 0,
    failed: items.length,
    error: `${items.length} ${what} (outbox ${m.id})`,
  });
}
