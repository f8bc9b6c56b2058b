export * from "./types.js";
export { lint, verdictOf, resolveLintLocale, mergeFindings } from "./lint.js";
export { brandPackSchema, brandPackErrors, BRAND_PACK_ID } from "./brand-pack.js";
export { ZRulePack, parseRulePack, RULE_CATEGORIES, type TRulePack, type TRule } from "./rule-pack.schema.js";
export { BUILT_IN_PACKS } from "./rule-packs.js";
export { ruleLabel, builtInRuleIds, type TRuleLabel, type TUiLanguage } from "./rule-labels.js";
export { superlativeFeatures, SUPERLATIVE_BUCKETS, SUPERLATIVE_FEATURES_VERSION } from "./superlative-features.js";
export { superlativeProbability, SUPERLATIVE_MODEL } from "./superlative-classifier.js";
export { clauseSpans } from "./clauses.js";
