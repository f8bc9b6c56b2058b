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
