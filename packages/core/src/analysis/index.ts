export { tokenize, type TToken, type TTokenKind } from "./tokenizer.js";
export { isStopword, STOPWORDS } from "./stopwords.js";
export { lemmatizeEnglish } from "./english-lemmatizer.js";
export {
  extractKeyphrases,
  buildDocumentFrequencies,
  keyphraseTerm,
  type TKeyphrase,
  type TKeyphraseOptions,
  type TDocumentFrequencies,
} from "./keyphrase-extractor.js";
export {
  extractAttributes,
  type TAttributeFact,
  type TAttributeKey,
  type TExtractOptions,
} from "./attribute-extractor.js";
export {
  compareAttributes,
  attributeKeyOf,
  type TAttributeComparison,
  type TComparisonStatus,
} from "./attribute-comparison.js";
