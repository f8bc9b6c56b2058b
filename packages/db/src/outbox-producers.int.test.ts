import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "./auth.repo.js";
import type { TDatabase } from "./client.js";
import { DEDUPE_JOB_NAME, DEDUPE_QUEUE, enqueueDedupe, MAX_DEDUPE_BATCH } from "./duplicate.repo.js";
import { ANALYZE_JOB_NAME, ANALYZE_QUEUE, importProductBatch } from "./product-import.repo.js";
import { createTestMerchant, openTestDatabase, testProductRow } from "./testing.js";

// The rows the producers write, pinned: the worker parses these payloads (packages/jobs) and the
// jobs page reads these runs, so a change of shape here is a change of contract.

let db: TDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

describe("outbox producers", () => {
  it("an import writes one QUEUED analyze run and one analyze message with the run and the changed ids", async () => {
    const m = await createTestMerchant(db, "outbox");
    const { id: actorId } = await createUser(db.pool, {
      email: `outbox-${randomUUID().slice(0, 8)}@example.test`,
      name: "Importer",
      role: "ADMIN",
      password: "not-used-here",
    });
    const r = await importProductBatch(db.pool, {
      merchantId: m.id,
      rows: [testProductRow({ sku: "a", title: "A" }), testProductRow({ sku: "b", title: "B" })],
      actor: { actorId, actorKind: "user", requestId: null },
      jobRunId: null,
      source: "test",
    });
    const run = await db.pool.query(
      `SELECT queue, name, "payloadDigest", status, total, processed, failed, "merchantId", "createdById"
       FROM "JobRun" WHERE id = $1`,
      [r.jobRunId],
    );
    expect(run.rows).toEqual([
      {
        queue: ANALYZE_QUEUE,
        name: ANALYZE_JOB_NAME,
        payloadDigest: `import:${m.id}`,
        status: "QUEUED",
        total: 2,
        processed: 0,
        failed: 0,
        merchantId: m.id,
        createdById: actorId,
      },
    ]);
    const messages = await db.pool.query(
      `SELECT queue, "jobName", payload, status, attempts FROM "Outbox" WHERE queue = $1 AND payload->>'jobRunId' = $2`,
      [ANALYZE_QUEUE, r.jobRunId],
    );
    expect(messages.rows).toEqual([
      {
        queue: ANALYZE_QUEUE,
        jobName: ANALYZE_JOB_NAME,
        payload: { jobRunId: r.jobRunId, productIds: r.changedIds },
        status: "PENDING",
        attempts: 0,
      },
    ]);
    expect(Object.keys(messages.rows[0].payload)).toEqual(["jobRunId", "productIds"]);
  });

  it("dedupe messages carry at most MAX_DEDUPE_BATCH distinct ids each, in order, and no run", async () => {
    const ids = Array.from({ length: MAX_DEDUPE_BATCH * 2 + 3 }, () => randomUUID());
    const client = await db.pool.connect();
    try {
      await client.query("BEGIN");
      expect(await enqueueDedupe(client, [...ids, ids[0]!])).toBe(3);
      expect(await enqueueDedupe(client, [])).toBe(0);
      const { rows } = await client.query(
        `SELECT queue, "jobName", payload FROM "Outbox" WHERE payload->'productIds'->>0 = ANY($1::text[]) ORDER BY id`,
        [ids],
      );
      expect(rows).toEqual([
        { queue: DEDUPE_QUEUE, jobName: DEDUPE_JOB_NAME, payload: { productIds: ids.slice(0, MAX_DEDUPE_BATCH) } },
        {
          queue: DEDUPE_QUEUE,
          jobName: DEDUPE_JOB_NAME,
          payload: { productIds: ids.slice(MAX_DEDUPE_BATCH, 2 * MAX_DEDUPE_BATCH) },
        },
        { queue: DEDUPE_QUEUE, jobName: DEDUPE_JOB_NAME, payload: { productIds: ids.slice(2 * MAX_DEDUPE_BATCH) } },
      ]);
    } finally {
      // Nothing of this reaches a worker.
      await client.query("ROLLBACK");
      client.release();
    }
  });
});
