export * from "./quality-score.js";
export { sentenceSpans } from "./quality-checks.js";
