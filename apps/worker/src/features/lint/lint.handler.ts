import { lint, type TAttributeMap, type TBrandPack, type TLintFinding, type TVerdict } from "@truecopy/core";
import {
  liveBrandPacks,
  loadVariantsForLint,
  markJobRunStarted,
  saveLintResults,
  type TDatabase,
  type TStoredFinding,
  type TVariantForLint,
  type TVariantLintResult,
} from "@truecopy/db";
import type { TLintPayload } from "@truecopy/jobs";
import { noProgress, type TProgress } from "../../progress.js";

export type TLintDeps = { db: TDatabase };

export type TLintOutcome = {
  linted: number;
  /** Variants deleted since the job was queued (counted as processed). */
  missing: number;
  /** Merchants whose stored brand pack no longer validates: their variants were linted without it. */
  invalidBrandPacks: string[];
};

// A brand pack saved while the batch was linted: lint again with it (bounded, then the job retries).
const MAX_PASSES = 3;

// Variants linted between two progress reports (and event-loop turns, so the job lock renews).
const CHUNK = 200;

const VERDICT: Record<TVerdict, TVariantLintResult["verdict"]> = { pass: "PASS", review: "REVIEW", block: "BLOCK" };

/**
 * Lints each variant with the built-in packs, the product's attributes and reviews as evidence and
 * its merchant's live brand pack, then stores findings, verdicts and the batch's progress in one
 * transaction. Re-running a batch converges on the same rows.
 */
export async function lintVariants(
  deps: TLintDeps,
  payload: TLintPayload,
  progress: TProgress = noProgress,
): Promise<TLintOutcome> {
  const { pool } = deps.db;
  if (payload.jobRunId) await markJobRunStarted(pool, payload.jobRunId);
  const variants = await loadVariantsForLint(pool, payload.variantIds);
  const runProgress = payload.jobRunId
    ? { jobRunId: payload.jobRunId, batchKey: payload.batchKey, processed: payload.variantIds.length, failed: 0 }
    : undefined;
  for (let pass = 1; ; pass++) {
    const packs = await loadBrandPacks(deps.db, variants);
    const results: TVariantLintResult[] = [];
    for (let at = 0; at < variants.length; at += CHUNK) {
      for (const v of variants.slice(at, at + CHUNK))
        results.push(lintOne(v, packs.byMerchant.get(v.merchantId)?.pack ?? undefined));
      // Linting is most of the work; a pass that has to start again reports from the start.
      await progress((0.9 * results.length) / variants.length);
    }
    const outcome = await saveLintResults(pool, { results, packVersions: packs.versions, progress: runProgress });
    if (outcome.saved) {
      await progress(1);
      return {
        linted: variants.length,
        missing: payload.variantIds.length - variants.length,
        invalidBrandPacks: packs.invalid,
      };
    }
    if (pass >= MAX_PASSES)
      throw new Error(`brand packs of ${outcome.staleMerchantIds.join(", ")} kept changing during the lint`);
  }
}

async function loadBrandPacks(db: TDatabase, variants: TVariantForLint[]) {
  const merchantIds = [...new Set(variants.map((v) => v.merchantId))];
  const live = await liveBrandPacks(db.pool, merchantIds);
  // A stored pack that no longer parses (the schema moved on) must not stop the built-in legal rules.
  const invalid = [...live].filter(([, p]) => !p.pack).map(([m]) => m);
  const versions = new Map(merchantIds.map((m) => [m, live.get(m)?.version ?? 0]));
  return { byMerchant: live, versions, invalid };
}

function lintOne(v: TVariantForLint, brandPack: TBrandPack | undefined): TVariantLintResult {
  const locale = v.locale && v.locale !== "und" ? v.locale : (v.productLocale ?? undefined);
  const result = lint({
    text: v.text,
    ...(locale ? { locale } : {}),
    attributes: toAttributeMap(v.attributes),
    reviews: v.reviews,
    field: v.field,
    ...(brandPack ? { brandPack } : {}),
  });
  return { variantId: v.id, verdict: VERDICT[result.verdict], findings: uniqueFindings(result.findings) };
}

/** Stored attributes were validated on import (scalars or lists); anything else is left out. */
function toAttributeMap(value: unknown): TAttributeMap {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  const out: Record<string, string | number | boolean | readonly string[]> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") out[k] = v;
    else if (Array.isArray(v)) out[k] = v.filter((x) => x != null).map(String);
  }
  return out;
}

/** One stored row per (rule, span): the table's identity for a finding across re-lints. */
function uniqueFindings(findings: TLintFinding[]): TStoredFinding[] {
  const seen = new Set<string>();
  const out: TStoredFinding[] = [];
  for (const f of findings) {
    const key = `${f.rule}\u0000${f.start}\u0000${f.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      ruleId: f.rule,
      rulePackVersion: `${f.pack}@${f.packVersion}`,
      category: f.category,
      severity: f.severity,
      start: f.start,
      end: f.end,
      match: f.match,
      message: f.message,
      legalBasis: f.legalBasis ?? null,
      suggestion: f.suggestion ?? null,
      autofix: f.autofix,
      evidence: f.evidence,
    });
  }
  return out;
}
