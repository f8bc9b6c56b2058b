import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { createLogger } from "@truecopy/config";
import { createApiKey, createDatabase, ensureMerchant, migrate, type TDatabase } from "@truecopy/db";
import { loadEnv } from "../env.js";
import { startApiServer, type TApiServer } from "../server.js";
import { freePort, startPostgres, until, type TPostgresProcess } from "./fault-kit.js";

// PostgreSQL restarts in immediate mode (as in a crash) while imports run. Transactions cut off
// before COMMIT are retried; whatever happens, the catalog ends up as if each import ran once, with
// no product missing its variants, reviews or outbox message.

const log = createLogger("fault-test", "error");
let pg: TPostgresProcess;
let db: TDatabase;
let api: TApiServer;
let adminKey: string;
let merchantId: string;

beforeAll(async () => {
  pg = startPostgres(await freePort());
  const admin = createDatabase(pg.url("postgres"));
  await admin.pool.query("CREATE DATABASE fault_test");
  await admin.close();
  const url = pg.url("fault_test");
  await migrate(url);
  db = createDatabase(url, { poolMax: 4 });
  api = await startApiServer(
    loadEnv({
      API_PORT: "0",
      DATABASE_URL: url,
      TRUECOPY_QUEUE_PREFIX: `pgfault-${randomUUID().slice(0, 8)}`,
      LOG_LEVEL: "error",
    }),
    log,
  );
  adminKey = (await createApiKey(db.pool, { name: "fault-admin", role: "ADMIN" })).key;
  merchantId = await ensureMerchant(db.pool, { slug: "pg-fault", name: "PG fault" });
}, 120_000);

afterAll(async () => {
  await api?.stop();
  await db?.close();
  pg?.stop();
});

async function importFile(content: string): Promise<{ ok: boolean; error?: string; code?: string }> {
  const res = await fetch(`${api.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${adminKey}` },
    body: JSON.stringify({
      query: `mutation ($c: String!, $m: ID) { importProductsFile(content: $c, format: JSONL, merchantId: $m) { created updated unchanged invalid } }`,
      variables: { c: content, m: merchantId },
    }),
  });
  const body = (await res.json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
  const e = body.errors?.[0];
  return e ? { ok: false, error: e.message, code: e.extensions?.code ?? "" } : { ok: true };
}

const catalog = (n: number, tag: string) =>
  Array.from({ length: n }, (_, i) =>
    JSON.stringify({
      sku: `pg-${i}`,
      title: `Restart product ${i} ${tag}`,
      description: `Battery lasts ${i % 30} days ${tag}`,
      reviews: [{ id: `r${i}`, text: `review ${tag}`, rating: 4 }],
    }),
  ).join("\n");

async function snapshot() {
  const { rows } = await db.pool.query<{ sku: string; title: string; reviews: number; originals: number }>(
    `SELECT p.sku, p.title,
       (SELECT count(*)::int FROM "ProductReview" r WHERE r."productId" = p.id) AS reviews,
       (SELECT count(*)::int FROM "Variant" v WHERE v."productId" = p.id AND v.origin = 'ORIGINAL') AS originals
     FROM "Product" p WHERE p."merchantId" = $1 ORDER BY p.sku`,
    [merchantId],
  );
  return rows;
}

describe("PostgreSQL restart", () => {
  it("serves again by itself after a restart, and imports cut off by it leave nothing half-written", async () => {
    expect(await importFile(catalog(300, "v1"))).toEqual({ ok: true });
    const before = await snapshot();
    expect(before).toHaveLength(300);

    // Change every product, and restart the server while that import is being written.
    const during = importFile(catalog(300, "v2"));
    await new Promise((r) => setTimeout(r, 30));
    pg.restart();
    const outcome = await during;

    // Whatever the outcome of that request, each product is entirely v1 or entirely v2.
    await until("the API to answer again", async () => (await fetch(`${api.url}/readyz`)).status === 200, 30_000);
    const mid = await snapshot();
    expect(mid).toHaveLength(300);
    for (const p of mid) {
      expect(p.reviews).toBe(1);
      expect(p.originals).toBe(2); // title and description
    }
    if (outcome.ok) expect(mid.every((p) => p.title.endsWith("v2"))).toBe(true);

    // Running it again converges on exactly the state of one clean v2 import.
    expect(await importFile(catalog(300, "v2"))).toEqual({ ok: true });
    const after = await snapshot();
    expect(after.every((p) => p.title.endsWith("v2") && p.reviews === 1 && p.originals === 2)).toBe(true);
    const outbox = await db.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "Product" p WHERE p."merchantId" = $1 AND p."sourceVersion" > 1
         AND NOT EXISTS (SELECT 1 FROM "Outbox" o WHERE o.payload->'productIds' ? p.id::text)`,
      [merchantId],
    );
    expect(outbox.rows[0]!.n).toBe(0);
  }, 180_000);

  it("reports not-ready while the server is down and answers queries again once it is back", async () => {
    pg.halt();
    expect((await fetch(`${api.url}/readyz`)).status).toBe(503);
    const down = await importFile(catalog(5, "down"));
    expect(down).toMatchObject({ ok: false, code: "UNAVAILABLE", error: expect.stringMatching(/try again/) });
    pg.resume();
    await until("ready", async () => (await fetch(`${api.url}/readyz`)).status === 200, 30_000);
    expect(await importFile(catalog(5, "back"))).toEqual({ ok: true });
    expect((await snapshot()).filter((p) => p.title.endsWith("back"))).toHaveLength(5);
  }, 60_000);
});
