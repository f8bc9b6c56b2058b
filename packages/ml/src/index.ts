export {
  MODELS,
  DEFAULT_TEXT_EMBEDDING_MODEL,
  getModelSpec,
  isModelName,
  modelFileUrl,
  readVerifiedModel,
  type TModelKind,
  type TModelName,
  type TModelSpec,
} from "./registry.js";
export {
  createTextEmbedder,
  releaseEmbeddingSessions,
  type TTextEmbedder,
  type TTextEmbedderOptions,
} from "./embedder.js";
export {
  createSentimentClassifier,
  releaseSentimentSessions,
  toSentiment,
  DEFAULT_SENTIMENT_MODEL,
  DEFAULT_NEUTRAL_THRESHOLD,
  type TSentiment,
  type TSentimentClassifier,
  type TSentimentClassifierOptions,
  type TSentimentLabel,
} from "./sentiment.js";
export { loadSentimentLexicon } from "./sentiment-lexicon.js";
export { loadLanguageIdentifier, LANGUAGE_ID_MODEL } from "./language-id.js";
export {
  decodeImage,
  previewJpeg,
  resizeRaster,
  sniffImageFormat,
  IMAGE_FORMATS,
  IMAGE_MIME,
  MAX_IMAGE_PIXELS,
  type TDecodedImage,
  type TDecodeOptions,
  type TImageFormat,
} from "./image-decoder.js";
export { createOcr, releaseOcrSessions, type TOcr, type TOcrOptions, type TOcrResult } from "./ocr.js";
export { OCR_MODEL, loadOcrModelFiles } from "./ocr-models.js";
