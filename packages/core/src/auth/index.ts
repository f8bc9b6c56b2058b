export * from "./roles.js";
export * from "./secrets.js";
