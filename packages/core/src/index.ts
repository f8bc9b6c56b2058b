export * from "./errors.js";
export * from "./catalog/index.js";
export * from "./auth/index.js";
export * from "./text/index.js";
export * from "./search/index.js";
export * from "./analysis/index.js";
export * from "./insights/index.js";
export * from "./lint/index.js";
