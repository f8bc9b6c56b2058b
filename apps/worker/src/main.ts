import { createLogger } from "@truecopy/config";
import { loadEnv } from "./env.js";
import { startWorkerRuntime } from "./runtime.js";

const env = loadEnv();
const log = createLogger("worker", env.LOG_LEVEL);
const runtime = await startWorkerRuntime(env, log);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info("worker stopping", { signal });
  setTimeout(() => process.exit(1), 20_000).unref();
  await runtime.stop();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
