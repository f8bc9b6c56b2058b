import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { Redis } from "ioredis";
import { createLogger, testEnv } from "@truecopy/config";
import {
  createDatabase,
  createQueuedJobRun,
  enqueueImageChecks,
  migrate,
  OUTBOX_MAX_ATTEMPTS,
  queueGenerationRun,
  VISION_BATCH,
  withTransaction,
  writeOutboxBatches,
  type TDatabase,
} from "@truecopy/db";
import { createTestMerchant } from "@truecopy/db/testing";
import { createQueues, createRedis, QueueName, QUEUES, type TQueueName } from "@truecopy/jobs";
import { startOutboxRelay } from "./outbox-relay.js";

// A message the relay gives up on (Redis refusing it through its last attempt) must close its part
// of the job run for every queue whose messages belong to one: analyze, lint, generate and vision.

const log = createLogger("test", "error");
let db: TDatabase;

// A database of its own: the relay claims every pending message, other tests' included.
const shared = testEnv().DATABASE_URL;
const ownUrl = Object.assign(new URL(shared), {
  pathname: `/truecopy_relay_${randomUUID().slice(0, 8)}_test`,
}).toString();
const onServer = async (sql: string) => {
  const admin = createDatabase(shared, { poolMax: 1 });
  try {
    await admin.pool.query(sql);
  } finally {
    await admin.close();
  }
};

beforeAll(async () => {
  await onServer(`CREATE DATABASE "${new URL(ownUrl).pathname.slice(1)}"`);
  await migrate(ownUrl);
  db = createDatabase(ownUrl, { poolMax: 4 });
}, 120_000);

afterAll(async () => {
  await db?.close();
  await onServer(`DROP DATABASE IF EXISTS "${new URL(ownUrl).pathname.slice(1)}" WITH (FORCE)`);
});

/**
 * A Redis of the test's own that refuses every write (full, no eviction), as a production one does
 * when it runs out of memory: each enqueue fails until the relay gives up.
 */
async function startFullRedis(): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
  const child = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"].concat([
      "--maxmemory",
      "1mb",
      "--maxmemory-policy",
      "noeviction",
    ]),
    { stdio: "ignore" },
  );
  await until(`redis on ${port}`, async () => {
    const probe = new Redis(port, "127.0.0.1", { lazyConnect: true, maxRetriesPerRequest: 0 });
    probe.on("error", () => undefined);
    try {
      await probe.connect();
      return (await probe.ping()) === "PONG";
    } catch {
      return false;
    } finally {
      probe.disconnect();
    }
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGKILL");
      }),
  };
}

async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const ids = (n: number) => Array.from({ length: n }, () => randomUUID());

/** A queued run of `items` and its outbox messages in batches of `batchSize`, as the lint and analyze producers write them. */
async function queuedRun(o: { queue: TQueueName; key: string; items: string[]; batchSize: number }) {
  const merchant = await createTestMerchant(db, o.queue);
  return withTransaction(db.pool, async (tx) => {
    const jobRunId = await createQueuedJobRun(tx, {
      queue: o.queue,
      name: `relay-test-${o.queue}`,
      digest: randomUUID(),
      merchantId: merchant.id,
      total: o.items.length,
      actorId: null,
    });
    await writeOutboxBatches(tx, {
      queue: o.queue,
      jobName: QUEUES[o.queue].jobName,
      key: o.key,
      ids: o.items,
      batchSize: o.batchSize,
      jobRunId,
    });
    return jobRunId;
  });
}

/** A run of image checks, written by the vision producer. */
async function visionRun(images: number) {
  const merchant = await createTestMerchant(db, "vision");
  const imageIds = ids(images);
  return withTransaction(db.pool, async (tx) => {
    const jobRunId = await createQueuedJobRun(tx, {
      queue: QueueName.vision,
      name: "relay-test-vision",
      digest: randomUUID(),
      merchantId: merchant.id,
      total: images,
      actorId: null,
    });
    await enqueueImageChecks(tx, imageIds, jobRunId);
    return jobRunId;
  });
}

/** A generation run over `products` new products of a merchant, written by the generate producer. */
async function generateRun(products: number) {
  const merchant = await createTestMerchant(db, "generate");
  await db.pool.query(
    `INSERT INTO "Product" (id, "merchantId", sku, title, description, "contentHash", "updatedAt")
     SELECT gen_random_uuid(), $1, 'relay-' || i, 'relay ' || i, '', md5(i::text), now() FROM generate_series(1, $2) i`,
    [merchant.id, products],
  );
  const run = await queueGenerationRun(db.pool, {
    selection: { merchantId: merchant.id },
    request: { fields: ["TITLE"], styles: ["concise"], audiences: [] },
    actorId: null,
  });
  return run.jobRunId;
}

/** Puts a run's messages at their last attempt. */
const atLastAttempt = async (jobRunId: string) => {
  await db.pool.query(`UPDATE "Outbox" SET attempts = $2 WHERE payload->>'jobRunId' = $1`, [
    jobRunId,
    OUTBOX_MAX_ATTEMPTS - 1,
  ]);
  return jobRunId;
};

const runOf = async (id: string) =>
  (
    await db.pool.query<{ status: string; processed: number; failed: number; error: string | null }>(
      `SELECT status, processed, failed, error FROM "JobRun" WHERE id = $1`,
      [id],
    )
  ).rows[0]!;

const messagesOf = async (jobRunId: string) =>
  (
    await db.pool.query<{ id: number; status: string }>(
      `SELECT id::int, status FROM "Outbox" WHERE payload->>'jobRunId' = $1 ORDER BY id`,
      [jobRunId],
    )
  ).rows;

describe("outbox relay giving up", () => {
  it("counts every item of a given-up message as failed on its run, for each queue with runs", async () => {
    const runs = {
      analyze: await atLastAttempt(
        await queuedRun({ queue: "analyze", key: "productIds", items: ids(3), batchSize: 2 }),
      ),
      lint: await atLastAttempt(await queuedRun({ queue: "lint", key: "variantIds", items: ids(2), batchSize: 5 })),
      generate: await atLastAttempt(await generateRun(4)),
      vision: await atLastAttempt(await visionRun(VISION_BATCH + 1)),
    };
    const totals = { analyze: 3, lint: 2, generate: 4, vision: VISION_BATCH + 1 };
    const full = await startFullRedis();
    const redis = createRedis(full.url, "worker");
    const queues = createQueues(redis, `relay-${randomUUID().slice(0, 8)}`);
    const relay = startOutboxRelay({ db, queues, pollMs: 50, log });
    try {
      for (const [queue, id] of Object.entries(runs)) {
        const run = await until(`the ${queue} run to fail`, async () => {
          const r = await runOf(id);
          return r.status === "FAILED" ? r : null;
        });
        expect(run, queue).toMatchObject({ processed: 0, failed: totals[queue as keyof typeof runs] });
        const messages = await messagesOf(id);
        expect(messages.length, queue).toBeGreaterThan(0);
        expect(new Set(messages.map((m) => m.status)), queue).toEqual(new Set(["FAILED"]));
      }
      expect((await messagesOf(runs.vision)).length).toBe(2);
      expect((await runOf(runs.generate)).error).toMatch(
        /^4 products could not be queued for generation \(outbox \d+\)$/,
      );
      expect((await runOf(runs.vision)).error).toMatch(/^\d+ images could not be queued for checks \(outbox \d+\)$/);
    } finally {
      await relay.stop();
      await queues.close();
      redis.disconnect();
      await full.stop();
    }
  }, 60_000);

  it("dispatches the same messages while Redis is up and leaves their runs to the worker", async () => {
    const runs = {
      generate: await generateRun(2),
      vision: await visionRun(3),
    };
    const redis = createRedis(testEnv().REDIS_URL, "worker");
    const prefix = `relay-${randomUUID().slice(0, 8)}`;
    const queues = createQueues(redis, prefix);
    const relay = startOutboxRelay({ db, queues, pollMs: 50, log });
    try {
      for (const [queue, id] of Object.entries(runs)) {
        const messages = await until(`the ${queue} messages to be dispatched`, async () => {
          const m = await messagesOf(id);
          return m.every((x) => x.status === "DISPATCHED") ? m : null;
        });
        const q = queues.get(queue === "generate" ? QueueName.generate : QueueName.vision);
        for (const m of messages) expect((await q.getJob(`outbox-${m.id}`))?.data.jobRunId).toBe(id);
        expect(await runOf(id)).toMatchObject({ status: "QUEUED", processed: 0, failed: 0 });
      }
    } finally {
      await relay.stop();
      for (const q of [QueueName.generate, QueueName.vision]) await queues.get(q).obliterate({ force: true });
      await queues.close();
      redis.disconnect();
    }
  }, 60_000);
});
