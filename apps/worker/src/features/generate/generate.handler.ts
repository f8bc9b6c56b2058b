import type { Redis } from "ioredis";
import {
  generateCopy,
  generationIdempotencyKey,
  imageColourFacts,
  GENERATOR_NAME,
  GENERATOR_VERSION,
  LLM_GENERATOR,
  resolveLintLocale,
  storedClaims,
  storedGateReason,
  type TAttributeMap,
  type TBrandPack,
  type TGenerationCandidate,
  type TGenerationInput,
} from "@truecopy/core";
import {
  existingGenerationKeys,
  generationRunStatus,
  liveBrandPacks,
  loadProductsForGeneration,
  markJobRunStarted,
  productImageFacts,
  saveGeneratedVariants,
  type TDatabase,
  type TGeneratedVariant,
  type TProductForGeneration,
} from "@truecopy/db";
import type { TGeneratePayload } from "@truecopy/jobs";
import type { TLogger } from "@truecopy/config";
import { LlmUnavailableError, type TLlmProvider, type TLlmResult } from "./llm-provider.js";

export type TGenerateDeps = {
  db: TDatabase;
  /** Producer connection: the rate limit's counters, the LLM cache. */
  redis: Redis;
  prefix: string;
  log: TLogger;
  /** Null when no LLM endpoint is configured: "llm" requests use the template generator. */
  llm: TLlmProvider | null;
  sleep?: (ms: number) => Promise<void>;
};

export type TGenerateOutcome =
  | { state: "cancelled" | "paused" | "unknown-run" }
  | {
      state: "done";
      products: number;
      /** Variants written now, found already (same idempotency key), and held back by the gate. */
      created: number;
      existing: number;
      blocked: number;
      llmFallbacks: number;
    };

/** Variants per second a run writes when its request sets no rate. */
export const DEFAULT_RATE_PER_SECOND = 50;
/** How often (in variants) a running batch looks whether its run was cancelled or paused. */
const CANCEL_CHECK_EVERY = 20;

/**
 * One rate slot for the run, shared by every worker: a counter per second in Redis; when the
 * second's slots are taken, wait for the next second.
 */
export async function takeRateSlot(
  redis: Redis,
  key: string,
  perSecond: number,
  sleep: (ms: number) => Promise<void>,
): Promise<void> {
  for (;;) {
    const now = Date.now();
    const slot = `${key}:${Math.floor(now / 1000)}`;
    const n = await redis.incr(slot);
    if (n === 1) await redis.expire(slot, 5);
    if (n <= perSecond) return;
    await sleep(1000 - (now % 1000) + 5);
  }
}

function toAttributeMap(value: unknown): TAttributeMap {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  const out: Record<string, string | number | boolean | readonly string[]> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") out[k] = v;
    else if (Array.isArray(v)) out[k] = v.filter((x) => x != null).map(String);
  }
  return out;
}

/** The locale a product's copy is written in: its declared one, else the script of its attributes. */
function localeOf(p: TProductForGeneration, attributes: TAttributeMap): string {
  if (p.locale && p.locale !== "und") return p.locale;
  return resolveLintLocale(undefined, Object.entries(attributes).flat().join(" ")) === "zh" ? "zh-CN" : "en-US";
}

/** The outcome of a batch whose run no longer lets it write (gone, cancelled or paused); null goes on. */
function stopOutcome(status: Awaited<ReturnType<typeof generationRunStatus>>): TGenerateOutcome | null {
  if (status === null) return { state: "unknown-run" };
  if (status === "CANCELLED") return { state: "cancelled" };
  if (status === "PAUSED") return { state: "paused" };
  return null;
}

/**
 * Generates every asked-for field × style × audience of a batch of products and stores the
 * candidates (PENDING_REVIEW, or BLOCKED with the gate's reasons); never changes an existing
 * variant. Skips what already exists under the same idempotency key, honours the run's status
 * (PAUSED: the batch stops unwritten and comes back later; CANCELLED: it stops) and rate limit.
 */
export async function generateBatch(deps: TGenerateDeps, payload: TGeneratePayload): Promise<TGenerateOutcome> {
  const { pool } = deps.db;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const stopped = stopOutcome(await generationRunStatus(pool, payload.jobRunId));
  if (stopped) return stopped;
  await markJobRunStarted(pool, payload.jobRunId);

  const products = await loadProductsForGeneration(pool, payload.productIds);
  const packs = await liveBrandPacks(pool, [...new Set(products.map((p) => p.merchantId))]);
  const useLlm = payload.generator === "llm" && deps.llm !== null;
  const generator = useLlm ? LLM_GENERATOR : GENERATOR_NAME;
  const generatorVersion = useLlm ? deps.llm!.model : GENERATOR_VERSION;
  const audiences = payload.audiences.length ? payload.audiences : [null];

  type TJob = { product: TProductForGeneration; input: TGenerationInput; key: string; locale: string };
  const jobs: TJob[] = [];
  for (const product of products) {
    const attributes = toAttributeMap(product.attributes);
    const locale = localeOf(product, attributes);
    const brandPack: TBrandPack | undefined = packs.get(product.merchantId)?.pack ?? undefined;
    const imageFindings = imageColourFacts(await productImageFacts(pool, product.id), {
      locale: resolveLintLocale(locale, ""),
      attributes,
    });
    for (const field of payload.fields)
      for (const style of payload.styles)
        for (const audience of audiences)
          jobs.push({
            product,
            locale,
            input: {
              locale,
              field,
              style,
              audience,
              attributes,
              category: product.category,
              reviews: product.reviews,
              ...(imageFindings.length ? { imageFindings } : {}),
              ...(brandPack ? { brandPack } : {}),
            },
            key: generationIdempotencyKey({
              productId: product.id,
              productVersion: product.sourceVersion,
              field,
              locale,
              style,
              audience,
              generator,
              generatorVersion,
            }),
          });
  }
  const existing = await existingGenerationKeys(
    pool,
    jobs.map((j) => j.key),
  );
  const rateKey = `${deps.prefix}:generate:rate:${payload.jobRunId}`;
  const rate = payload.ratePerSecond ?? DEFAULT_RATE_PER_SECOND;
  const variants: TGeneratedVariant[] = [];
  let llmFallbacks = 0;
  let done = 0;
  for (const job of jobs) {
    if (existing.has(job.key)) continue;
    if (++done % CANCEL_CHECK_EVERY === 0) {
      // Nothing of the batch is written yet: a paused batch is simply done again after the resume.
      const stoppedNow = stopOutcome(await generationRunStatus(pool, payload.jobRunId));
      if (stoppedNow) return stoppedNow;
    }
    await takeRateSlot(deps.redis, rateKey, rate, sleep);
    let candidate: TGenerationCandidate;
    let llm: TLlmResult["usage"] | null = null;
    let key = job.key;
    if (useLlm) {
      try {
        const r = await deps.llm!.generate(job.input);
        candidate = r.candidate;
        llm = r.usage;
      } catch (e) {
        if (!(e instanceof LlmUnavailableError)) throw e;
        // The endpoint is down: the template generator writes this one (under its own key).
        deps.log.warn("LLM unavailable, using the template generator", { error: e.message });
        llmFallbacks++;
        candidate = generateCopy(job.input);
        key = generationIdempotencyKey({
          productId: job.product.id,
          productVersion: job.product.sourceVersion,
          field: job.input.field,
          locale: job.locale,
          style: job.input.style ?? "vivid",
          audience: job.input.audience ?? null,
          generator: GENERATOR_NAME,
          generatorVersion: GENERATOR_VERSION,
        });
      }
    } else candidate = generateCopy(job.input);
    variants.push({
      productId: job.product.id,
      productVersion: job.product.sourceVersion,
      field: job.input.field,
      locale: job.locale,
      text: candidate.text,
      origin: candidate.generator === LLM_GENERATOR ? "LLM" : "GENERATED",
      generator: candidate.generator,
      generatorVersion: candidate.generatorVersion,
      style: candidate.style,
      audience: candidate.audience,
      emphasis: candidate.emphasis,
      status: candidate.gate.status === "offered" ? "PENDING_REVIEW" : "BLOCKED",
      idempotencyKey: key,
      claims: storedClaims(candidate.claims),
      blockReasons: candidate.gate.status === "offered" ? null : candidate.gate.reasons.map(storedGateReason),
      generation: {
        generator: candidate.generator,
        generatorVersion: candidate.generatorVersion,
        style: candidate.style,
        audience: candidate.audience,
        emphasis: candidate.emphasis,
        ...(llm ? { llm } : {}),
      },
    });
  }
  const saved = await saveGeneratedVariants(pool, {
    variants,
    // Progress is per product; products deleted since the run started count as processed.
    progress: {
      jobRunId: payload.jobRunId,
      batchKey: payload.batchKey,
      processed: payload.productIds.length,
      failed: 0,
    },
  });
  return {
    state: "done",
    products: products.length,
    created: saved.created,
    existing: existing.size + saved.existing,
    blocked: variants.filter((v) => v.status === "BLOCKED").length,
    llmFallbacks,
  };
}
