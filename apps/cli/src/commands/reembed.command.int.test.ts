import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importProductBatch, upsertEmbeddings } from "@truecopy/db";
import { createTestMerchant, openOwnTestDatabase, testProductRow, type TOwnTestDatabase } from "@truecopy/db/testing";
import { DEFAULT_TEXT_EMBEDDING_MODEL, getModelSpec } from "@truecopy/ml";
import { reembedCommand } from "./reembed.command.js";

// A database of its own: the run queues every analysed product of the database, and no worker
// may take its messages.
let db: TOwnTestDatabase;
beforeAll(async () => {
  db = await openOwnTestDatabase("reembed");
});
afterAll(async () => db?.drop());

const model = getModelSpec(DEFAULT_TEXT_EMBEDDING_MODEL);
const actor = { actorId: null, actorKind: "system" as const, requestId: null };

describe("truecopy reembed", () => {
  it("brings products to a model whose partial HNSW index exists (kNN queries need it)", async () => {
    const { rows } = await db.pool.query<{ indexdef: string }>(
      `SELECT indexdef FROM pg_indexes WHERE tablename = 'Embedding' AND indexdef LIKE '%USING hnsw%'`,
    );
    expect(
      rows.some(
        (r) => r.indexdef.includes(`vector(${model.dim})`) && r.indexdef.includes(`model = '${model.name}'::text`),
      ),
    ).toBe(true);
  });

  it("queues the products analysed with another model or version, one per batch, and one run at a time", async () => {
    const m = await createTestMerchant(db, "reembed");
    const skus = ["current", "older-version", "other-model", "never-analysed"];
    await importProductBatch(db.pool, {
      merchantId: m.id,
      rows: skus.map((sku) => testProductRow({ sku, title: `title ${sku}` })),
      actor,
      jobRunId: null,
      source: "test",
    });
    const { rows } = await db.pool.query<{ sku: string; id: string }>(
      `SELECT sku, id FROM "Product" WHERE "merchantId" = $1`,
      [m.id],
    );
    const id = Object.fromEntries(rows.map((r) => [r.sku, r.id])) as Record<string, string>;
    await db.pool.query(
      `INSERT INTO "Analysis" (id, "productId", "sourceVersion", language, "embeddingModel")
       SELECT gen_random_uuid(), x.p, 1, 'en', x.label FROM unnest($1::uuid[], $2::text[]) AS x(p, label)`,
      [
        [id.current, id["older-version"], id["other-model"]],
        [`${model.name}@${model.version}`, `${model.name}@0.0.1`, "some-other-model@1.0.0"],
      ],
    );
    const unit = new Float32Array(model.dim);
    unit[0] = 1;
    await upsertEmbeddings(db.pool, model, [
      { ownerKind: "PRODUCT", ownerId: id.current!, vector: unit },
      { ownerKind: "PRODUCT", ownerId: id["older-version"]!, vector: unit },
    ]);

    const result = await reembedCommand(db, { batchSize: 1 });
    expect(result).toEqual({ model: `${model.name}@${model.version}`, jobRunId: expect.any(String), products: 2 });
    const run = await db.pool.query(`SELECT status, total, "payloadDigest" FROM "JobRun" WHERE id = $1`, [
      result.jobRunId,
    ]);
    expect(run.rows[0]).toEqual({
      status: "QUEUED",
      total: 2,
      payloadDigest: `reembed:${model.name}@${model.version}`,
    });
    const messages = await db.pool.query<{ payload: { productIds: string[] } }>(
      `SELECT payload FROM "Outbox" WHERE payload->>'jobRunId' = $1 ORDER BY id`,
      [result.jobRunId],
    );
    expect(messages.rows.map((r) => r.payload.productIds.length)).toEqual([1, 1]);
    expect(messages.rows.flatMap((r) => r.payload.productIds).sort()).toEqual(
      [id["older-version"], id["other-model"]].sort(),
    );
    // The first run is unfinished: nothing more is queued.
    expect(await reembedCommand(db, {})).toEqual({ model: result.model, jobRunId: null, products: 0 });
  });
});
