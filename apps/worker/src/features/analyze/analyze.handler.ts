import {
  copyInsights,
  detectLanguage,
  extractAspectMentions,
  judgeMention,
  normalizeText,
  searchDocument,
  summarizeAspects,
  summarizeSentiments,
  type TAspectMention,
  type TLanguage,
} from "@truecopy/core";
import {
  enqueueDedupe,
  loadProductsForAnalysis,
  markJobRunStarted,
  saveProductAnalyses,
  type TDatabase,
} from "@truecopy/db";
import type { TAnalyzePayload } from "@truecopy/jobs";
import { loadLanguageIdentifier, type TSentiment, type TSentimentClassifier, type TTextEmbedder } from "@truecopy/ml";
import { noProgress, type TProgress } from "../../progress.js";

export type TAnalyzeDeps = { db: TDatabase; embedder: TTextEmbedder; sentiment: TSentimentClassifier };

// Reviews beyond these are not read for the summary (a product may have a thousand).
const REVIEWS_PER_PRODUCT = 200;

// Descriptions can be 100k characters; the embedding only needs the head of the copy.
const EMBED_CHARS = 4_000;

// Products analysed between two progress reports (the models run once per chunk).
const CHUNK = 50;
// The share of the job's progress the analysis takes; storing it is the rest.
const COMPUTE_SHARE = 0.9;

type TLoadedProduct = Awaited<ReturnType<typeof loadProductsForAnalysis>>[number];
type TIdentify = Awaited<ReturnType<typeof loadLanguageIdentifier>>;

/** The language aspect labels and summaries are written in: the copy's, else the declared locale's. */
function summaryLanguage(language: TLanguage, locale: string | null): "zh" | "en" {
  if (language === "zh" || language === "mixed") return "zh";
  if (language === "en") return "en";
  return locale?.toLowerCase().startsWith("zh") ? "zh" : "en";
}

/**
 * Normalises, detects the language, extracts keyphrases and the copy's facts (compared with the
 * attributes), classifies the reviews' sentiment, extracts and summarises review aspects (each
 * aspect judged by the lexicon and the sentiment model's reading of its clause) and embeds each
 * product, then stores analyses, embeddings and progress in one transaction. Products deleted
 * since the job was queued count as processed.
 */
export async function analyzeProducts(
  deps: TAnalyzeDeps,
  payload: TAnalyzePayload,
  progress: TProgress = noProgress,
): Promise<{ analyzed: number }> {
  const { pool } = deps.db;
  await markJobRunStarted(pool, payload.jobRunId);
  const products = await loadProductsForAnalysis(pool, payload.productIds, REVIEWS_PER_PRODUCT);
  const identify = await loadLanguageIdentifier();
  const analyses: Awaited<ReturnType<typeof analyzeChunk>> = [];
  for (let at = 0; at < products.length; at += CHUNK) {
    analyses.push(...(await analyzeChunk(deps, products.slice(at, at + CHUNK), identify)));
    await progress((COMPUTE_SHARE * Math.min(products.length, at + CHUNK)) / products.length);
  }
  await saveProductAnalyses(pool, {
    model: deps.embedder.model,
    analyses,
    progress: {
      jobRunId: payload.jobRunId,
      batchKey: payload.batchKey,
      processed: payload.productIds.length,
      failed: 0,
    },
  });
  // Duplicate detection needs the embeddings just stored. A crash before this line retries the
  // whole (idempotent) analysis, so the check is never lost.
  await enqueueDedupe(
    pool,
    products.map((p) => p.id),
  );
  await progress(1);
  return { analyzed: products.length };
}

async function analyzeChunk(deps: TAnalyzeDeps, products: TLoadedProduct[], identify: TIdentify) {
  const prepared = products.map((p) => {
    const title = normalizeText(p.title);
    const description = normalizeText(p.description);
    return { p, title, description, text: `${title}\n${description}`.slice(0, EMBED_CHARS) };
  });
  const vectors = await deps.embedder.embed(prepared.map((x) => x.text));
  const mentions = products.map((p) => p.reviews.map((r) => extractAspectMentions(r.text)));
  // One model run over every review and every distinct clause that names an aspect.
  const reviewTexts = products.flatMap((p) => p.reviews.map((r) => r.text));
  const clauses = [...new Set(mentions.flat(2).map((m) => m.clause.text))];
  const sentiments = await deps.sentiment.classify([...reviewTexts, ...clauses]);
  const clauseSentiment = new Map<string, TSentiment>(clauses.map((c, i) => [c, sentiments[reviewTexts.length + i]!]));
  const judge = (m: TAspectMention) => judgeMention(m, clauseSentiment.get(m.clause.text));
  let next = 0;
  return prepared.map((x, i) => {
    const reviews = x.p.reviews;
    const reviewSummary = summarizeSentiments(sentiments.slice(next, (next += reviews.length)).map((s) => s.label));
    const language = detectLanguage(`${x.title}\n${x.description}`, { identify });
    const aspects = summarizeAspects(
      reviews.map((r, k) => ({ reviewId: r.id, mentions: mentions[i]![k]!.map(judge) })),
      { language: summaryLanguage(language, x.p.locale) },
    );
    return {
      productId: x.p.id,
      sourceVersion: x.p.sourceVersion,
      language,
      normalized: { title: x.title, descriptionLength: x.description.length },
      ...(({ keyphrases, facts }) => ({ keyphrases, attributes: facts }))(copyInsights(x.p)),
      aspects: { reviews: reviewSummary, aspects, model: deps.sentiment.model.name },
      // The sku is searchable too: people paste it into the search box.
      searchDocument: searchDocument(`${x.p.sku}\n${x.text}`),
      vector: vectors[i]!,
    };
  });
}
