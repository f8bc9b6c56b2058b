import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { createServer } from "node:net";
import { createLogger, parseEnv, testEnv, ZWorkerEnv } from "@truecopy/config";
import { validateProductRow } from "@truecopy/core";
import { importProductBatch, type TDatabase } from "@truecopy/db";
import { createTestMerchant, openTestDatabase } from "@truecopy/db/testing";
import { createRedis, QueueName } from "@truecopy/jobs";
import { Queue } from "bullmq";
import { startWorkerRuntime, type TWorkerRuntime } from "./runtime.js";

// The worker's /metrics: job timings by outcome and final failures, behind the optional token.

const token = "worker-metrics-token-01";
const prefix = `wm-${randomUUID().slice(0, 8)}`;
let db: TDatabase;
let worker: TWorkerRuntime;
let port: number;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });

beforeAll(async () => {
  db = await openTestDatabase();
  port = await freePort();
  const env = testEnv();
  worker = await startWorkerRuntime(
    parseEnv(ZWorkerEnv, {
      DATABASE_URL: env.DATABASE_URL,
      REDIS_URL: env.REDIS_URL,
      TRUECOPY_QUEUE_PREFIX: prefix,
      OUTBOX_POLL_MS: "50",
      WORKER_HEALTH_PORT: String(port),
      METRICS_TOKEN: token,
      LOG_LEVEL: "error",
    }),
    createLogger("test", "error"),
  );
}, 60_000);
afterAll(async () => {
  await worker?.stop();
  await db?.close();
});

const scrape = async () =>
  (await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization: `Bearer ${token}` } })).text();

async function until(what: string, fn: () => Promise<boolean>, ms = 30_000) {
  const deadline = Date.now() + ms;
  while (!(await fn())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("worker /metrics", () => {
  it("refuses a scrape without the token", async () => {
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(401);
  });

  it("times completed jobs and counts final failures", async () => {
    const m = await createTestMerchant(db, "wmetrics");
    const row = validateProductRow({ sku: "wm-1", title: "Metrics product", description: "续航14天" }, 1);
    if (!row.ok) throw new Error("invalid row");
    await importProductBatch(db.pool, {
      merchantId: m.id,
      rows: [row.value],
      actor: { actorId: null, actorKind: "system", requestId: null },
      jobRunId: null,
      source: "test",
    });
    await until("the analyze job", async () =>
      /truecopy_job_duration_seconds_count\{queue="analyze",outcome="ok"\} [1-9]/.test(await scrape()),
    );

    // A malformed payload fails for good on its first attempt.
    const connection = createRedis(testEnv().REDIS_URL, "producer");
    const queue = new Queue(QueueName.analyze, { connection, prefix });
    await queue.add("analyze-products", { productIds: "not a list" }, { attempts: 3 });
    await until("the failure to be counted", async () =>
      /truecopy_job_failures_total\{queue="analyze"\} 1/.test(await scrape()),
    );
    expect(await scrape()).toMatch(/truecopy_job_duration_seconds_count\{queue="analyze",outcome="failed"\} 1/);
    expect(await scrape()).toMatch(/truecopy_worker_process_cpu_user_seconds_total/);
    await queue.close();
    connection.disconnect();
  }, 60_000);
});
