import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { validateProductRow } from "@truecopy/core";
import { createUser } from "./auth.repo.js";
import { recordFindingFeedback, rulePrecision } from "./finding.repo.js";
import { importProductBatch } from "./product-import.repo.js";
import { createTestMerchant, openTestDatabase } from "./testing.js";
import type { TDatabase } from "./client.js";

// Moderators' verdicts are the evidence for a rule's precision: they must outlive the finding they
// judged, which a re-lint replaces.

let db: TDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => db?.close());

describe("finding feedback", () => {
  it("keeps counting towards its rule after the finding is gone", async () => {
    const m = await createTestMerchant(db, "feedback");
    const row = validateProductRow({ sku: "fb-1", title: "全网最低价", description: "d" }, 1);
    if (!row.ok) throw new Error("invalid row");
    const actor = { actorId: null, actorKind: "system" as const, requestId: null };
    await importProductBatch(db.pool, { merchantId: m.id, rows: [row.value], actor, jobRunId: null, source: "test" });
    const ruleId = `test.rule.${randomUUID().slice(0, 8)}`;
    const finding = await db.pool.query<{ id: string }>(
      `INSERT INTO "Finding" (id, "variantId", "ruleId", "rulePackVersion", category, severity, start, "end", match, message)
       SELECT gen_random_uuid(), v.id, $2, '1', 'ABSOLUTE', 'HIGH', 0, 5, '全网最低价', 'm'
       FROM "Variant" v JOIN "Product" p ON p.id = v."productId" WHERE p."merchantId" = $1 AND v.field = 'TITLE'
       RETURNING id`,
      [m.id, ruleId],
    );
    const findingId = finding.rows[0]!.id;
    const moderator = await createUser(db.pool, {
      email: `mod-${randomUUID().slice(0, 8)}@example.test`,
      name: "Moderator",
      role: "MODERATOR",
      password: "password-123",
    });
    const feedback = await recordFindingFeedback(db.pool, {
      findingId,
      kind: "CONFIRMED",
      comment: null,
      actor: { actorId: moderator.id, actorKind: "user", requestId: null },
    });
    expect(feedback).toMatchObject({ findingId, ruleId, kind: "CONFIRMED" });

    await db.pool.query(`DELETE FROM "Finding" WHERE id = $1`, [findingId]); // what a re-lint does
    const kept = await db.pool.query(`SELECT "findingId", "ruleId", kind FROM "FindingFeedback" WHERE id = $1`, [
      feedback!.id,
    ]);
    expect(kept.rows).toEqual([{ findingId: null, ruleId, kind: "CONFIRMED" }]);
    expect((await rulePrecision(db.pool)).find((r) => r.ruleId === ruleId)).toMatchObject({
      findings: 0,
      confirmed: 1,
      falsePositives: 0,
      precision: 1,
    });
  });
});
