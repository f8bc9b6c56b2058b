export { normalizeText } from "./normalize.js";
export {
  detectLanguage,
  countScripts,
  languageFromScripts,
  type TLanguage,
  type TLanguageGuess,
  type TLanguageIdentifier,
  type TDetectLanguageOptions,
  type TScriptCounts,
} from "./language.js";
export {
  hashedFeatureIds,
  DEFAULT_MAX_FEATURES,
  FEATURE_SCHEME_VERSION,
  type THashedFeatureOptions,
} from "./features.js";
export { hashString } from "./hash.js";
