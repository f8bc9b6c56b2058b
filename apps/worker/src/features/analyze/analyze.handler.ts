import { copyInsights, detectLanguage, normalizeText, searchDocument, summarizeSentiments } from "@truecopy/core";
import { loadProductsForAnalysis, markJobRunStarted, saveProductAnalyses, type TDatabase } from "@truecopy/db";
import type { TAnalyzePayload } from "@truecopy/jobs";
import type { TSentimentClassifier, TTextEmbedder } from "@truecopy/ml";

export type TAnalyzeDeps = { db: TDatabase; embedder: TTextEmbedder; sentiment: TSentimentClassifier };

// Reviews beyond these are not read for the summary (a product may have a thousand).
const REVIEWS_PER_PRODUCT = 200;

// Descriptions can be 100k characters; the embedding only needs the head of the copy.
const EMBED_CHARS = 4_000;

/**
 * Normalises, detects the language, extracts keyphrases and the copy's facts (compared with the
 * attributes), classifies the reviews' sentiment and embeds each product, then stores analyses,
 * embeddings and progress in one transaction. Products deleted since the job was queued count as
 * processed.
 */
export async function analyzeProducts(deps: TAnalyzeDeps, payload: TAnalyzePayload): Promise<{ analyzed: number }> {
  const { pool } = deps.db;
  await markJobRunStarted(pool, payload.jobRunId);
  const products = await loadProductsForAnalysis(pool, payload.productIds);
  const prepared = products.map((p) => {
    const title = normalizeText(p.title);
    const description = normalizeText(p.description);
    return { p, title, description, text: `${title}\n${description}`.slice(0, EMBED_CHARS) };
  });
  const vectors = await deps.embedder.embed(prepared.map((x) => x.text));
  const reviews = products.map((p) => p.reviews.slice(0, REVIEWS_PER_PRODUCT));
  const sentiments = await deps.sentiment.classify(reviews.flat());
  let next = 0;
  const reviewSummaries = reviews.map((texts) =>
    summarizeSentiments(sentiments.slice(next, (next += texts.length)).map((s) => s.label)),
  );
  await saveProductAnalyses(pool, {
    model: { name: deps.embedder.model.name, dim: deps.embedder.model.dim },
    analyses: prepared.map((x, i) => ({
      productId: x.p.id,
      sourceVersion: x.p.sourceVersion,
      language: detectLanguage(`${x.title}\n${x.description}`),
      normalized: { title: x.title, descriptionLength: x.description.length },
      ...(({ keyphrases, facts }) => ({ keyphrases, attributes: facts }))(copyInsights(x.p)),
      aspects: { reviews: reviewSummaries[i], model: deps.sentiment.model.name },
      // The sku is searchable too: people paste it into the search box.
      searchDocument: searchDocument(`${x.p.sku}\n${x.text}`),
      vector: vectors[i]!,
    })),
    progress: {
      jobRunId: payload.jobRunId,
      batchKey: payload.batchKey,
      processed: payload.productIds.length,
      failed: 0,
    },
  });
  return { analyzed: products.length };
}
