import { createLogger, stopOnSignals } from "@truecopy/config";
import { loadEnv } from "./env.js";
import { startApiServer } from "./server.js";

const env = loadEnv();
const log = createLogger("api", env.LOG_LEVEL);
const server = await startApiServer(env, log);
stopOnSignals({ log, service: "api", stop: () => server.stop(), graceMs: 15_000 });
