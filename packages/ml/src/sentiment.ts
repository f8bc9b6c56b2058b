// Review sentiment with onnxruntime-node. One InferenceSession per model per process, shared by
// every classifier instance (same pattern as embedder.ts). The model gives P(negative) and
// P(positive). A text is "neutral" when it carries nothing to read (no letters or digits), when the
// model does not lean either way, or, if the caller asks for one, when its larger probability is
// below a neutral threshold.
import { hashedFeatureIds, SENTIMENT_LEXICON_FEATURES, sentimentLexiconFeatures } from "@truecopy/core";
import * as ort from "onnxruntime-node";
import { createSessionCache, runPacked } from "./onnx-runs.js";
import { getModelSpec } from "./registry.js";
import { loadSentimentLexicon } from "./sentiment-lexicon.js";

export type TSentimentLabel = "positive" | "negative" | "neutral";

export type TSentiment = {
  label: TSentimentLabel;
  /**
   * Probability of the label for "positive"/"negative". For "neutral" it is the larger of the two
   * class probabilities (in [0.5, threshold)), i.e. how far the model leaned; 0.5 for a text with
   * no letters or digits or one the model reads as an exact tie.
   */
  score: number;
};

export type TSentimentClassifier = {
  model: { name: string; version: string };
  /** One result per text, in input order. */
  classify(texts: readonly string[]): Promise<TSentiment[]>;
};

export type TSentimentClassifierOptions = {
  /** Model name in the registry (default "sentiment-v2"). */
  model?: string;
  /**
   * Below this larger-class probability the label is "neutral". The default, 0.5, gives every text
   * the model leans on a polar label: the model has no neutral class, and on held-out reviews even
   * its least sure answers are right more often than not (see the model card). Callers that would
   * rather abstain pass e.g. 0.65.
   */
  neutralThreshold?: number;
  /** Most texts per session run (default 32). */
  batchSize?: number;
  /** Most ids (texts × padded length) per session run, bounding memory (default 32768). */
  maxIdsPerRun?: number;
  /** Load the model from this file instead of the package's models/ (tests); still sha256-checked. */
  modelUrl?: URL;
};

export const DEFAULT_SENTIMENT_MODEL = "sentiment-v2";
export const DEFAULT_NEUTRAL_THRESHOLD = 0.5;

const sessions = createSessionCache();

/** Releases the cached sessions (for tests and graceful shutdown). */
export const releaseSentimentSessions = (): Promise<void> => sessions.release();

export function toSentiment(pPositive: number, neutralThreshold: number): TSentiment {
  const pNegative = 1 - pPositive;
  const top = Math.max(pPositive, pNegative);
  // An exact tie is no reading at all, whatever the threshold.
  if (top < neutralThreshold || pPositive === pNegative) return { label: "neutral", score: top };
  return pPositive >= pNegative ? { label: "positive", score: pPositive } : { label: "negative", score: pNegative };
}

export function createSentimentClassifier(options: TSentimentClassifierOptions = {}): TSentimentClassifier {
  const spec = getModelSpec(options.model ?? DEFAULT_SENTIMENT_MODEL);
  if (spec.kind !== "sentiment")
    throw new RangeError(`model ${spec.name} is a ${spec.kind} model, not a sentiment model`);
  const threshold = options.neutralThreshold ?? DEFAULT_NEUTRAL_THRESHOLD;
  if (!(threshold >= 0.5 && threshold <= 1))
    throw new RangeError(`neutralThreshold must be in [0.5, 1], got ${threshold}`);
  const batchSize = Math.max(1, options.batchSize ?? 32);
  const maxIdsPerRun = Math.max(spec.maxFeatures, options.maxIdsPerRun ?? 32768);
  const padId = spec.buckets;
  const lexiconWidth = spec.lexiconFeatures ?? 0;
  if (lexiconWidth !== 0 && lexiconWidth !== SENTIMENT_LEXICON_FEATURES)
    throw new RangeError(
      `${spec.name} reads ${lexiconWidth} lexicon features, this build computes ${SENTIMENT_LEXICON_FEATURES}`,
    );

  async function classify(texts: readonly string[]): Promise<TSentiment[]> {
    if (texts.length === 0) return [];
    const ids = texts.map((t) => hashedFeatureIds(t, { buckets: spec.buckets, maxFeatures: spec.maxFeatures }));
    const out = new Array<TSentiment>(texts.length);
    // Texts without features never reach the model: their result is defined, not a bias artefact.
    const order = ids
      .map((_, i) => i)
      .filter((i) => {
        if (ids[i]!.length > 0) return true;
        out[i] = { label: "neutral", score: 0.5 };
        return false;
      })
      .sort((a, b) => ids[a]!.length - ids[b]!.length);
    if (order.length === 0) return out;
    const session = await sessions.get(spec, options.modelUrl);
    const lexicon = lexiconWidth ? loadSentimentLexicon() : null;

    await runPacked({
      session,
      ids,
      order,
      batchSize,
      maxIdsPerRun,
      padId,
      output: "probabilities",
      ...(lexicon && {
        extraInputs: (textIndices: readonly number[]) => {
          const rows = new Float32Array(textIndices.length * lexiconWidth);
          textIndices.forEach((i, row) => rows.set(sentimentLexiconFeatures(texts[i]!, lexicon), row * lexiconWidth));
          return { lexicon: new ort.Tensor("float32", rows, [textIndices.length, lexiconWidth]) };
        },
      }),
      take: (textIndex, data, row) => {
        out[textIndex] = toSentiment(data[row * 2 + 1]!, threshold);
      },
    });
    return out;
  }

  return { model: { name: spec.name, version: spec.version }, classify };
}
