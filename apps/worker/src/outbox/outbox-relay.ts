import {
  claimOutbox,
  markOutboxDispatched,
  markOutboxFailed,
  recordJobRunBatch,
  type TDatabase,
  type TOutboxMessage,
} from "@truecopy/db";
import { z } from "zod";
import { isQueueName, type TQueueName, type TQueues } from "@truecopy/jobs";
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

// What a tracked run counts for each queue: the payload's list of items and what they were queued
// for. A Record over every queue name, so a new queue must say whether its messages belong to a run.
const RUN_ITEMS: Record<TQueueName, { key: string; what: string } | null> = {
  analyze: { key: "productIds", what: "products could not be queued for analysis" },
  lint: { key: "variantIds", what: "variants could not be queued for linting" },
  generate: { key: "productIds", what: "products could not be queued for generation" },
  vision: { key: "imageIds", what: "images could not be queued for checks" },
  dedupe: null,
  webhook: null,
  learn: null,
};

// Loose on purpose: a message is often given up on because its payload no longer parses, and its run
// still has to learn how many items it lost.
const ZRunOf = z.object({ jobRunId: z.uuid() });

/** A message that will never be queued still counts on its job run, so the run finishes as failed. */
async function failJobRunOf(db: TDatabase, m: TOutboxMessage): Promise<void> {
  const run = ZRunOf.safeParse(m.payload);
  if (!run.success) return;
  // An unknown queue (a message written by a newer release) is matched by whichever item list it has.
  const candidates = isQueueName(m.queue) ? [RUN_ITEMS[m.queue]] : Object.values(RUN_ITEMS).filter((c) => c !== null);
  const payload = m.payload as Record<string, unknown>;
  const found = candidates.find((c) => c !== null && Array.isArray(payload[c.key]));
  if (!found) return;
  const items = (payload[found.key] as unknown[]).length;
  await recordJobRunBatch(db.pool, {
    jobRunId: run.data.jobRunId,
    batchKey: `outbox-${m.id}`,
    processed: 0,
    failed: items,
    error: `${items} ${found.what} (outbox ${m.id})`,
  });
}
