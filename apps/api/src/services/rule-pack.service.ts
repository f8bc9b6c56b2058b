import { AppError, brandPackErrors, brandPackSchema, BUILT_IN_PACKS, FINDING_CATEGORIES } from "@truecopy/core";
import { getLiveBrandPack, listBrandPackVersions, saveBrandPackVersion, type TBrandPackVersionRow } from "@truecopy/db";
import type { TContext } from "../context.js";
import { merchantScope, requirePrincipal } from "../auth/auth-checker.js";
import type { BrandPack, RulePackInfo, SaveBrandPackResult } from "../schema/lint.types.js";
import { getJobRun } from "./job-run.service.js";
import { issuesOf } from "./lint.service.js";
import { assertUuid } from "./product.service.js";

const MAX_DEFINITION_BYTES = 256 * 1024;
const MAX_COMMENT = 1_000;

const toBrandPack = (r: TBrandPackVersionRow): BrandPack => ({
  merchantId: r.merchantId,
  version: r.version,
  definition: r.definition,
  comment: r.comment,
  createdById: r.createdById,
  createdAt: r.createdAt,
});

/** The built-in packs, for admins reading what the linter applies. */
export function listRulePacks(): RulePackInfo[] {
  return Object.values(BUILT_IN_PACKS).map((p) => {
    const used = new Set(p.rules.map((r) => r.category));
    return {
      id: p.id,
      version: p.version,
      locale: p.locale,
      description: p.description ?? null,
      ruleCount: p.rules.length,
      categories: FINDING_CATEGORIES.filter((c) => used.has(c as never)) as RulePackInfo["categories"],
    };
  });
}

/** Merchant-bound callers reach only their own merchant; everyone must name one. */
function scopedMerchant(ctx: TContext, merchantId: string | null | undefined): string {
  const scoped = merchantScope(ctx, merchantId ?? null);
  if (!scoped) throw new AppError("BAD_USER_INPUT", "merchantId is required", { field: "merchantId" });
  assertUuid(scoped, "merchantId");
  return scoped;
}

export async function getBrandPack(ctx: TContext, merchantId: string | null | undefined): Promise<BrandPack | null> {
  const live = await getLiveBrandPack(ctx.services.db.pool, scopedMerchant(ctx, merchantId));
  return live ? toBrandPack(live) : null;
}

export async function brandPackHistory(ctx: TContext, merchantId: string | null | undefined): Promise<BrandPack[]> {
  return (await listBrandPackVersions(ctx.services.db.pool, scopedMerchant(ctx, merchantId))).map(toBrandPack);
}

/**
 * Validates the definition (field-level errors), saves it as the next version if `expectedVersion`
 * is still live, audits it and re-lints the merchant's live variants — all in one transaction.
 */
export async function saveBrandPack(
  ctx: TContext,
  args: { merchantId: string; definition: unknown; comment?: string | null; expectedVersion: number },
): Promise<SaveBrandPackResult> {
  const merchantId = scopedMerchant(ctx, args.merchantId);
  if (!Number.isInteger(args.expectedVersion) || args.expectedVersion < 0)
    throw new AppError("BAD_USER_INPUT", "expectedVersion is the live version you edited (0 when there is none)", {
      field: "expectedVersion",
    });
  if (args.comment && args.comment.length > MAX_COMMENT)
    throw new AppError("BAD_USER_INPUT", `comment is at most ${MAX_COMMENT} characters`, { field: "comment" });
  const size = Buffer.byteLength(JSON.stringify(args.definition ?? null), "utf8");
  if (size > MAX_DEFINITION_BYTES)
    throw new AppError(
      "BAD_USER_INPUT",
      `definition is ${size} bytes; a brand pack is at most ${MAX_DEFINITION_BYTES}`,
      {
        field: "definition",
      },
    );
  const parsed = brandPackSchema.safeParse(args.definition);
  if (!parsed.success) {
    const issues = issuesOf(parsed.error, "definition");
    const problems = brandPackErrors(parsed.error);
    throw new AppError(
      "BAD_USER_INPUT",
      `brand pack is invalid: ${problems.slice(0, 5).join("; ")}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ""}`,
      { field: "definition", issues },
    );
  }
  const p = requirePrincipal(ctx);
  const outcome = await saveBrandPackVersion(ctx.services.db.pool, {
    merchantId,
    definition: parsed.data,
    comment: args.comment?.trim() || null,
    expectedVersion: args.expectedVersion,
    actor: { actorId: p.id, actorKind: p.kind, requestId: ctx.requestId },
  });
  if (!outcome.ok) {
    if (outcome.reason === "merchant_not_found")
      throw new AppError("NOT_FOUND", `merchant ${merchantId} not found`, { field: "merchantId" });
    throw new AppError(
      "CONFLICT",
      `the brand pack changed since you loaded it: live version is ${outcome.liveVersion}, you edited ${args.expectedVersion}; reload and apply your change again`,
      { liveVersion: outcome.liveVersion, expectedVersion: args.expectedVersion },
    );
  }
  return {
    brandPack: toBrandPack(outcome.pack),
    relint: outcome.relintJobRunId ? await getJobRun(ctx, outcome.relintJobRunId) : null,
    relintVariants: outcome.relintVariants,
  };
}
