import { createLogger } from "@truecopy/config";
import { loadEnv } from "./env.js";
import { startApiServer } from "./server.js";

const env = loadEnv();
const log = createLogger("api", env.LOG_LEVEL);
const server = await startApiServer(env, log);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info("api stopping", { signal });
  setTimeout(() => process.exit(1), 15_000).unref();
  await server.stop();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
