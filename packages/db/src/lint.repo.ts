import type pg from "pg";
import { withRetriedTransaction, type TQueryable } from "./client.js";
import { recordJobRunBatch } from "./job-run.repo.js";
import { createQueuedJobRun, importJobRun, writeOutboxBatches } from "./outbox.repo.js";

// The lint queue's contract (packages/jobs) repeated here: db must not import jobs.
export const LINT_QUEUE = "lint";
export const LINT_JOB_NAME = "lint-variants";
/** The lint payload's limit on variant ids. */
export const MAX_LINT_BATCH = 1000;
/** Job-run names: what a lint run was started for. */
export const LINT_RUN_IMPORT = "lint-import";
export const LINT_RUN_BRAND_PACK = "relint-brand-pack";

/** Statuses whose text is (or is about to be) in front of shoppers: a brand pack change re-lints them. */
export const LIVE_VARIANT_STATUSES = ["PENDING_REVIEW", "APPROVED", "PUBLISHED"] as const;

/**
 * Queues variants for linting through the outbox, inside the caller's transaction (so the lint
 * exists exactly when the change that needs it commits). Ids are split into payload-sized batches;
 * with a `jobRunId` each batch counts on that run (whose `total` the caller has set).
 */
export async function enqueueLint(tx: TQueryable, variantIds: readonly string[], jobRunId?: string): Promise<number> {
  const ids = [...new Set(variantIds)];
  if (!ids.length) return 0;
  return writeOutboxBatches(tx, {
    queue: LINT_QUEUE,
    jobName: LINT_JOB_NAME,
    key: "variantIds",
    ids,
    batchSize: MAX_LINT_BATCH,
    jobRunId,
  });
}

/**
 * Queues the lint of the ORIGINAL variants of products an import batch created or changed. All
 * batches of one import share one lint run (found by the import run's id), so its progress reads
 * like the analyze run's. Called inside the import batch's transaction.
 */
export async function queueImportLint(
  tx: TQueryable,
  o: { importRunId: string; merchantId: string; productIds: readonly string[]; actorId: string | null },
): Promise<{ jobRunId: string | null; variants: number }> {
  if (!o.productIds.length) return { jobRunId: null, variants: 0 };
  const { rows } = await tx.query<{ id: string }>(
    `SELECT id FROM "Variant" WHERE "productId" = ANY($1::uuid[]) AND origin = 'ORIGINAL' ORDER BY id`,
    [o.productIds],
  );
  if (!rows.length) return { jobRunId: null, variants: 0 };
  const jobRunId = await importJobRun(tx, {
    queue: LINT_QUEUE,
    name: LINT_RUN_IMPORT,
    importRunId: o.importRunId,
    merchantId: o.merchantId,
    count: rows.length,
    actorId: o.actorId,
  });
  await enqueueLint(
    tx,
    rows.map((r) => r.id),
    jobRunId,
  );
  return { jobRunId, variants: rows.length };
}

/**
 * Queues a re-lint of a merchant's live variants (after its brand pack changed) as one tracked run.
 * Returns a null run when the merchant has nothing live.
 */
export async function queueMerchantRelint(
  tx: TQueryable,
  o: { merchantId: string; actorId: string | null; reason: string },
): Promise<{ jobRunId: string | null; variants: number }> {
  const { rows } = await tx.query<{ id: string }>(
    `SELECT v.id FROM "Variant" v JOIN "Product" p ON p.id = v."productId"
     WHERE p."merchantId" = $1 AND v.status = ANY($2::"VariantStatus"[]) ORDER BY v.id`,
    [o.merchantId, LIVE_VARIANT_STATUSES],
  );
  if (!rows.length) return { jobRunId: null, variants: 0 };
  const jobRunId = await createQueuedJobRun(tx, {
    queue: LINT_QUEUE,
    name: LINT_RUN_BRAND_PACK,
    digest: o.reason.slice(0, 200),
    merchantId: o.merchantId,
    total: rows.length,
    actorId: o.actorId,
  });
  await enqueueLint(
    tx,
    rows.map((r) => r.id),
    jobRunId,
  );
  return { jobRunId, variants: rows.length };
}

export type TVariantForLint = {
  id: string;
  productId: string;
  merchantId: string;
  field: "TITLE" | "BULLETS" | "DESCRIPTION" | "SHORT";
  locale: string;
  text: string;
  /** The product's locale (the variant's may be "und" when the import did not say). */
  productLocale: string | null;
  attributes: unknown;
  reviews: { id: string; text: string }[];
};

/** Reviews beyond these are not read as evidence (a product may have thousands). */
const REVIEWS_PER_PRODUCT = 200;

/** Variants with what grounding needs: the product's attributes and its first reviews. Missing ids are skipped. */
export async function loadVariantsForLint(db: TQueryable, ids: readonly string[]): Promise<TVariantForLint[]> {
  const { rows } = await db.query<TVariantForLint>(
    `SELECT v.id, v."productId", p."merchantId", v.field, v.locale, v.text, p.locale AS "productLocale", p.attributes,
       COALESCE((SELECT json_agg(json_build_object('id', r.id, 'text', r.text) ORDER BY r."createdAt", r.id)
                 FROM (SELECT id, text, "createdAt" FROM "ProductReview" WHERE "productId" = p.id
                       ORDER BY "createdAt", id LIMIT ${REVIEWS_PER_PRODUCT}) r), '[]'::json) AS reviews
     FROM "Variant" v JOIN "Product" p ON p.id = v."productId"
     WHERE v.id = ANY($1::uuid[]) ORDER BY v.id`,
    [ids],
  );
  return rows;
}

export type TStoredBrandPack = { merchantId: string; version: number; definition: unknown };

/** The live (highest) brand pack version of each merchant that has one. */
export async function loadLiveBrandPacks(db: TQueryable, merchantIds: readonly string[]): Promise<TStoredBrandPack[]> {
  if (!merchantIds.length) return [];
  const { rows } = await db.query<TStoredBrandPack>(
    `SELECT DISTINCT ON ("merchantId") "merchantId", version, definition FROM "RulePackVersion"
     WHERE "merchantId" = ANY($1::uuid[]) ORDER BY "merchantId", version DESC`,
    [[...new Set(merchantIds)]],
  );
  return rows;
}

export type TStoredFinding = {
  ruleId: string;
  rulePackVersion: string;
  category: string;
  severity: string;
  start: number;
  end: number;
  match: string;
  message: string;
  legalBasis: string | null;
  suggestion: string | null;
  autofix: boolean;
  evidence: unknown;
};

export type TVariantLintResult = {
  variantId: string;
  verdict: "PASS" | "REVIEW" | "BLOCK";
  findings: TStoredFinding[];
};

export type TSaveLintOutcome =
  | { saved: true; recorded: boolean }
  /** A merchant's brand pack changed while the batch was linted: nothing was written, lint again. */
  | { saved: false; staleMerchantIds: string[] };

/**
 * Stores one batch's lint results in one transaction: per variant, findings that the new run found
 * again keep their row (id, createdAt and moderators' feedback survive a re-lint), the others are
 * deleted or inserted; verdict and lintedAt are set; the batch is recorded on its job run.
 * `packVersions` are the brand pack versions the results were computed with (0 = none): if one is no
 * longer live the batch is refused, so a slow job never overwrites the results of a newer pack.
 */
export async function saveLintResults(
  pool: pg.Pool,
  o: {
    results: TVariantLintResult[];
    packVersions: ReadonlyMap<string, number>;
    progress?: { jobRunId: string; batchKey: string; processed: number; failed: number } | undefined;
  },
): Promise<TSaveLintOutcome> {
  return withRetriedTransaction(pool, async (tx) => {
    const ids = o.results.map((r) => r.variantId);
    if (ids.length) {
      // Lock first, then read the live pack versions: a pack saved after this point re-lints these
      // variants in a job that waits for the locks and overwrites what is written here.
      await tx.query(`SELECT id FROM "Variant" WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [ids]);
      const merchants = [...o.packVersions.keys()];
      const live = await loadLiveBrandPacks(tx, merchants);
      const liveVersion = new Map(live.map((p) => [p.merchantId, p.version]));
      const stale = merchants.filter((m) => (liveVersion.get(m) ?? 0) !== o.packVersions.get(m));
      if (stale.length) return { saved: false, staleMerchantIds: stale };

      const findings = o.results.flatMap((r) => r.findings.map((f) => ({ variantId: r.variantId, ...f })));
      const input = JSON.stringify(findings);
      const RECORDSET = `jsonb_to_recordset($1::jsonb) AS x("variantId" uuid, "ruleId" text, "rulePackVersion" text,
        category text, severity text, start int, "end" int, match text, message text, "legalBasis" text,
        suggestion text, autofix boolean, evidence jsonb)`;
      // The same finding: same rule over the same text at the same place.
      const SAME = `f."variantId" = x."variantId" AND f."ruleId" = x."ruleId" AND f.start = x.start AND f."end" = x."end"
        AND f.match = x.match`;
      await tx.query(
        `DELETE FROM "Finding" f WHERE f."variantId" = ANY($2::uuid[])
           AND NOT EXISTS (SELECT 1 FROM ${RECORDSET} WHERE ${SAME})`,
        [input, ids],
      );
      await tx.query(
        `UPDATE "Finding" f SET "rulePackVersion" = x."rulePackVersion", category = x.category::"FindingCategory",
           severity = x.severity::"Severity", message = x.message, "legalBasis" = x."legalBasis",
           suggestion = x.suggestion, autofix = x.autofix, evidence = x.evidence
         FROM ${RECORDSET} WHERE ${SAME}`,
        [input],
      );
      await tx.query(
        `INSERT INTO "Finding" (id, "variantId", "ruleId", "rulePackVersion", category, severity, start, "end", match,
           message, "legalBasis", suggestion, autofix, evidence)
         SELECT gen_random_uuid(), x."variantId", x."ruleId", x."rulePackVersion", x.category::"FindingCategory",
           x.severity::"Severity", x.start, x."end", x.match, x.message, x."legalBasis", x.suggestion, x.autofix, x.evidence
         FROM ${RECORDSET} WHERE NOT EXISTS (SELECT 1 FROM "Finding" f WHERE ${SAME})`,
        [input],
      );
      await tx.query(
        `UPDATE "Variant" v SET verdict = x.verdict::"LintVerdict", "lintedAt" = now()
         FROM jsonb_to_recordset($1::jsonb) AS x("variantId" uuid, verdict text) WHERE v.id = x."variantId"`,
        [JSON.stringify(o.results.map((r) => ({ variantId: r.variantId, verdict: r.verdict })))],
      );
    }
    const recorded = o.progress ? await recordJobRunBatch(tx, o.progress) : false;
    return { saved: true, recorded };
  });
}
