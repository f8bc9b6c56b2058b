import { createLogger, parseEnv, testEnv, ZWorkerEnv } from "@truecopy/config";
import { createRedis } from "@truecopy/jobs";
import { startWorkerRuntime, type TWorkerRuntime } from "./runtime.js";

/**
 * A worker for integration tests, on queues named by `prefix` so runs never share jobs. The outbox
 * is polled every 50 ms so tests need not wait; `env` adds or overrides worker settings.
 */
export function startTestWorker(options: {
  prefix: string;
  databaseUrl?: string;
  env?: Record<string, string>;
}): Promise<TWorkerRuntime> {
  const shared = testEnv();
  return startWorkerRuntime(
    parseEnv(ZWorkerEnv, {
      DATABASE_URL: options.databaseUrl ?? shared.DATABASE_URL,
      REDIS_URL: shared.REDIS_URL,
      TRUECOPY_QUEUE_PREFIX: options.prefix,
      OUTBOX_POLL_MS: "50",
      LOG_LEVEL: "error",
      ...options.env,
    }),
    createLogger("test", "error"),
  );
}

/** Removes every Redis key of a test run's queues (retries still waiting included). */
export async function removeTestQueues(prefix: string): Promise<void> {
  const redis = createRedis(testEnv().REDIS_URL, "worker");
  try {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}
