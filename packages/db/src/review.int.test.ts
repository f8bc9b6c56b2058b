import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { REJECT_REASON_CODES, type TRole } from "@truecopy/core";
import { withTransaction, type TDatabase } from "./client.js";
import { createTestMerchant, openTestDatabase } from "./testing.js";
import {
  claimNextReviewItem,
  claimReviewItem,
  countReviewQueue,
  listReviewQueue,
  releaseReviewItem,
  reviewQueueAge,
} from "./review-queue.repo.js";
import {
  bulkDecide,
  decideVariant,
  editVariant,
  publishVariant,
  revertToOriginal,
  undoBatch,
  variantHistory,
} from "./decision.repo.js";
import { decisionStats, reviewThroughput } from "./decision-stats.repo.js";
import { createWebhookEndpoint, deleteWebhookEndpoint } from "./webhook.repo.js";
import { listPublishedVariants } from "./export.repo.js";
import { listAuditEvents } from "./audit-query.repo.js";
import type { TReviewActor } from "./review.types.js";

let db: TDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => db?.close());

const actor = (role: TRole, scopeMerchantId: string | null = null): TReviewActor => {
  const id = randomUUID();
  return { actorId: id, userId: id, actorKind: "user", requestId: null, role, scopeMerchantId };
};

async function product(merchantId: string, o: { sku?: string; locale?: string; category?: string } = {}) {
  const { rows } = await db.pool.query<{ id: string }>(
    `INSERT INTO "Product" (id, "merchantId", sku, title, description, category, locale, "contentHash", "updatedAt")
     VALUES (gen_random_uuid(), $1, $2, 'Original title', 'Original description', $3, $4, 'h', now()) RETURNING id`,
    [merchantId, o.sku ?? `sku-${randomUUID().slice(0, 8)}`, o.category ?? "watch", o.locale ?? "en-US"],
  );
  const productId = rows[0]!.id;
  const original = await db.pool.query<{ id: string }>(
    `INSERT INTO "Variant" (id, "productId", field, locale, text, origin, status, "updatedAt")
     VALUES (gen_random_uuid(), $1, 'TITLE', $2, 'Original title', 'ORIGINAL', 'PUBLISHED', now()) RETURNING id`,
    [productId, o.locale ?? "en-US"],
  );
  return { productId, originalId: original.rows[0]!.id };
}

async function pending(
  productId: string,
  o: { text?: string; generator?: string; verdict?: string; ageHours?: number; locale?: string } = {},
): Promise<string> {
  const { rows } = await db.pool.query<{ id: string }>(
    `INSERT INTO "Variant" (id, "productId", field, locale, text, origin, generator, status, verdict, "createdAt", "updatedAt")
     VALUES (gen_random_uuid(), $1, 'TITLE', $2, $3, 'GENERATED', $4, 'PENDING_REVIEW', $5::"LintVerdict",
       now() - make_interval(secs => $6::float8), now()) RETURNING id`,
    [
      productId,
      o.locale ?? "en-US",
      o.text ?? `Generated title ${randomUUID().slice(0, 6)}`,
      o.generator ?? "template-v1",
      o.verdict ?? null,
      (o.ageHours ?? 0) * 3600,
    ],
  );
  return rows[0]!.id;
}

const statusOf = async (id: string) =>
  (await db.pool.query<{ status: string }>(`SELECT status FROM "Variant" WHERE id = $1`, [id])).rows[0]?.status;

describe("review queue", () => {
  it("lists pending items oldest first with filters, finding aggregates and stable keyset pages", async () => {
    const m = await createTestMerchant(db, "queue");
    const { productId } = await product(m.id, { category: "dress" });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push(await pending(productId, { ageHours: 10 - i, generator: i % 2 ? "g-odd" : "g-even" }));
    await db.pool.query(
      `INSERT INTO "Finding" (id, "variantId", "ruleId", "rulePackVersion", category, severity, start, "end")
       VALUES (gen_random_uuid(), $1, 'en.absolute', '1', 'ABSOLUTE', 'HIGH', 0, 3),
              (gen_random_uuid(), $1, 'en.urgency', '1', 'URGENCY', 'LOW', 4, 6),
              (gen_random_uuid(), $2, 'en.urgency', '1', 'URGENCY', 'MEDIUM', 0, 2)`,
      [ids[3], ids[1]],
    );
    const me = actor("MODERATOR");
    const filter = { merchantId: m.id };
    const page1 = await listReviewQueue(db.pool, {
      filter,
      sort: "OLDEST",
      first: 2,
      after: null,
      actorId: me.actorId,
    });
    expect(page1.rows.map((r) => r.id)).toEqual(ids.slice(0, 2));
    expect(page1.hasNextPage).toBe(true);
    expect(page1.rows[1]).toMatchObject({ maxSeverity: "MEDIUM", findingCount: 1, severityRank: 3 });
    // A new item arriving between pages does not shift the next page.
    await pending(productId, { ageHours: 0 });
    const last = page1.rows[1]!;
    const page2 = await listReviewQueue(db.pool, {
      filter,
      sort: "OLDEST",
      first: 2,
      after: { at: last.createdAt, id: last.id },
      actorId: me.actorId,
    });
    expect(page2.rows.map((r) => r.id)).toEqual(ids.slice(2, 4));
    expect(await countReviewQueue(db.pool, { filter, actorId: me.actorId })).toBe(6);

    const bySeverity = await listReviewQueue(db.pool, {
      filter,
      sort: "SEVERITY",
      first: 3,
      after: null,
      actorId: me.actorId,
    });
    expect(bySeverity.rows.map((r) => r.id)).toEqual([ids[3], ids[1], ids[0]]);
    const severityNext = await listReviewQueue(db.pool, {
      filter,
      sort: "SEVERITY",
      first: 10,
      after: { at: bySeverity.rows[2]!.createdAt, id: bySeverity.rows[2]!.id, severityRank: 0 },
      actorId: me.actorId,
    });
    expect(severityNext.rows.map((r) => r.id)).toEqual([ids[2], ids[4], expect.any(String)]);

    const count = (f: object) => countReviewQueue(db.pool, { filter: { ...filter, ...f }, actorId: me.actorId });
    expect(await count({ severity: "MEDIUM" })).toBe(2);
    expect(await count({ severity: "HIGH" })).toBe(1);
    expect(await count({ findingCategory: "URGENCY" })).toBe(2);
    expect(await count({ generator: "g-odd" })).toBe(2);
    expect(await count({ minAgeHours: 7.5 })).toBe(3);
    expect(await count({ maxAgeHours: 6.5 })).toBe(2);
    expect(await count({ category: "dress", locale: "en" })).toBe(6);
    expect(await count({ locale: "zh" })).toBe(0);
    expect(await count({ origin: "ORIGINAL" })).toBe(0);

    const age = await reviewQueueAge(db.pool, { merchantId: m.id, atRiskHours: 12, breachedHours: 24 });
    expect(age.total).toBe(6);
    expect(age.buckets.find((b) => b.key === "H4_12")!.count).toBe(5);
    expect(age.buckets.find((b) => b.key === "LT_1H")!.count).toBe(1);
  });
});

describe("stored severity rank", () => {
  const rankOf = async (id: string) =>
    (await db.pool.query<{ r: number }>(`SELECT "severityRank" AS r FROM "Variant" WHERE id = $1`, [id])).rows[0]!.r;
  const finding = (variantId: string, severity: string, start: number) =>
    db.pool.query<{ id: string }>(
      `INSERT INTO "Finding" (id, "variantId", "ruleId", "rulePackVersion", category, severity, start, "end")
       VALUES (gen_random_uuid(), $1, 'en.absolute', '1', 'ABSOLUTE', $2::"Severity", $3, $3 + 1) RETURNING id`,
      [variantId, severity, start],
    );

  it("follows every insert, change and removal of a variant's findings, whoever writes them", async () => {
    const m = await createTestMerchant(db, "rank");
    const { productId } = await product(m.id);
    const [a, b] = [await pending(productId), await pending(productId)];
    expect(await rankOf(a)).toBe(0);
    await finding(a, "LOW", 0);
    const high = (await finding(a, "HIGH", 2)).rows[0]!.id;
    await finding(b, "INFO", 0);
    expect([await rankOf(a), await rankOf(b)]).toEqual([4, 1]);
    await db.pool.query(`UPDATE "Finding" SET severity = 'CRITICAL' WHERE id = $1`, [high]);
    expect(await rankOf(a)).toBe(5);
    await db.pool.query(`DELETE FROM "Finding" WHERE id = $1`, [high]);
    expect(await rankOf(a)).toBe(2);
    // Moving a finding to another variant (an update) refreshes both.
    await db.pool.query(`UPDATE "Finding" SET "variantId" = $2 WHERE "variantId" = $1`, [a, b]);
    expect([await rankOf(a), await rankOf(b)]).toEqual([0, 2]);
  });

  it("gives the SEVERITY order its own index", async () => {
    const plan = await withTransaction(db.pool, async (tx) => {
      await tx.query(`SET LOCAL enable_seqscan = off`);
      await tx.query(`SET LOCAL enable_sort = off`);
      const { rows } = await tx.query<{ "QUERY PLAN": string }>(
        `EXPLAIN SELECT v.id FROM "Variant" v WHERE v.status = 'PENDING_REVIEW'
         ORDER BY v."severityRank" DESC, v."createdAt", v.id LIMIT 50`,
      );
      return rows.map((r) => r["QUERY PLAN"]).join("\n");
    });
    expect(plan).toContain("Variant_pending_review_severity_idx");
  });
});

describe("leases", () => {
  it("lets one reviewer hold an item; others get CONFLICT until it expires or is released", async () => {
    const m = await createTestMerchant(db, "lease");
    const { productId } = await product(m.id);
    const id = await pending(productId);
    const a = actor("MODERATOR");
    const b = actor("MODERATOR");
    const claim = await claimReviewItem(db.pool, {
      variantId: id,
      actorId: a.actorId,
      leaseSeconds: 300,
      scopeMerchantId: null,
    });
    expect(claim.claimedById).toBe(a.actorId);
    await expect(
      claimReviewItem(db.pool, { variantId: id, actorId: b.actorId, leaseSeconds: 300, scopeMerchantId: null }),
    ).rejects.toMatchObject({ code: "CONFLICT", details: { claimedById: a.actorId } });
    // b cannot decide either while a holds it.
    await expect(decideVariant(db.pool, { variantId: id, action: "APPROVE", actor: b })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect(await countReviewQueue(db.pool, { filter: { merchantId: m.id, claimed: "MINE" }, actorId: a.actorId })).toBe(
      1,
    );
    expect(
      await countReviewQueue(db.pool, { filter: { merchantId: m.id, claimed: "UNCLAIMED" }, actorId: b.actorId }),
    ).toBe(0);
    // An expired lease is free again.
    await db.pool.query(`UPDATE "Variant" SET "claimExpiresAt" = now() - interval '1 second' WHERE id = $1`, [id]);
    const taken = await claimReviewItem(db.pool, {
      variantId: id,
      actorId: b.actorId,
      leaseSeconds: 300,
      scopeMerchantId: null,
    });
    expect(taken.claimedById).toBe(b.actorId);
    expect(await releaseReviewItem(db.pool, { variantId: id, actorId: a.actorId })).toBe(false);
    expect(await releaseReviewItem(db.pool, { variantId: id, actorId: b.actorId })).toBe(true);
    // Out of a merchant-bound actor's scope the item does not exist.
    await expect(
      claimReviewItem(db.pool, { variantId: id, actorId: a.actorId, leaseSeconds: 300, scopeMerchantId: randomUUID() }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("hands concurrent claimNext callers different items", async () => {
    const m = await createTestMerchant(db, "next");
    const { productId } = await product(m.id);
    const ids = new Set<string>();
    for (let i = 0; i < 6; i++) ids.add(await pending(productId, { ageHours: 6 - i }));
    const actors = Array.from({ length: 8 }, () => actor("MODERATOR"));
    const claims = await Promise.all(
      actors.map((a) =>
        claimNextReviewItem(db.pool, {
          filter: { merchantId: m.id },
          sort: "OLDEST",
          actorId: a.actorId,
          leaseSeconds: 300,
        }),
      ),
    );
    const got = claims.filter((c) => c).map((c) => c!.variant.id);
    expect(got).toHaveLength(6);
    expect(new Set(got)).toEqual(ids);
    expect(claims.filter((c) => c === null)).toHaveLength(2);
  });
});

describe("decisions", () => {
  it("lets exactly one of two concurrent moderators decide an item", async () => {
    const m = await createTestMerchant(db, "race");
    const { productId } = await product(m.id);
    for (let round = 0; round < 5; round++) {
      const id = await pending(productId);
      const [a, b] = [actor("MODERATOR"), actor("MODERATOR")];
      // Different verdicts, and the same verdict from two people: either way only one decides.
      const results = await Promise.allSettled([
        decideVariant(db.pool, { variantId: id, action: "APPROVE", actor: a }),
        round % 2
          ? decideVariant(db.pool, { variantId: id, action: "APPROVE", actor: b })
          : decideVariant(db.pool, { variantId: id, action: "REJECT", actor: b, reasonCode: "TONE" }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const failed = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect(failed.reason).toMatchObject({ code: "CONFLICT" });
      const { rows } = await db.pool.query(`SELECT count(*)::int AS n FROM "Decision" WHERE "variantId" = $1`, [id]);
      expect(rows[0].n).toBe(1);
    }
  });

  it("stores only the reason codes the API offers, whoever writes the rejection", async () => {
    const m = await createTestMerchant(db, "reason");
    const { productId } = await product(m.id);
    const id = await pending(productId);
    // The statistics serialise reason codes as a GraphQL enum: one unknown code would break them all.
    await expect(
      decideVariant(db.pool, { variantId: id, action: "REJECT", reasonCode: "COMPLIANCE", actor: actor("MODERATOR") }),
    ).rejects.toThrow(/Decision_reason_code_known/);
    expect(await statusOf(id)).toBe("PENDING_REVIEW");
    for (const code of REJECT_REASON_CODES) {
      const v = await pending(productId);
      await decideVariant(db.pool, { variantId: v, action: "REJECT", reasonCode: code, actor: actor("MODERATOR") });
      expect(await statusOf(v)).toBe("REJECTED");
    }
  });

  it("approves once, replays a retry by the same moderator, and audits before/after", async () => {
    const m = await createTestMerchant(db, "approve");
    const { productId } = await product(m.id);
    const id = await pending(productId);
    const mod = actor("MODERATOR");
    const first = await decideVariant(db.pool, { variantId: id, action: "APPROVE", actor: mod, comment: "fine" });
    expect(first).toMatchObject({ replayed: false, variant: { status: "APPROVED", claimedById: null } });
    const retry = await decideVariant(db.pool, { variantId: id, action: "APPROVE", actor: mod, comment: "fine" });
    expect(retry).toMatchObject({ replayed: true, batchId: first.batchId });
    await expect(
      decideVariant(db.pool, { variantId: id, action: "APPROVE", actor: actor("MODERATOR") }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
    });
    const audit = await listAuditEvents(db.pool, {
      filter: { entityType: "Variant", entityId: id },
      first: 10,
      afterId: null,
    });
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]).toMatchObject({
      action: "variant.approve",
      actorId: mod.actorId,
      before: { status: "PENDING_REVIEW" },
      after: { status: "APPROVED", decisionId: first.decisions[0]!.id, comment: "fine" },
    });
  });

  it("refuses to approve what the linter blocked; an edit creates an APPROVED child, archives the source and queues its lint", async () => {
    const m = await createTestMerchant(db, "edit");
    const { productId } = await product(m.id);
    const id = await pending(productId, { text: "The best watch ever", verdict: "BLOCK" });
    const mod = actor("MODERATOR");
    await expect(decideVariant(db.pool, { variantId: id, action: "APPROVE", actor: mod })).rejects.toMatchObject({
      code: "CONFLICT",
      details: { refusal: "NEEDS_EDIT" },
    });
    const edit = await editVariant(db.pool, {
      variantId: id,
      action: "EDIT_AND_APPROVE",
      text: "A reliable watch",
      actor: mod,
      idempotencyKey: "k1",
    });
    expect(edit.variant).toMatchObject({
      origin: "EDITED",
      status: "APPROVED",
      parentVariantId: id,
      text: "A reliable watch",
    });
    expect(await statusOf(id)).toBe("ARCHIVED");
    expect(edit.decisions.map((d) => [d.variantId, d.fromStatus, d.toStatus])).toEqual([
      [id, "PENDING_REVIEW", "ARCHIVED"],
      [edit.variant.id, "DRAFT", "APPROVED"],
    ]);
    const lint = await db.pool.query(
      `SELECT payload FROM "Outbox" WHERE queue = 'lint' AND payload->'variantIds' ? $1`,
      [edit.variant.id],
    );
    expect(lint.rows).toHaveLength(1);
    const again = await editVariant(db.pool, {
      variantId: id,
      action: "EDIT_AND_APPROVE",
      text: "A reliable watch",
      actor: mod,
      idempotencyKey: "k1",
    });
    expect(again).toMatchObject({ replayed: true, variant: { id: edit.variant.id } });
    const natural = await editVariant(db.pool, {
      variantId: id,
      action: "EDIT_AND_APPROVE",
      text: "A reliable watch",
      actor: mod,
    });
    expect(natural).toMatchObject({ replayed: true, variant: { id: edit.variant.id } });
    const { rows } = await db.pool.query(`SELECT count(*)::int AS n FROM "Variant" WHERE "parentVariantId" = $1`, [id]);
    expect(rows[0].n).toBe(1);
  });

  it("publishes one live variant per slot, archives the previous one, queues webhooks, and reverts to the original", async () => {
    const m = await createTestMerchant(db, "publish");
    const { productId, originalId } = await product(m.id);
    const endpoint = await createWebhookEndpoint(db.pool, {
      url: "https://hooks.example.com/x",
      events: ["variant.published"],
      merchantId: m.id,
      secret: "whsec_test",
      actor: { actorId: null, actorKind: "system", requestId: null },
    });
    const mod = actor("MODERATOR");
    const merch = actor("MERCHANDISER", m.id);
    const a = await pending(productId, { text: "Variant A" });
    const b = await pending(productId, { text: "Variant B" });
    await decideVariant(db.pool, { variantId: a, action: "APPROVE", actor: mod });
    await decideVariant(db.pool, { variantId: b, action: "APPROVE", actor: mod });
    // A merchandiser of another merchant does not see the variant at all.
    await expect(
      publishVariant(db.pool, { variantId: a, actor: actor("MERCHANDISER", randomUUID()) }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const pa = await publishVariant(db.pool, { variantId: a, actor: merch });
    expect(pa.affected.map((v) => [v.id, v.status])).toEqual([
      [a, "PUBLISHED"],
      [originalId, "ARCHIVED"],
    ]);
    const pb = await publishVariant(db.pool, { variantId: b, actor: merch });
    expect(pb.affected.map((v) => [v.id, v.status])).toEqual([
      [b, "PUBLISHED"],
      [a, "ARCHIVED"],
    ]);
    expect((await publishVariant(db.pool, { variantId: b, actor: merch })).replayed).toBe(true);
    const live = await db.pool.query(`SELECT id FROM "Variant" WHERE "productId" = $1 AND status = 'PUBLISHED'`, [
      productId,
    ]);
    expect(live.rows.map((r) => r.id)).toEqual([b]);
    const deliveries = await db.pool.query<{ id: string; payload: any }>(
      `SELECT id, payload FROM "WebhookDelivery" WHERE "endpointId" = $1 ORDER BY "createdAt"`,
      [endpoint.id],
    );
    expect(deliveries.rows.map((d) => d.payload.data.variantId)).toEqual([a, b]);
    expect(deliveries.rows[1]!.payload).toMatchObject({
      event: "variant.published",
      data: { replacedVariantIds: [a], text: "Variant B" },
    });
    const outbox = await db.pool.query(
      `SELECT count(*)::int AS n FROM "Outbox" WHERE queue = 'webhook' AND payload->>'deliveryId' = ANY($1)`,
      [deliveries.rows.map((d) => d.id)],
    );
    expect(outbox.rows[0].n).toBe(2);
    // Nothing listens at that address: its deliveries go (a worker that picks the jobs up drops them).
    expect(
      await deleteWebhookEndpoint(db.pool, {
        id: endpoint.id,
        actor: { actorId: null, actorKind: "system", requestId: null },
      }),
    ).toBe(true);

    const reverted = await revertToOriginal(db.pool, { productId, field: "TITLE", locale: "en-US", actor: mod });
    expect(reverted.affected.map((v) => [v.id, v.status])).toEqual([
      [originalId, "PUBLISHED"],
      [b, "ARCHIVED"],
    ]);
    expect((await revertToOriginal(db.pool, { productId, field: "TITLE", locale: "en-US", actor: mod })).replayed).toBe(
      true,
    );
    const exported = await listPublishedVariants(db.pool, { merchantId: m.id, since: null, first: 10, after: null });
    expect(exported.rows.map((r) => [r.variantId, r.origin])).toEqual([[originalId, "ORIGINAL"]]);

    const history = await variantHistory(db.pool, { productId });
    expect(history.variants).toHaveLength(3);
    expect(history.decisions.map((d) => d.action)).toEqual([
      "APPROVE",
      "APPROVE",
      "SUPERSEDE",
      "PUBLISH",
      "SUPERSEDE",
      "PUBLISH",
      "SUPERSEDE",
      "REVERT_TO_ORIGINAL",
    ]);
  });
});

describe("bulk and undo", () => {
  it("previews without writing, applies with one batch id, and undoes within the window", async () => {
    const m = await createTestMerchant(db, "bulk");
    const { productId } = await product(m.id);
    const ok1 = await pending(productId);
    const ok2 = await pending(productId);
    const blocked = await pending(productId, { verdict: "BLOCK" });
    const mod = actor("MODERATOR");
    const other = actor("MODERATOR");
    const held = await pending(productId);
    await claimReviewItem(db.pool, {
      variantId: held,
      actorId: other.actorId,
      leaseSeconds: 300,
      scopeMerchantId: null,
    });
    const missing = randomUUID();
    const ids = [ok1, ok2, blocked, held, missing];

    const preview = await bulkDecide(db.pool, { variantIds: ids, action: "APPROVE", preview: true, actor: mod });
    expect(preview.items.map((i) => [i.variantId, i.toStatus, i.skipped])).toEqual([
      [ok1, "APPROVED", null],
      [ok2, "APPROVED", null],
      [blocked, null, "NEEDS_EDIT"],
      [held, null, "CLAIMED"],
      [missing, null, "NOT_FOUND"],
    ]);
    expect(preview).toMatchObject({ preview: true, batchId: null, changed: 2, skipped: 3 });
    expect(await statusOf(ok1)).toBe("PENDING_REVIEW");

    const applied = await bulkDecide(db.pool, { variantIds: ids, action: "APPROVE", preview: false, actor: mod });
    expect(applied).toMatchObject({ preview: false, changed: 2, skipped: 3 });
    expect(await statusOf(ok1)).toBe("APPROVED");
    const batch = await db.pool.query(`SELECT DISTINCT "batchId" FROM "Decision" WHERE "variantId" = ANY($1::uuid[])`, [
      [ok1, ok2],
    ]);
    expect(batch.rows.map((r) => r.batchId)).toEqual([applied.batchId]);

    await expect(undoBatch(db.pool, { batchId: applied.batchId!, actor: other })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const undone = await undoBatch(db.pool, { batchId: applied.batchId!, actor: mod });
    expect(undone.replayed).toBe(false);
    expect(await statusOf(ok1)).toBe("PENDING_REVIEW");
    expect(await statusOf(ok2)).toBe("PENDING_REVIEW");
    expect((await undoBatch(db.pool, { batchId: applied.batchId!, actor: mod })).replayed).toBe(true);
    const marks = await db.pool.query(
      `SELECT count(*)::int AS n FROM "Decision" WHERE "batchId" = $1 AND "undoneAt" IS NOT NULL`,
      [applied.batchId],
    );
    expect(marks.rows[0].n).toBe(2);
    const reverse = await db.pool.query(
      `SELECT action, "fromStatus", "toStatus" FROM "Decision" WHERE "batchId" = $1`,
      [undone.undoBatchId],
    );
    expect(reverse.rows).toEqual([
      { action: "UNDO", fromStatus: "APPROVED", toStatus: "PENDING_REVIEW" },
      { action: "UNDO", fromStatus: "APPROVED", toStatus: "PENDING_REVIEW" },
    ]);
  });

  it("refuses undo after the window and when a variant changed since", async () => {
    const m = await createTestMerchant(db, "undo");
    const { productId, originalId } = await product(m.id);
    const mod = actor("MODERATOR");
    const merch = actor("MERCHANDISER", m.id);
    const late = await pending(productId);
    const r = await decideVariant(db.pool, { variantId: late, action: "REJECT", reasonCode: "GRAMMAR", actor: mod });
    await db.pool.query(`UPDATE "Decision" SET "createdAt" = now() - interval '31 seconds' WHERE "batchId" = $1`, [
      r.batchId,
    ]);
    await expect(undoBatch(db.pool, { batchId: r.batchId!, actor: mod })).rejects.toMatchObject({
      code: "CONFLICT",
      details: { refusal: "UNDO_EXPIRED" },
    });

    const v = await pending(productId);
    const approved = await decideVariant(db.pool, { variantId: v, action: "APPROVE", actor: mod });
    await publishVariant(db.pool, { variantId: v, actor: merch });
    await expect(undoBatch(db.pool, { batchId: approved.batchId!, actor: mod })).rejects.toMatchObject({
      code: "CONFLICT",
    });

    // Undoing a publish puts the superseded original back on the shelf.
    const w = await pending(productId);
    await decideVariant(db.pool, { variantId: w, action: "APPROVE", actor: mod });
    const pub = await bulkDecide(db.pool, { variantIds: [w], action: "PUBLISH", preview: false, actor: merch });
    expect(pub.items[0]).toMatchObject({ toStatus: "PUBLISHED", supersededVariantIds: [v] });
    await undoBatch(db.pool, { batchId: pub.batchId!, actor: merch });
    expect([await statusOf(w), await statusOf(v), await statusOf(originalId)]).toEqual([
      "APPROVED",
      "PUBLISHED",
      "ARCHIVED",
    ]);
  });
});

describe("stats", () => {
  it("counts verdicts per generator, rule and reason, and throughput per hour", async () => {
    const m = await createTestMerchant(db, "stats");
    const { productId } = await product(m.id);
    const gen = `gen-${randomUUID().slice(0, 6)}`;
    const mod = actor("MODERATOR");
    const ids = await Promise.all([0, 1, 2, 3].map(() => pending(productId, { generator: gen })));
    const rule = `rule.${randomUUID().slice(0, 6)}`;
    await db.pool.query(
      `INSERT INTO "Finding" (id, "variantId", "ruleId", "rulePackVersion", category, severity, start, "end")
       SELECT gen_random_uuid(), x, $2, '1', 'ABSOLUTE', 'HIGH', 0, 1 FROM unnest($1::uuid[]) AS x`,
      [[ids[2], ids[3]], rule],
    );
    await decideVariant(db.pool, { variantId: ids[0]!, action: "APPROVE", actor: mod });
    await editVariant(db.pool, { variantId: ids[1]!, action: "EDIT_AND_APPROVE", text: "edited", actor: mod });
    await decideVariant(db.pool, { variantId: ids[2]!, action: "REJECT", reasonCode: "EXAGGERATION", actor: mod });
    await decideVariant(db.pool, { variantId: ids[3]!, action: "REJECT", reasonCode: "EXAGGERATION", actor: mod });
    const since = new Date(Date.now() - 3_600_000);
    const byGenerator = await decisionStats(db.pool, { by: "GENERATOR", since, merchantId: m.id });
    expect(byGenerator.find((r) => r.key === gen)).toEqual({
      key: gen,
      total: 4,
      approved: 1,
      edited: 1,
      rejected: 2,
      topRejectReasons: [{ reasonCode: "EXAGGERATION", count: 2 }],
    });
    const byRule = await decisionStats(db.pool, { by: "RULE", since, merchantId: m.id });
    expect(byRule.find((r) => r.key === rule)).toMatchObject({ total: 2, rejected: 2, approved: 0 });
    const byReason = await decisionStats(db.pool, { by: "REASON", since, merchantId: m.id });
    expect(byReason).toEqual([
      { key: "EXAGGERATION", total: 2, approved: 0, edited: 0, rejected: 2, topRejectReasons: [] },
    ]);
    const throughput = await reviewThroughput(db.pool, { bucket: "hour", since, merchantId: m.id });
    expect(throughput.length).toBeGreaterThanOrEqual(2);
    const sum = throughput.reduce((s, b) => s + b.approved + b.edited + b.rejected, 0);
    expect(sum).toBe(4);
  });
});
