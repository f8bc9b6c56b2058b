import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { mkdtemp, mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { validateProductRow } from "@truecopy/core";
import { appendAudit, verifyAuditChain } from "./audit.repo.js";
import { withTransaction, type TDatabase } from "./client.js";
import { recordJobRunBatch } from "./job-run.repo.js";
import { migrate, MigrationError } from "./migrate.js";
import { claimOutbox, markOutboxDispatched, markOutboxFailed, OUTBOX_MAX_ATTEMPTS } from "./outbox.repo.js";
import { importProductBatch } from "./product-import.repo.js";
import { createTestMerchant, openTestDatabase } from "./testing.js";
import { nearestProducts, upsertEmbeddings } from "./vector.js";
import { embeddingModelLabel, queueReembedding } from "./analysis.repo.js";

let db: TDatabase & { url: string };
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => db?.close());

const actor = { actorId: null, actorKind: "system" as const, requestId: null };
async function importSkus(merchantId: string, skus: string[]) {
  const rows = skus.map((sku) => {
    const r = validateProductRow({ sku, title: sku }, 1);
    if (!r.ok) throw new Error("invalid");
    return r.value;
  });
  return importProductBatch(db.pool, { merchantId, rows, actor, jobRunId: null, source: "test" });
}

describe("outbox", () => {
  it("hands each message to one claimer and hides claimed ones for the lease", async () => {
    const m = await createTestMerchant(db);
    const r = await importSkus(m.id, ["o1"]);
    const mine = async () =>
      (await claimOutbox(db.pool, 1000)).filter((x) => (x.payload as { jobRunId: string }).jobRunId === r.jobRunId);
    const [a, b] = await Promise.all([mine(), mine()]);
    expect(a.length + b.length).toBe(1);
    const claimed = [...a, ...b][0]!;
    expect(await mine()).toEqual([]);
    await markOutboxFailed(db.pool, claimed, "redis down");
    const row = await db.pool.query(`SELECT status, "lastError", attempts FROM "Outbox" WHERE id = $1`, [claimed.id]);
    expect(row.rows[0]).toEqual({ status: "PENDING", lastError: "redis down", attempts: 1 });
    await markOutboxDispatched(db.pool, [claimed.id]);
    const done = await db.pool.query(`SELECT status FROM "Outbox" WHERE id = $1`, [claimed.id]);
    expect(done.rows[0].status).toBe("DISPATCHED");
  });
});

// These tests record progress by hand; their outbox rows must not reach a worker of a later test.
async function importSkusWithoutJobs(merchantId: string, skus: string[]) {
  const r = await importSkus(merchantId, skus);
  await db.pool.query(`UPDATE "Outbox" SET status = 'DISPATCHED' WHERE payload->>'jobRunId' = $1`, [r.jobRunId]);
  return r;
}

describe("outbox give-up", () => {
  it("marks a message FAILED at the last attempt and says so", async () => {
    const m = await createTestMerchant(db);
    const r = await importSkus(m.id, ["g1"]);
    const { rows } = await db.pool.query<{ id: number }>(
      `UPDATE "Outbox" SET attempts = $2 WHERE payload->>'jobRunId' = $1 RETURNING id`,
      [r.jobRunId, OUTBOX_MAX_ATTEMPTS - 1],
    );
    const message = { id: rows[0]!.id, queue: "analyze", jobName: "x", payload: {}, attempts: OUTBOX_MAX_ATTEMPTS - 1 };
    expect(await markOutboxFailed(db.pool, message, "still down")).toBe(false);
    await db.pool.query(`UPDATE "Outbox" SET attempts = $2 WHERE id = $1`, [message.id, OUTBOX_MAX_ATTEMPTS]);
    expect(await markOutboxFailed(db.pool, { ...message, attempts: OUTBOX_MAX_ATTEMPTS }, "gave up")).toBe(true);
    const row = await db.pool.query(`SELECT status, "lastError" FROM "Outbox" WHERE id = $1`, [message.id]);
    expect(row.rows[0]).toEqual({ status: "FAILED", lastError: "gave up" });
  });
});

describe("re-embedding on a model change", () => {
  it("queues analysed products that have no vector of the current model, one run at a time", async () => {
    const m = await createTestMerchant(db);
    const r = await importSkusWithoutJobs(m.id, ["e1", "e2"]);
    const [a, b] = r.changedIds;
    await db.pool.query(
      `INSERT INTO "Analysis" (id, "productId", "sourceVersion", language, "embeddingModel")
       SELECT gen_random_uuid(), x, 1, 'en', 'old-model' FROM unnest($1::uuid[]) AS x`,
      [[a, b]],
    );
    const model = `new-model-${randomUUID().slice(0, 8)}`;
    await upsertEmbeddings(db.pool, { name: model, dim: 3 }, [
      { ownerKind: "PRODUCT", ownerId: b!, vector: [1, 0, 0] },
    ]);
    const queued = await queueReembedding(db.pool, { model, batchSize: 1000 });
    try {
      expect(queued.jobRunId).not.toBeNull();
      const payloads = await db.pool.query<{ payload: { productIds: string[] } }>(
        `SELECT payload FROM "Outbox" WHERE payload->>'jobRunId' = $1`,
        [queued.jobRunId],
      );
      const ids = payloads.rows.flatMap((p) => p.payload.productIds);
      expect(ids).toContain(a);
      expect(ids).not.toContain(b);
      expect(ids).toHaveLength(queued.products);
      expect(await queueReembedding(db.pool, { model, batchSize: 1000 })).toEqual({ jobRunId: null, products: 0 });
    } finally {
      // Other tests' workers must not pick up this run.
      await db.pool.query(`UPDATE "Outbox" SET status = 'DISPATCHED' WHERE payload->>'jobRunId' = $1`, [
        queued.jobRunId,
      ]);
      await db.pool.query(`UPDATE "JobRun" SET status = 'CANCELLED' WHERE id = $1`, [queued.jobRunId]);
    }
  });

  it("queues products whose analysis recorded another version of the same model, and not the current one", async () => {
    const m = await createTestMerchant(db);
    const r = await importSkusWithoutJobs(m.id, ["v1", "v2"]);
    const [older, current] = r.changedIds;
    const model = `retrained-${randomUUID().slice(0, 8)}`;
    expect(embeddingModelLabel({ name: model, version: "1.0.1" })).toBe(`${model}@1.0.1`);
    await db.pool.query(
      `INSERT INTO "Analysis" (id, "productId", "sourceVersion", language, "embeddingModel")
       VALUES (gen_random_uuid(), $1, 1, 'en', $3), (gen_random_uuid(), $2, 1, 'en', $4)`,
      [older, current, `${model}@1.0.0`, `${model}@1.0.1`],
    );
    await upsertEmbeddings(db.pool, { name: model, dim: 3 }, [
      { ownerKind: "PRODUCT", ownerId: older!, vector: [1, 0, 0] },
      { ownerKind: "PRODUCT", ownerId: current!, vector: [0, 1, 0] },
    ]);
    const queued = await queueReembedding(db.pool, { model, version: "1.0.1", batchSize: 1000 });
    try {
      expect(queued.jobRunId).not.toBeNull();
      const run = await db.pool.query<{ payloadDigest: string }>(`SELECT "payloadDigest" FROM "JobRun" WHERE id = $1`, [
        queued.jobRunId,
      ]);
      expect(run.rows[0]!.payloadDigest).toBe(`reembed:${model}@1.0.1`);
      const payloads = await db.pool.query<{ payload: { productIds: string[] } }>(
        `SELECT payload FROM "Outbox" WHERE payload->>'jobRunId' = $1`,
        [queued.jobRunId],
      );
      const ids = payloads.rows.flatMap((p) => p.payload.productIds);
      expect(ids).toContain(older);
      expect(ids).not.toContain(current);
    } finally {
      await db.pool.query(`UPDATE "Outbox" SET status = 'DISPATCHED' WHERE payload->>'jobRunId' = $1`, [
        queued.jobRunId,
      ]);
      await db.pool.query(`UPDATE "JobRun" SET status = 'CANCELLED' WHERE id = $1`, [queued.jobRunId]);
    }
  });
});

describe("job run progress", () => {
  it("counts a batch once, completes when all items are accounted for", async () => {
    const m = await createTestMerchant(db);
    const r = await importSkusWithoutJobs(m.id, ["j1", "j2", "j3"]);
    const id = r.jobRunId!;
    expect(await recordJobRunBatch(db.pool, { jobRunId: id, batchKey: "b1", processed: 2, failed: 0 })).toBe(true);
    expect(await recordJobRunBatch(db.pool, { jobRunId: id, batchKey: "b1", processed: 2, failed: 0 })).toBe(false);
    let run = (await db.pool.query(`SELECT processed, failed, status FROM "JobRun" WHERE id = $1`, [id])).rows[0];
    expect(run).toEqual({ processed: 2, failed: 0, status: "QUEUED" });
    await recordJobRunBatch(db.pool, { jobRunId: id, batchKey: "b2", processed: 0, failed: 1, error: "boom" });
    run = (await db.pool.query(`SELECT processed, failed, status, error FROM "JobRun" WHERE id = $1`, [id])).rows[0];
    expect(run).toEqual({ processed: 2, failed: 1, status: "COMPLETED", error: "boom" });
  });

  it("refuses counts that exceed the total", async () => {
    const m = await createTestMerchant(db);
    const r = await importSkusWithoutJobs(m.id, ["k1"]);
    await expect(
      recordJobRunBatch(db.pool, { jobRunId: r.jobRunId!, batchKey: "x", processed: 5, failed: 0 }),
    ).rejects.toThrow(/JobRun_counts_valid/);
  });
});

describe("audit log", () => {
  it("chains hashes, detects tampering and refuses updates and deletes", async () => {
    const entityId = randomUUID();
    for (const n of [1, 2, 3]) {
      await withTransaction(db.pool, (tx) =>
        appendAudit(tx, {
          actorId: null,
          actorKind: "system",
          action: "test.event",
          entityType: "Test",
          entityId,
          after: { n, note: "ünï 😀" },
        }),
      );
    }
    const { rows } = await db.pool.query<{ id: number }>(
      `SELECT id FROM "AuditEvent" WHERE "entityId" = $1 ORDER BY id`,
      [entityId],
    );
    expect(rows).toHaveLength(3);
    // Earlier events may predate this code (or belong to other tests): verify from ours on.
    const anchor = await chainAnchor(rows[0]!.id);
    const before = await verifyAuditChain(db.pool, anchor);
    expect(before.firstBrokenId).toBeNull();
    expect(before.checked).toBeGreaterThanOrEqual(3);

    await expect(db.pool.query(`UPDATE "AuditEvent" SET action = 'x' WHERE id = $1`, [rows[1]!.id])).rejects.toThrow(
      /append-only/,
    );
    await expect(db.pool.query(`DELETE FROM "AuditEvent" WHERE id = $1`, [rows[1]!.id])).rejects.toThrow(/append-only/);

    // Someone with superuser rights bypasses the trigger: the chain still tells (rolled back after).
    // Everything inside the transaction uses its own client: on the embedded server another client
    // would wait for this transaction to end.
    const client = await db.pool.connect();
    try {
      await client.query("BEGIN");
      await client.query(`ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_no_update"`);
      await client.query(`UPDATE "AuditEvent" SET after = '{"n": 99}' WHERE id = $1`, [rows[1]!.id]);
      const broken = await verifyAuditChain(client, anchor);
      expect(broken).toMatchObject({ firstBrokenId: rows[1]!.id, reason: "content does not match its hash" });
    } finally {
      await client.query("ROLLBACK");
      client.release();
    }
  });
});

/** Verification starting at event `id` (anchored on its predecessor in the chain). */
async function chainAnchor(id: number): Promise<{ afterId?: number }> {
  const prev = await db.pool.query<{ id: number }>(`SELECT max(id)::int AS id FROM "AuditEvent" WHERE id < $1`, [id]);
  return prev.rows[0]?.id ? { afterId: prev.rows[0].id } : {};
}

describe("vectors", () => {
  it("finds nearest products by cosine, scoped to a merchant, and checks dimensions", async () => {
    const m = await createTestMerchant(db);
    const other = await createTestMerchant(db);
    const r = await importSkus(m.id, ["q", "near", "far"]);
    const o = await importSkus(other.id, ["elsewhere"]);
    const ids = await db.pool.query<{ sku: string; id: string }>(
      `SELECT sku, id FROM "Product" WHERE id = ANY($1::uuid[])`,
      [r.changedIds],
    );
    const idOf = Object.fromEntries(ids.rows.map((x) => [x.sku, x.id]));
    const [q, near, far] = [idOf.q, idOf.near, idOf.far];
    const model = { name: "hashgram-v1", dim: 256 };
    const unit = (i: number, j?: number) => {
      const v = new Float32Array(256);
      v[i] = 1;
      if (j !== undefined) v[j] = 0.2;
      return v;
    };
    await upsertEmbeddings(db.pool, model, [
      { ownerKind: "PRODUCT", ownerId: q!, vector: unit(0) },
      { ownerKind: "PRODUCT", ownerId: near!, vector: unit(0, 1) },
      { ownerKind: "PRODUCT", ownerId: far!, vector: unit(5) },
      { ownerKind: "PRODUCT", ownerId: o.changedIds[0]!, vector: unit(0) },
    ]);
    const scoped = await nearestProducts(db.pool, model, { productId: q!, k: 2, merchantId: m.id });
    expect(scoped.map((n) => n.ownerId)).toEqual([near, far]);
    expect(scoped[0]!.score).toBeCloseTo(1 / Math.sqrt(1.04), 4);
    // Unscoped, the identical vector under the other merchant (or an earlier run's) comes first.
    const all = await nearestProducts(db.pool, model, { productId: q!, k: 1 });
    expect(all[0]!.score).toBeCloseTo(1, 5);
    const theirs = await nearestProducts(db.pool, model, { productId: q!, k: 1, merchantId: other.id });
    expect(theirs.map((n) => n.ownerId)).toEqual([o.changedIds[0]]);
    await expect(
      upsertEmbeddings(db.pool, model, [{ ownerKind: "PRODUCT", ownerId: q!, vector: new Float32Array(3) }]),
    ).rejects.toThrow(/3 dimensions/);
    await expect(
      nearestProducts(db.pool, { name: "x'; drop table", dim: 256 }, { productId: q!, k: 1 }),
    ).rejects.toThrow(/invalid model name/);
  });
});

describe("migrate", () => {
  it("is idempotent and refuses a migration edited after it was applied", async () => {
    expect((await migrate(db.url)).applied).toEqual([]);
    const dir = await mkdtemp(join(tmpdir(), "mig-"));
    const name = `20990101000000_t${randomUUID().slice(0, 8).replace(/-/g, "")}`;
    await mkdir(join(dir, name));
    const table = `mig_${randomUUID().slice(0, 8)}`;
    await writeFile(join(dir, name, "migration.sql"), `CREATE TABLE "${table}" (id int);`);
    expect((await migrate(db.url, { dir })).applied).toEqual([name]);
    await writeFile(join(dir, name, "migration.sql"), `CREATE TABLE "${table}" (id bigint);`);
    await expect(migrate(db.url, { dir })).rejects.toBeInstanceOf(MigrationError);
    await db.pool.query(`DELETE FROM "_prisma_migrations" WHERE migration_name = $1`, [name]);
    await db.pool.query(`DROP TABLE "${table}"`);
  });

  it("rolls back a failing migration entirely", async () => {
    const dir = await mkdtemp(join(tmpdir(), "mig-"));
    const name = "20990101000001_broken";
    await mkdir(join(dir, name));
    await writeFile(
      join(dir, name, "migration.sql"),
      `CREATE TABLE "half_written" (id int); SELECT no_such_function();`,
    );
    await expect(migrate(db.url, { dir })).rejects.toThrow(/rolled back/);
    const t = await db.pool.query(`SELECT to_regclass('"half_written"') AS t`);
    expect(t.rows[0].t).toBeNull();
  });
});
