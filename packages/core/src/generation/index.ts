export * from "./types.js";
export { generateCopy } from "./generate.js";
export { gateCandidate, factTerms, evidenceAttributes, type TFactTerm } from "./gate.js";
export { planFacts, audienceProfile, type TPlan } from "./planner.js";
export { inputFacts, praiseFacts, imageColourFacts, sourceOf, type TFact } from "./facts.js";
export {
  compiledModel,
  compileModel,
  slotClassOf,
  GENERATOR_MODEL,
  GENERATOR_NAME,
  GENERATOR_VERSION,
  type TGeneratorModel,
  type TTemplate,
} from "./model.js";
export { generationIdempotencyKey } from "./idempotency.js";
export {
  llmRequest,
  llmCandidate,
  claimsOfText,
  completionText,
  completionUsage,
  llmCostUsd,
  retryDelayMs,
  LLM_GENERATOR,
  type TLlmRequest,
  type TLlmMessage,
  type TLlmUsage,
} from "./llm.js";
