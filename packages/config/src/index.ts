export * from "./env.js";
export * from "./logger.js";
export * from "./test-env.js";
export * from "./shutdown.js";
export * from "./tracing.js";
