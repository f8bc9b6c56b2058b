import { Redis, type RedisOptions } from "ioredis";

/**
 * Workers and QueueEvents block on Redis and must never give up on a command
 * (`maxRetriesPerRequest: null`); producers fail fast so an API request does not hang on an outage.
 */
export function createRedis(url: string, role: "producer" | "worker"): Redis {
  const options: RedisOptions =
    role === "worker"
      ? { maxRetriesPerRequest: null, enableReadyCheck: true }
      : { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2_000 };
  return new Redis(url, { lazyConnect: false, ...options });
}
