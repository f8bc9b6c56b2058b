export * from "./copy-facts.js";
export { ASPECTS, ASPECT_IDS, type TAspectDefinition, type TAspectId, type TAspectTerm } from "./aspect-lexicon.js";
export {
  extractAspectMentions,
  judgeMention,
  MODEL_DECIDES_AT,
  MODEL_OVERRULES_AT,
  type TAspectMention,
  type TAspectPolarity,
  type TClauseSentiment,
  type TJudgedMention,
  type TAspectSpan,
} from "./review-aspects.js";
export { summarizeAspects, type TAspectQuote, type TAspectSummary, type TReviewMentions } from "./aspect-summary.js";
export { SENTIMENT_LEXICON_FEATURES, sentimentLexiconFeatures, type TSentimentLexicon } from "./sentiment-lexicon.js";
