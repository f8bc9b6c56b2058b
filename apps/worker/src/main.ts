import { createLogger, stopOnSignals } from "@truecopy/config";
import { loadEnv } from "./env.js";
import { startWorkerRuntime } from "./runtime.js";

const env = loadEnv();
const log = createLogger("worker", env.LOG_LEVEL);
const runtime = await startWorkerRuntime(env, log);
// Active jobs get time to finish; a job cut off later is picked up again as stalled.
stopOnSignals({ log, service: "worker", stop: () => runtime.stop(), graceMs: 20_000 });
