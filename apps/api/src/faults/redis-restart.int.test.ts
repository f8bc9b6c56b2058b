import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { createLogger, parseEnv, testEnv, ZWorkerEnv } from "@truecopy/config";
import { createApiKey, type TDatabase } from "@truecopy/db";
import { createTestMerchant, openTestDatabase } from "@truecopy/db/testing";
import { startWorkerRuntime, type TWorkerRuntime } from "@truecopy/worker";
import { loadEnv } from "../env.js";
import { startApiServer, type TApiServer } from "../server.js";
import { freePort, startRedis, until, type TRedisProcess } from "./fault-kit.js";

// Redis dies (kill -9, no persistence: every queued job is gone) while an import is written.
// The API reports not-ready and recovers by itself; the outbox relays what was written meanwhile,
// and the import is analysed to the end.

const log = createLogger("fault-test", "error");
let db: TDatabase;
let redis: TRedisProcess;
let api: TApiServer;
let worker: TWorkerRuntime;
let adminKey: string;

beforeAll(async () => {
  db = await openTestDatabase();
  redis = await startRedis(await freePort());
  const prefix = `fault-${randomUUID().slice(0, 8)}`;
  api = await startApiServer(
    loadEnv({ API_PORT: "0", REDIS_URL: redis.url, TRUECOPY_QUEUE_PREFIX: prefix, LOG_LEVEL: "error" }),
    log,
  );
  worker = await startWorkerRuntime(
    parseEnv(ZWorkerEnv, {
      DATABASE_URL: testEnv().DATABASE_URL,
      REDIS_URL: redis.url,
      TRUECOPY_QUEUE_PREFIX: prefix,
      OUTBOX_POLL_MS: "50",
      LOG_LEVEL: "error",
    }),
    log,
  );
  adminKey = (await createApiKey(db.pool, { name: "fault-admin", role: "ADMIN" })).key;
}, 60_000);

afterAll(async () => {
  await redis?.start().catch(() => undefined); // a failed test may leave it down
  await worker?.stop();
  await api?.stop();
  await redis?.stop();
  await db?.close();
});

const ready = async () => (await fetch(`${api.url}/readyz`)).status;

async function graphql<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  const res = await fetch(`${api.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${adminKey}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join("; "));
  return body.data!;
}

describe("Redis restart", () => {
  it("goes not-ready, recovers on its own and relays the import written while Redis was down", async () => {
    expect(await ready()).toBe(200);
    const m = await createTestMerchant(db, "redisfault");

    await redis.kill();
    await until("readiness to report Redis down", async () => (await ready()) === 503, 15_000);

    // Written to PostgreSQL and the outbox only: the import does not need Redis to succeed.
    const products = Array.from({ length: 30 }, (_, i) => ({
      sku: `rf-${i}`,
      title: `Redis fault product ${i}`,
      description: "续航14天，IP68防水",
    }));
    const result = await graphql<{ importProducts: { created: number; jobRun: { id: string } | null } }>(
      `
        mutation ($m: ID, $p: [ProductInput!]!) {
          importProducts(merchantId: $m, products: $p) {
            created
            jobRun {
              id
            }
          }
        }
      `,
      { m: m.id, p: products },
    );
    expect(result.importProducts.created).toBe(30);

    await redis.start();
    await until("readiness to recover", async () => (await ready()) === 200, 30_000);

    const jobRunId = result.importProducts.jobRun!.id;
    const run = await until(
      "the import's analysis to finish",
      async () => {
        const r = await db.pool.query<{ status: string; processed: number; failed: number }>(
          `SELECT status, processed, failed FROM "JobRun" WHERE id = $1`,
          [jobRunId],
        );
        return r.rows[0]?.status === "COMPLETED" || r.rows[0]?.status === "FAILED" ? r.rows[0] : null;
      },
      60_000,
    );
    expect(run).toEqual({ status: "COMPLETED", processed: 30, failed: 0 });
    const analysed = await db.pool.query<{ n: number }>(
      `SELECT count(DISTINCT a."productId")::int AS n FROM "Analysis" a JOIN "Product" p ON p.id = a."productId"
       WHERE p."merchantId" = $1 AND a."variantId" IS NULL`,
      [m.id],
    );
    expect(analysed.rows[0]!.n).toBe(30);
  }, 120_000);
});
