export { startWorkerRuntime, type TWorkerRuntime } from "./runtime.js";
