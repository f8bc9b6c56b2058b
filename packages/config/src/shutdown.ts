import type { TLogger } from "./logger.js";

/**
 * Runs `stop` once on SIGINT or SIGTERM, then exits 0; exits 1 if stopping takes longer than
 * `graceMs` (a hung connection must not keep a supervisor waiting forever).
 */
export function stopOnSignals(o: { log: TLogger; service: string; stop: () => Promise<void>; graceMs: number }): void {
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    o.log.info(`${o.service} stopping`, { signal });
    setTimeout(() => process.exit(1), o.graceMs).unref();
    try {
      await o.stop();
      process.exit(0);
    } catch (e) {
      o.log.error(`${o.service} did not stop cleanly`, { error: (e as Error).message });
      process.exit(1);
    }
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}
