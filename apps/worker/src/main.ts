import { createLogger, startTracing, stopOnSignals } from "@truecopy/config";
import { loadEnv } from "./env.js";
import { startWorkerRuntime } from "./runtime.js";

const env = loadEnv();
const log = createLogger("worker", env.LOG_LEVEL);
const tracing = startTracing("truecopy-worker", { endpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT });
const runtime = await startWorkerRuntime(env, log);
// Active jobs get time to finish; a job cut off later is picked up again as stalled.
stopOnSignals({
  log,
  service: "worker",
  stop: async () => {
    await runtime.stop();
    await tracing.shutdown();
  },
  graceMs: 20_000,
});
