import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { QUEUES, parsePayload, type TPayloadOf, type TQueueName } from "./queues.js";

export type TQueues = {
  /** `traceparent` continues a trace in the worker; it travels next to the payload, not in it. */
  enqueue<Q extends TQueueName>(
    queue: Q,
    payload: TPayloadOf<Q>,
    opts: { jobId: string; traceparent?: string | null },
  ): Promise<string>;
  get(queue: TQueueName): Queue;
  close(): Promise<void>;
};

/** Job data key of the W3C trace context (payload schemas strip unknown keys, so processors never see it). */
export const TRACE_KEY = "_traceparent";

/** Producer side: validates every payload before it reaches Redis; jobId makes enqueueing idempotent. */
export function createQueues(connection: Redis, prefix: string): TQueues {
  const cache = new Map<TQueueName, Queue>();
  const get = (name: TQueueName): Queue => {
    let q = cache.get(name);
    if (!q) {
      q = new Queue(name, { connection, prefix, defaultJobOptions: QUEUES[name].defaults });
      // Outages surface as failing enqueue calls; BullMQ would otherwise print each reconnect error.
      q.on("error", () => undefined);
      cache.set(name, q);
    }
    return q;
  };
  return {
    get,
    async enqueue(queue, payload, { jobId, traceparent }) {
      const data = { ...parsePayload(queue, payload), ...(traceparent ? { [TRACE_KEY]: traceparent } : {}) };
      const job = await get(queue).add(QUEUES[queue].jobName, data, { jobId });
      return job.id ?? jobId;
    },
    async close() {
      await Promise.all([...cache.values()].map((q) => q.close()));
      cache.clear();
    },
  };
}
