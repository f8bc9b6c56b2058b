import { createLogger, startTracing, stopOnSignals } from "@truecopy/config";
import { loadEnv } from "./env.js";
import { startApiServer } from "./server.js";

const env = loadEnv();
const log = createLogger("api", env.LOG_LEVEL);
const tracing = startTracing("truecopy-api", { endpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT });
const server = await startApiServer(env, log);
stopOnSignals({
  log,
  service: "api",
  stop: async () => {
    await server.stop();
    await tracing.shutdown();
  },
  graceMs: 15_000,
});
