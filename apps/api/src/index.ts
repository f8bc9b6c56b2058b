export { startApiServer, type TApiServer } from "./server.js";
export { loadEnv } from "./env.js";
