import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { brandPackSchema, lint } from "@truecopy/core";
import { importProductBatch, saveBrandPackVersion, saveLintResults, type TDatabase } from "@truecopy/db";
import { createTestMerchant, openTestDatabase, testProductRow, until } from "@truecopy/db/testing";
import type { TWorkerRuntime } from "../../runtime.js";
import { startTestWorker } from "../../testing.js";
import { lintVariants } from "./lint.handler.js";

// The lint job end to end: an import queues the lint of the merchant's copy through the outbox, the
// worker stores findings and verdicts, and a brand pack change re-lints the live variants.

let db: TDatabase;
let worker: TWorkerRuntime;
const actor = { actorId: null, actorKind: "system" as const, requestId: null };

beforeAll(async () => {
  db = await openTestDatabase();
  worker = await startTestWorker({ prefix: `lint-${randomUUID().slice(0, 8)}` });
});
afterAll(async () => {
  await worker?.stop();
  await db?.close();
});

type TRun = { id: string; status: string; total: number; processed: number; failed: number; name: string };
const finishedRun = (id: string) =>
  until(`lint run ${id}`, async () => {
    const { rows } = await db.pool.query<TRun>(
      `SELECT id, status, total, processed, failed, name FROM "JobRun" WHERE id = $1`,
      [id],
    );
    return rows[0] && (rows[0].status === "COMPLETED" || rows[0].status === "FAILED") ? rows[0] : null;
  });

type TStored = {
  id: string;
  variantId: string;
  ruleId: string;
  rulePackVersion: string;
  category: string;
  severity: string;
  start: number;
  end: number;
  match: string;
  suggestion: string | null;
};
async function storedFindings(merchantId: string): Promise<TStored[]> {
  const { rows } = await db.pool.query<TStored>(
    `SELECT f.id, f."variantId", f."ruleId", f."rulePackVersion", f.category, f.severity, f.start, f."end", f.match, f.suggestion
     FROM "Finding" f JOIN "Variant" v ON v.id = f."variantId" JOIN "Product" p ON p.id = v."productId"
     WHERE p."merchantId" = $1 ORDER BY f."variantId", f.start, f."end", f."ruleId"`,
    [merchantId],
  );
  return rows;
}

type TVariantRow = {
  id: string;
  text: string;
  field: "TITLE" | "DESCRIPTION";
  locale: string;
  verdict: string | null;
  lintedAt: Date | null;
  attributes: Record<string, string>;
};
async function variantsOf(merchantId: string): Promise<TVariantRow[]> {
  const { rows } = await db.pool.query<TVariantRow>(
    `SELECT v.id, v.text, v.field, v.locale, v.verdict, v."lintedAt", p.attributes
     FROM "Variant" v JOIN "Product" p ON p.id = v."productId" WHERE p."merchantId" = $1 ORDER BY v.id`,
    [merchantId],
  );
  return rows;
}

/** What `lint()` says about a stored variant, in the stored rows' shape. */
function expected(v: TVariantRow, brand: unknown, brandVersion: number) {
  const pack = brand ? { ...brandPackSchema.parse(brand), version: String(brandVersion) } : undefined;
  const r = lint({
    text: v.text,
    locale: v.locale,
    attributes: v.attributes,
    field: v.field,
    ...(pack ? { brandPack: pack } : {}),
  });
  return {
    verdict: r.verdict.toUpperCase(),
    findings: r.findings
      .map((f) => ({
        variantId: v.id,
        ruleId: f.rule,
        rulePackVersion: `${f.pack}@${f.packVersion}`,
        category: f.category,
        severity: f.severity,
        start: f.start,
        end: f.end,
        match: f.match,
        suggestion: f.suggestion ?? null,
      }))
      .sort((a, b) => a.start - b.start || a.end - b.end || (a.ruleId < b.ruleId ? -1 : 1)),
  };
}

describe("lint job", () => {
  const brandV1 = { forbidden: [{ term: "cheap", suggestion: "affordable" }] };
  const brandV2 = { forbidden: [{ term: "premium" }], lengthLimits: { TITLE: { max: 30 } } };
  let merchantId: string;

  it("lints the imported copy and stores findings and verdicts", async () => {
    merchantId = (await createTestMerchant(db, "lint")).id;
    const saved = await saveBrandPackVersion(db.pool, {
      merchantId,
      definition: brandV1,
      comment: "first",
      expectedVersion: 0,
      actor,
    });
    expect(saved).toMatchObject({ ok: true, relintJobRunId: null, relintVariants: 0 });

    const rows = [
      testProductRow({
        sku: "clean",
        title: "Cotton T-shirt, navy",
        description: "A soft cotton T-shirt in navy blue.",
        locale: "en-US",
        attributes: { material: "cotton", colour: "navy" },
      }),
      testProductRow({
        sku: "bad-en",
        title: "Cheap premium face cream",
        description: "Guaranteed to cure acne in 3 days. The best cream in the world, FDA approved. Cheap!",
        locale: "en-US",
      }),
      testProductRow({
        sku: "bad-zh",
        title: "国家级 最好的 智能手表",
        description: "全网最低价，100%治愈失眠，续航30天。",
        locale: "zh-CN",
        attributes: { 续航: "14天" },
      }),
    ];
    const batch = await importProductBatch(db.pool, { merchantId, rows, actor, jobRunId: null, source: "test" });
    const lintRun = await until("the import's lint run", async () => {
      const r = await db.pool.query<{ id: string }>(
        `SELECT id FROM "JobRun" WHERE queue = 'lint' AND "payloadDigest" = $1`,
        [`import:${batch.jobRunId}`],
      );
      return r.rows[0];
    });
    const run = await finishedRun(lintRun.id);
    expect(run).toMatchObject({ status: "COMPLETED", total: 6, processed: 6, failed: 0, name: "lint-import" });

    const variants = await variantsOf(merchantId);
    expect(variants).toHaveLength(6);
    const stored = await storedFindings(merchantId);
    for (const v of variants) {
      const want = expected(v, brandV1, 1);
      expect(v.lintedAt, v.text).not.toBeNull();
      expect(v.verdict, v.text).toBe(want.verdict);
      expect(
        stored.filter((f) => f.variantId === v.id).map(({ id: _id, ...f }) => f),
        v.text,
      ).toEqual(want.findings);
    }
    // The copy written to break the rules is caught; the merchant's own word list applies too.
    const bySku = (text: string) => variants.find((v) => v.text === text)!;
    expect(bySku("Cheap premium face cream").verdict).not.toBe("PASS");
    expect(bySku("国家级 最好的 智能手表").verdict).not.toBe("PASS");
    expect(
      stored.some((f) => f.ruleId === "brand.forbidden" && f.match === "Cheap" && f.rulePackVersion === "brand@1"),
    ).toBe(true);
    for (const f of stored) {
      const v = variants.find((x) => x.id === f.variantId)!;
      expect(v.text.slice(f.start, f.end)).toBe(f.match);
    }
  });

  it("gives the same rows when a batch runs again (finding ids and feedback survive)", async () => {
    const before = await storedFindings(merchantId);
    expect(before.length).toBeGreaterThan(0);
    const judged = before[0]!;
    await db.pool.query(
      `INSERT INTO "FindingFeedback" (id, "findingId", "ruleId", "actorId", kind) VALUES (gen_random_uuid(), $1, $2, $3, 'CONFIRMED')`,
      [judged.id, judged.ruleId, randomUUID()],
    );
    const variantIds = (await variantsOf(merchantId)).map((v) => v.id);
    const reported: number[] = [];
    const outcome = await lintVariants({ db }, { batchKey: "again", variantIds }, (f) => {
      reported.push(f);
      return Promise.resolve();
    });
    expect(outcome).toEqual({ linted: 6, missing: 0, invalidBrandPacks: [] });
    // One chunk linted (most of the work), then stored.
    expect(reported).toEqual([0.9, 1]);
    expect(await storedFindings(merchantId)).toEqual(before);
    const feedback = await db.pool.query(`SELECT 1 FROM "FindingFeedback" WHERE "findingId" = $1`, [judged.id]);
    expect(feedback.rowCount).toBe(1);
  });

  it("re-lints the live variants when the brand pack changes", async () => {
    const saved = await saveBrandPackVersion(db.pool, {
      merchantId,
      definition: brandV2,
      comment: "premium is out, cheap is fine",
      expectedVersion: 1,
      actor,
    });
    if (!saved.ok) throw new Error(`save failed: ${saved.reason}`);
    expect(saved.relintVariants).toBe(6);
    const run = await finishedRun(saved.relintJobRunId!);
    expect(run).toMatchObject({ status: "COMPLETED", total: 6, processed: 6, name: "relint-brand-pack" });

    const stored = await storedFindings(merchantId);
    const brand = stored.filter((f) => f.ruleId.startsWith("brand."));
    expect(brand.some((f) => f.ruleId === "brand.forbidden" && f.match === "premium")).toBe(true);
    expect(brand.some((f) => f.match.toLowerCase() === "cheap")).toBe(false);
    expect(brand.every((f) => f.rulePackVersion === "brand@2")).toBe(true);
    for (const v of await variantsOf(merchantId)) {
      const want = expected(v, brandV2, 2);
      expect(v.verdict).toBe(want.verdict);
      expect(stored.filter((f) => f.variantId === v.id).map(({ id: _id, ...f }) => f)).toEqual(want.findings);
    }
  });

  it("refuses results computed with a brand pack that is no longer live", async () => {
    const [v] = await variantsOf(merchantId);
    const outcome = await saveLintResults(db.pool, {
      results: [{ variantId: v!.id, verdict: "PASS", findings: [] }],
      packVersions: new Map([[merchantId, 1]]),
    });
    expect(outcome).toEqual({ saved: false, staleMerchantIds: [merchantId] });
    const after = await variantsOf(merchantId);
    expect(after.find((x) => x.id === v!.id)!.verdict).toBe(v!.verdict);
  });

  it("counts a variant deleted since it was queued as processed", async () => {
    const m = await createTestMerchant(db, "lint-gone");
    const { rows } = await db.pool.query<{ id: string }>(
      `INSERT INTO "JobRun" (id, queue, name, "payloadDigest", status, total, "updatedAt")
       VALUES (gen_random_uuid(), 'lint', 'lint-variants', $1, 'QUEUED', 1, now()) RETURNING id`,
      [`test:${m.id}`],
    );
    const jobRunId = rows[0]!.id;
    const outcome = await lintVariants({ db }, { jobRunId, batchKey: "gone", variantIds: [randomUUID()] });
    expect(outcome).toMatchObject({ linted: 0, missing: 1 });
    const run = await db.pool.query(`SELECT status, processed FROM "JobRun" WHERE id = $1`, [jobRunId]);
    expect(run.rows[0]).toEqual({ status: "COMPLETED", processed: 1 });
  });
});
