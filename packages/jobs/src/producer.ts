import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { QUEUES, parsePayload, type TPayloadOf, type TQueueName } from "./queues.js";

export type TQueues = {
  enqueue<Q extends TQueueName>(queue: Q, payload: TPayloadOf<Q>, opts: { jobId: string }): Promise<string>;
  get(queue: TQueueName): Queue;
  close(): Promise<void>;
};

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
    async enqueue(queue, payload, { jobId }) {
      const data = parsePayload(queue, payload);
      const job = await get(queue).add(QUEUES[queue].jobName, data, { jobId });
      return job.id ?? jobId;
    },
    async close() {
      await Promise.all([...cache.values()].map((q) => q.close()));
      cache.clear();
    },
  };
}
