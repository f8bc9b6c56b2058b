import { z } from "zod";
import {
  AppError,
  generateCopy,
  imageColourFacts,
  claimSourceParts,
  resolveLintLocale,
  storedClaims,
  storedGateReason,
  type TAttributeMap,
  type TGateReason,
  type TGenerationCandidate,
  type TStoredClaim,
  type TStoredGateReason,
} from "@truecopy/core";
import {
  cancelGenerationRun,
  GENERATE_QUEUE,
  generationRunStats,
  liveBrandPacks,
  loadProductsForGeneration,
  MAX_GENERATION_PRODUCTS,
  pauseGenerationRun,
  productImageFacts,
  queueGenerationRun,
  resumeGenerationRun,
} from "@truecopy/db";
import type { TContext } from "../context.js";
import { merchantScope, requirePrincipal } from "../auth/auth-checker.js";
import type { JobRun } from "../schema/types.js";
import type {
  GateReason,
  GeneratedClaim,
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

/** A stored gate reason (Variant.blockReasons) as the API shows it. */
export function toGateReason(r: TStoredGateReason): GateReason {
  return {
    code: r.code,
    detail: r.detail,
    text: r.text,
    start: r.start,
    end: r.end,
    severity: r.severity ? (SEVERITY[r.severity] ?? null) : null,
  };
}

/** A stored claim (Variant.claims, the CLI's shape) with its source split into kind and reference. */
export function toGeneratedClaim(c: TStoredClaim): GeneratedClaim {
  const { kind, ref } = claimSourceParts(c.source);
  return { text: c.text, start: c.start, end: c.end, source: c.source, sourceKind: kind, sourceRef: ref };
}

const gateReasonsOf = (reasons: readonly TGateReason[]): GateReason[] =>
  reasons.map((r) => toGateReason(storedGateReason(r)));

export function toPreview(c: TGenerationCandidate, brandPackVersion: number | null): GenerationPreview {
  return {
    text: c.text,
    locale: c.locale,
    field: c.field as VariantField,
    style: c.style as GenerationStyle,
    audience: c.audience,
    emphasis: c.emphasis,
    claims: storedClaims(c.claims).map(toGeneratedClaim),
    status: c.gate.status === "offered" ? GateStatus.OFFERED : GateStatus.BLOCKED,
    reasons: gateReasonsOf(c.gate.reasons),
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

async function describeRun(ctx: TContext, run: Parameters<typeof toJobRun>[0]): Promise<GenerationRun> {
  const stats = await generationRunStats(ctx.services.db.pool, run.id);
  return {
    jobRun: toJobRun(run),
    paused: run.status === "PAUSED",
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

/**
 * Pauses (the run becomes PAUSED and its batches wait), resumes (RUNNING again, QUEUED when none
 * had started) or cancels (also from PAUSED) a generation run that has not finished. Pausing a
 * paused run or resuming a running one changes nothing.
 */
export async function controlGeneration(
  ctx: TContext,
  jobRunId: string,
  action: "pause" | "resume" | "cancel",
): Promise<GenerationRun> {
  const run = await generationRunOf(ctx, jobRunId);
  const pool = ctx.services.db.pool;
  const finished = run.status === "COMPLETED" || run.status === "FAILED" || run.status === "CANCELLED";
  if (finished && action !== "resume")
    throw new AppError("CONFLICT", `generation run ${run.id} has already finished (${run.status})`, {
      status: run.status,
    });
  if (action === "pause") await pauseGenerationRun(pool, run.id);
  else if (action === "resume") await resumeGenerationRun(pool, run.id);
  else await cancelGenerationRun(pool, run.id);
  return describeRun(ctx, await generationRunOf(ctx, run.id));
}

const ZStoredClaims = z.array(
  z.object({ text: z.string(), start: z.number().int(), end: z.number().int(), source: z.string() }),
);
const ZStoredGateReasons = z.array(
  z.object({
    code: z.enum(["lint_finding", "ungrounded_claim", "unsourced_fact", "empty"]),
    detail: z.string(),
    text: z.string(),
    start: z.number().int().nullable(),
    end: z.number().int().nullable(),
    severity: z.string().nullable(),
  }),
);

// The columns are JSON written by the worker (or the backfill): parsed, and a row that does not
// parse is reported rather than half-shown.
function parseStored<T>(schema: z.ZodType<T>, value: unknown, what: string, variantId: string): T | null {
  if (value == null) return null;
  const r = schema.safeParse(value);
  if (!r.success) throw new AppError("INTERNAL_SERVER_ERROR", `variant ${variantId}: stored ${what} are malformed`);
  return r.data;
}

/** A variant's claims with provenance; null when it was not generated (or generated before they were kept). */
export async function variantClaims(ctx: TContext, variantId: string): Promise<GeneratedClaim[] | null> {
  const row = await ctx.loaders.variantGeneration.load(variantId);
  return parseStored(ZStoredClaims, row?.claims, "claims", variantId)?.map(toGeneratedClaim) ?? null;
}

/** Why the gate blocked a generated variant; null when it did not. */
export async function variantBlockReasons(ctx: TContext, variantId: string): Promise<GateReason[] | null> {
  const row = await ctx.loaders.variantGeneration.load(variantId);
  return parseStored(ZStoredGateReasons, row?.blockReasons, "block reasons", variantId)?.map(toGateReason) ?? null;
}
