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
  const client = new Redis(url, { lazyConnect: false, ...options });
  // An outage surfaces where it matters (readiness checks, failing commands, the relay's log);
  // without a listener ioredis would also print every reconnect attempt to stderr.
  client.on("error", () => undefined);
  return client;
}
