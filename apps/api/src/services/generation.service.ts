import { Redis } from "ioredis";
import { z } from "zod";
import {
  AppError,
  generateCopy,
  imageColourFacts,
  resolveLintLocale,
  type TAttributeMap,
  type TGateReason,
  type TGenerationCandidate,
} from "@truecopy/core";
import {
  cancelGenerationRun,
  GENERATE_QUEUE,
  generationRunStats,
  liveBrandPacks,
  loadProductsForGeneration,
  MAX_GENERATION_PRODUCTS,
  productImageFacts,
  queueGenerationRun,
} from "@truecopy/db";
import { generationPauseKey, QueueName } from "@truecopy/jobs";
import type { TContext } from "../context.js";
import { merchantScope, requirePrincipal } from "../auth/auth-checker.js";
import type { JobRun } from "../schema/types.js";
import type {
  GateReason,
  GenerationFilter,
  GenerationPreview,
  GenerationRun,
  GenerationStyle,
  GeneratorKind,
} from "../schema/generation.types.js";
import { GateStatus } from "../schema/generation.types.js";
import { Severity } from "../schema/lint.types.js";
import type { VariantField } from "../schema/variant.types.js";
import { toJobRun } from "./job-run.service.js";
import { toLintResult } from "./lint.service.js";
import { assertUuid } from "./product.service.js";

/** A paused run's flag outlives any reasonable pause; an abandoned one expires. */
const PAUSE_TTL_SECONDS = 7 * 24 * 3600;

const ZAudience = z
  .string()
  .trim()
  .min(1, { error: "an audience is a non-empty word such as 运动 or sport" })
  .max(40, { error: "an audience is at most 40 characters" })
  .regex(/^[\p{L}\p{N} _-]+$/u, { error: "an audience is letters, digits, spaces, _ or -" });

function audienceOf(value: string | null | undefined): string | null {
  if (value == null || value === "") return null;
  const r = ZAudience.safeParse(value);
  if (!r.success)
    throw new AppError("BAD_USER_INPUT", `audience: ${r.error.issues[0]!.message}`, { field: "audience" });
  return r.data;
}

function attributeMap(value: unknown): TAttributeMap {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  const out: Record<string, string | number | boolean | readonly string[]> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") out[k] = v;
    else if (Array.isArray(v)) out[k] = v.filter((x) => x != null).map(String);
  }
  return out;
}

const SEVERITY: Record<string, Severity> = {
  INFO: Severity.INFO,
  LOW: Severity.LOW,
  MEDIUM: Severity.MEDIUM,
  HIGH: Severity.HIGH,
  CRITICAL: Severity.CRITICAL,
};

export function toGateReason(r: TGateReason): GateReason {
  switch (r.code) {
    case "lint_finding":
      return {
        code: r.code,
        detail: r.rule,
        text: r.match,
        start: r.start,
        end: r.end,
        severity: SEVERITY[r.severity] ?? null,
      };
    case "ungrounded_claim":
      return {
        code: r.code,
        detail: `${r.kind}: ${r.status}`,
        text: r.text,
        start: r.start,
        end: r.end,
        severity: null,
      };
    case "unsourced_fact":
      return { code: r.code, detail: r.kind, text: r.term, start: r.start, end: r.end, severity: null };
    case "empty":
      return { code: r.code, detail: r.message, text: "", start: null, end: null, severity: null };
  }
}

export function toPreview(c: TGenerationCandidate, brandPackVersion: number | null): GenerationPreview {
  return {
    text: c.text,
    locale: c.locale,
    field: c.field as VariantField,
    style: c.style as GenerationStyle,
    audience: c.audience,
    emphasis: c.emphasis,
    claims: c.claims.map((x) => ({
      text: x.text,
      start: x.start,
      end: x.end,
      source: x.source,
      sourceKind: x.provenance.kind,
      sourceRef:
        x.provenance.kind === "attribute"
          ? x.provenance.key
          : x.provenance.kind === "review"
            ? (x.provenance.reviewIds[0] ?? "")
            : x.provenance.imageId,
    })),
    status: c.gate.status === "offered" ? GateStatus.OFFERED : GateStatus.BLOCKED,
    reasons: c.gate.reasons.map(toGateReason),
    lint: toLintResult(
      {
        verdict: c.gate.verdict,
        locale: c.locale,
        findings: c.gate.findings,
        claims: c.gate.lintClaims,
        packs: c.gate.packs,
      },
      brandPackVersion,
    ),
    generator: c.generator,
    generatorVersion: c.generatorVersion,
  };
}

/**
 * Writes one candidate for a product field now, from the product's attributes, reviews and checked
 * images and its merchant's brand pack, through the gate; stores nothing. Another merchant's
 * product (for merchant-bound callers) is NOT_FOUND, like a missing one.
 */
export async function previewGeneration(
  ctx: TContext,
  args: {
    productId: string;
    field: VariantField;
    locale?: string | null | undefined;
    style?: GenerationStyle | null | undefined;
    audience?: string | null | undefined;
  },
): Promise<GenerationPreview> {
  assertUuid(args.productId, "productId");
  const scope = merchantScope(ctx);
  const pool = ctx.services.db.pool;
  const [product] = await loadProductsForGeneration(pool, [args.productId]);
  if (!product || (scope && product.merchantId !== scope))
    throw new AppError("NOT_FOUND", `product ${args.productId} not found`);
  if (args.locale != null && !/^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/.test(args.locale))
    throw new AppError("BAD_USER_INPUT", "locale must look like zh, zh-CN or en-US", { field: "locale" });
  const attributes = attributeMap(product.attributes);
  const locale =
    args.locale ??
    product.locale ??
    (resolveLintLocale(undefined, Object.entries(attributes).flat().join(" ")) === "zh" ? "zh-CN" : "en-US");
  const pack = (await liveBrandPacks(pool, [product.merchantId])).get(product.merchantId);
  const imageFindings = imageColourFacts(await productImageFacts(pool, product.id), {
    locale: resolveLintLocale(locale, ""),
    attributes,
  });
  const candidate = generateCopy({
    locale,
    field: args.field,
    style: args.style ?? "vivid",
    audience: audienceOf(args.audience),
    attributes,
    category: product.category,
    reviews: product.reviews,
    ...(imageFindings.length ? { imageFindings } : {}),
    ...(pack?.pack ? { brandPack: pack.pack } : {}),
  });
  return toPreview(candidate, pack?.pack ? pack.version : null);
}

/** Queues a batch generation over a selection of products; returns its job run. */
export async function startGeneration(
  ctx: TContext,
  args: {
    filter: GenerationFilter;
    fields: VariantField[];
    styles?: GenerationStyle[] | null | undefined;
    audiences?: string[] | null | undefined;
    generator?: GeneratorKind | null | undefined;
    ratePerSecond?: number | null | undefined;
  },
): Promise<JobRun> {
  const principal = requirePrincipal(ctx);
  const merchantId = merchantScope(ctx, args.filter.merchantId ?? null);
  if (merchantId) assertUuid(merchantId, "merchantId");
  const fields = [...new Set(args.fields)];
  if (!fields.length) throw new AppError("BAD_USER_INPUT", "fields: name at least one field", { field: "fields" });
  const styles = [...new Set(args.styles?.length ? args.styles : (["vivid"] as GenerationStyle[]))];
  const audiences = [...new Set((args.audiences ?? []).map((a) => audienceOf(a)).filter((a): a is string => !!a))];
  if (audiences.length > 8) throw new AppError("BAD_USER_INPUT", "audiences: at most 8", { field: "audiences" });
  const ids = args.filter.productIds ?? [];
  if (ids.length > MAX_GENERATION_PRODUCTS)
    throw new AppError("BAD_USER_INPUT", `productIds: at most ${MAX_GENERATION_PRODUCTS}`, {
      field: "filter.productIds",
    });
  for (const id of ids) assertUuid(id, "filter.productIds");
  const search = args.filter.search?.trim();
  if (search && search.length > 200) throw new AppError("BAD_USER_INPUT", "search is limited to 200 characters");
  const rate = args.ratePerSecond ?? undefined;
  if (rate !== undefined && (!Number.isInteger(rate) || rate < 1 || rate > 10_000))
    throw new AppError("BAD_USER_INPUT", "ratePerSecond must be 1..10000", { field: "ratePerSecond" });
  const { jobRunId } = await queueGenerationRun(ctx.services.db.pool, {
    selection: { merchantId, productIds: ids, category: args.filter.category ?? null, search: search ?? null },
    request: {
      fields,
      styles,
      audiences,
      ...(args.generator ? { generator: args.generator } : {}),
      ...(rate ? { ratePerSecond: rate } : {}),
    },
    actorId: principal.kind === "user" ? principal.userId : null,
  });
  const run = await ctx.services.db.prisma.jobRun.findUniqueOrThrow({ where: { id: jobRunId } });
  return toJobRun(run);
}

async function generationRunOf(ctx: TContext, jobRunId: string) {
  assertUuid(jobRunId, "jobRunId");
  const scope = merchantScope(ctx);
  const run = await ctx.services.db.prisma.jobRun.findFirst({
    where: { id: jobRunId, queue: GENERATE_QUEUE, ...(scope ? { merchantId: scope } : {}) },
  });
  if (!run) throw new AppError("NOT_FOUND", `generation run ${jobRunId} not found`);
  return run;
}

/**
 * The producer's Redis connection (the one the queues were created with): pause flags live next
 * to the jobs they hold back.
 */
function pauseRedis(ctx: TContext): Redis {
  const connection: unknown = ctx.services.queues.get(QueueName.generate).opts.connection;
  if (!(connection instanceof Redis)) throw new AppError("UNAVAILABLE", "the job queue has no Redis connection");
  return connection as Redis;
}

async function describeRun(ctx: TContext, run: Parameters<typeof toJobRun>[0]): Promise<GenerationRun> {
  const redis = pauseRedis(ctx);
  const [paused, stats] = await Promise.all([
    redis.exists(generationPauseKey(ctx.services.env.TRUECOPY_QUEUE_PREFIX, run.id)),
    generationRunStats(ctx.services.db.pool, run.id),
  ]);
  const finished = run.status === "COMPLETED" || run.status === "FAILED" || run.status === "CANCELLED";
  return {
    jobRun: toJobRun(run),
    paused: paused > 0 && !finished,
    offered: stats.offered,
    blocked: stats.blocked,
    blockedReasons: Object.entries(stats.blockedReasons)
      .map(([code, count]): { code: string; count: number } => ({ code, count }))
      .sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : 1)),
    promptTokens: stats.promptTokens,
    completionTokens: stats.completionTokens,
    costUsd: stats.costUsd,
  };
}

export async function getGenerationRun(ctx: TContext, jobRunId: string): Promise<GenerationRun | null> {
  try {
    return await describeRun(ctx, await generationRunOf(ctx, jobRunId));
  } catch (e) {
    if (e instanceof AppError && e.code === "NOT_FOUND") return null;
    throw e;
  }
}

/** Pauses (its batches wait), resumes or cancels a generation run that has not finished. */
export async function controlGeneration(
  ctx: TContext,
  jobRunId: string,
  action: "pause" | "resume" | "cancel",
): Promise<GenerationRun> {
  const run = await generationRunOf(ctx, jobRunId);
  const redis = pauseRedis(ctx);
  const key = generationPauseKey(ctx.services.env.TRUECOPY_QUEUE_PREFIX, run.id);
  const finished = run.status === "COMPLETED" || run.status === "FAILED" || run.status === "CANCELLED";
  if (finished && action !== "resume")
    throw new AppError("CONFLICT", `generation run ${run.id} has already finished (${run.status})`, {
      status: run.status,
    });
  if (action === "pause") await redis.set(key, "1", "EX", PAUSE_TTL_SECONDS);
  else if (action === "resume") await redis.del(key);
  else {
    await cancelGenerationRun(ctx.services.db.pool, run.id);
    await redis.del(key);
  }
  return describeRun(ctx, await generationRunOf(ctx, run.id));
}
