import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { testEnv } from "@truecopy/config";
import { validateProductRow } from "@truecopy/core";
import { importProductBatch, type TDatabase } from "@truecopy/db";
import { createTestMerchant, openTestDatabase } from "@truecopy/db/testing";
import { createRedis } from "@truecopy/jobs";

// A worker killed with SIGKILL in the middle of a batch: another worker takes the job over once its
// lock expires, and the run completes with every product analysed exactly once.
const workerMain = fileURLToPath(new URL("../dist/main.js", import.meta.url));

let db: TDatabase;
const children: ChildProcess[] = [];
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
  await db?.close();
});

function startWorker(prefix: string, extra: Record<string, string>): ChildProcess {
  const env = testEnv();
  const child = spawn(process.execPath, [workerMain], {
    env: {
      DATABASE_URL: env.DATABASE_URL,
      REDIS_URL: env.REDIS_URL,
      TRUECOPY_QUEUE_PREFIX: prefix,
      OUTBOX_POLL_MS: "50",
      WORKER_LOCK_MS: "2000",
      WORKER_CONCURRENCY: "1",
      LOG_LEVEL: "warn",
      ...extra,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  children.push(child);
  return child;
}

async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("worker crash", () => {
  it("resumes a batch after kill -9 without double-counting or duplicate analyses", async () => {
    expect(existsSync(workerMain), `${workerMain} is missing: build the worker first (npm test does)`).toBe(true);
    const m = await createTestMerchant(db, "crash");
    const prefix = `crash-${randomUUID().slice(0, 8)}`;
    let jobRunId: string | null = null;
    for (let b = 0; b < 3; b++) {
      const rows = Array.from({ length: 50 }, (_, i) => {
        const r = validateProductRow(
          { sku: `k${b}-${i}`, title: `Crash test product ${b} ${i}`, description: "续航14天" },
          i + 1,
        );
        if (!r.ok) throw new Error("invalid row");
        return r.value;
      });
      const actor = { actorId: null, actorKind: "system" as const, requestId: null };
      jobRunId = (await importProductBatch(db.pool, { merchantId: m.id, rows, actor, jobRunId, source: "test" }))
        .jobRunId;
    }
    const run = async () =>
      (
        await db.pool.query<{ status: string; processed: number; failed: number; total: number }>(
          `SELECT status, processed, failed, total FROM "JobRun" WHERE id = $1`,
          [jobRunId],
        )
      ).rows[0]!;

    // The first worker holds each job for 10 s before working: it is killed while it holds one.
    const doomed = startWorker(prefix, { WORKER_FAULT_DELAY_MS: "10000" });
    const redis = createRedis(testEnv().REDIS_URL, "worker");
    try {
      await until(
        "a job to be active in the first worker",
        async () => (await redis.llen(`${prefix}:analyze:active`)) > 0,
      );
    } finally {
      redis.disconnect();
    }
    doomed.kill("SIGKILL");
    await new Promise((r) => doomed.once("exit", r));
    expect((await run()).processed).toBe(0);

    startWorker(prefix, {});
    const done = await until("the run to complete", async () => {
      const r = await run();
      return r.status === "COMPLETED" ? r : null;
    });
    expect(done).toEqual({ status: "COMPLETED", processed: 150, failed: 0, total: 150 });
    const counts = await db.pool.query<{ analyses: number; embeddings: number; batches: number }>(
      `SELECT
         (SELECT count(*)::int FROM "Analysis" a JOIN "Product" p ON p.id = a."productId" WHERE p."merchantId" = $1) AS analyses,
         (SELECT count(*)::int FROM "Embedding" e JOIN "Product" p ON p.id = e."ownerId" WHERE p."merchantId" = $1) AS embeddings,
         (SELECT count(*)::int FROM "JobRunBatch" WHERE "jobRunId" = $2) AS batches`,
      [m.id, jobRunId],
    );
    expect(counts.rows[0]).toEqual({ analyses: 150, embeddings: 150, batches: 3 });
  });
});
