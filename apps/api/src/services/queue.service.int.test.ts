import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { createApiKey, type TDatabase } from "@truecopy/db";
import { createTestMerchant, openTestDatabase } from "@truecopy/db/testing";
import { QUEUES } from "@truecopy/jobs";
import type { TWorkerRuntime } from "@truecopy/worker";
import { startTestWorker } from "@truecopy/worker/testing";
import type { TApiServer } from "../server.js";
import { bearer, codeOf, postGraphql, startTestApi } from "../testing.js";

// The jobs page's API against real Redis queues and a real worker: counts, failed jobs with their
// error and payload summary, retry / cancel / retry-all, their audit events, and who may do what.

let db: TDatabase;
let api: TApiServer;
let worker: TWorkerRuntime;
let adminKey: string;
let analystKey: string;
let merchandiserKey: string;

beforeAll(async () => {
  db = await openTestDatabase();
  const prefix = `tq-${randomUUID().slice(0, 8)}`;
  api = await startTestApi(prefix);
  worker = await startTestWorker({ prefix, env: { OUTBOX_POLL_MS: "1000" } });
  const merchant = await createTestMerchant(db, "queues");
  adminKey = (await createApiKey(db.pool, { name: "q-admin", role: "ADMIN" })).key;
  analystKey = (await createApiKey(db.pool, { name: "q-analyst", role: "ANALYST" })).key;
  merchandiserKey = (await createApiKey(db.pool, { name: "q-merch", role: "MERCHANDISER", merchantId: merchant.id }))
    .key;
});

afterAll(async () => {
  for (const name of Object.keys(QUEUES) as (keyof typeof QUEUES)[]) {
    await api?.services.queues.get(name).obliterate({ force: true });
  }
  await worker?.stop();
  await api?.stop();
  await db?.close();
});

const gql = (key: string, query: string, variables: Record<string, unknown> = {}) =>
  postGraphql(api, query, variables, bearer(key));

const QUEUES_QUERY = `query($names: [String!], $states: [QueueJobState!]) {
  queues(names: $names) {
    name paused
    counts { waiting active delayed prioritized completed failed paused }
    jobs(states: $states, first: 10) { id name state attemptsMade maxAttempts failedReason payloadSummary runAt }
  }
}`;

async function queueState(names: string[], states?: string[]) {
  const r = await gql(adminKey, QUEUES_QUERY, { names, states });
  expect(r.errors).toBeUndefined();
  return r.data.queues as {
    name: string;
    counts: Record<string, number>;
    jobs: { id: string; state: string; failedReason: string | null; payloadSummary: string; runAt: string | null }[];
  }[];
}

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function auditActions(entityId: string): Promise<string[]> {
  const { rows } = await db.pool.query<{ action: string }>(
    `SELECT action FROM "AuditEvent" WHERE "entityType" = 'QueueJob' AND "entityId" = $1 ORDER BY id`,
    [entityId],
  );
  return rows.map((row) => row.action);
}

describe("queues", () => {
  it("lists every queue of packages/jobs with its counts", async () => {
    const queues = await queueState([]);
    expect(queues.map((q) => q.name).sort()).toEqual(Object.keys(QUEUES).sort());
    for (const queue of queues) {
      expect(Object.keys(queue.counts).sort()).toEqual(
        ["active", "completed", "delayed", "failed", "paused", "prioritized", "waiting"].sort(),
      );
    }
    expect(codeOf(await gql(adminKey, QUEUES_QUERY, { names: ["nope"] }))).toBe("BAD_USER_INPUT");
  });

  let failedId = "";

  it("shows a failed job with its error and a payload summary", async () => {
    // A malformed payload fails for good in the worker (no retries): a real failed job.
    const queue = api.services.queues.get("analyze");
    const job = await queue.add(
      "analyze-products",
      { productIds: ["not-a-uuid"], note: "x".repeat(80) },
      { attempts: 1 },
    );
    failedId = job.id ?? "";
    const [analyze] = await waitFor(
      () => queueState(["analyze"], ["FAILED"]),
      // Counts and the job list are read one after the other: wait until both have seen the failure.
      (qs) => (qs[0]?.jobs.some((j) => j.id === failedId) ?? false) && (qs[0]?.counts.failed ?? 0) >= 1,
      "the job to fail",
    );
    expect(analyze?.counts.failed).toBeGreaterThanOrEqual(1);
    const failed = analyze?.jobs.find((j) => j.id === failedId);
    expect(failed?.state).toBe("FAILED");
    expect(failed?.failedReason).toMatch(/invalid analyze payload/);
    expect(failed?.payloadSummary).toBe(`productIds=[1] note=${"x".repeat(40)}…`);
  });

  it("lets an admin retry a failed job, and audits it", async () => {
    const r = await gql(adminKey, `mutation($id: ID!) { retryJob(queue: "analyze", id: $id) { id state } }`, {
      id: failedId,
    });
    expect(r.errors).toBeUndefined();
    expect(r.data.retryJob.id).toBe(failedId);
    expect(await auditActions(`analyze:${failedId}`)).toEqual(["job.retry"]);
    // The worker takes it again and it fails again (the payload is still malformed).
    await waitFor(
      () => api.services.queues.get("analyze").getJobState(failedId),
      (state) => state === "failed",
      "the retried job to fail again",
    );
    // Retrying a job that is not failed is a conflict, an unknown one not found.
    const delayed = await api.services.queues.get("lint").add("lint-variants", { x: 1 }, { delay: 600_000 });
    expect(
      codeOf(await gql(adminKey, `mutation($id: ID!) { retryJob(queue: "lint", id: $id) { id } }`, { id: delayed.id })),
    ).toBe("CONFLICT");
    expect(codeOf(await gql(adminKey, `mutation { retryJob(queue: "lint", id: "missing") { id } }`))).toBe("NOT_FOUND");
    await delayed.remove();
  });

  it("retries every failed job of a queue at once", async () => {
    const r = await gql(adminKey, `mutation { retryAllFailed(queue: "analyze") }`);
    expect(r.errors).toBeUndefined();
    expect(r.data.retryAllFailed).toBeGreaterThanOrEqual(1);
    const { rows } = await db.pool.query(
      `SELECT 1 FROM "AuditEvent" WHERE action = 'queue.retry_all_failed' AND "entityId" = 'analyze'`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(1);
  });

  it("cancels a delayed job before it runs", async () => {
    const queue = api.services.queues.get("webhook");
    const job = await queue.add("deliver-webhook", { deliveryId: randomUUID() }, { delay: 600_000 });
    const [webhook] = await queueState(["webhook"], ["DELAYED"]);
    const listed = webhook?.jobs.find((j) => j.id === job.id);
    expect(listed?.runAt).not.toBeNull();
    expect(listed?.payloadSummary).toMatch(/^deliveryId=[0-9a-f]{8}…$/);

    const r = await gql(adminKey, `mutation($id: ID!) { cancelJob(queue: "webhook", id: $id) }`, { id: job.id });
    expect(r.errors).toBeUndefined();
    expect(r.data.cancelJob).toBe(true);
    expect(await queue.getJob(job.id ?? "")).toBeUndefined();
    expect(await auditActions(`webhook:${job.id}`)).toEqual(["job.cancel"]);
  });

  it("lets readers read and only jobs:manage act", async () => {
    expect((await gql(analystKey, QUEUES_QUERY, { names: ["analyze"] })).errors).toBeUndefined();
    for (const mutation of [
      `mutation { retryJob(queue: "analyze", id: "1") { id } }`,
      `mutation { cancelJob(queue: "analyze", id: "1") }`,
      `mutation { retryAllFailed(queue: "analyze") }`,
    ]) {
      expect(codeOf(await gql(analystKey, mutation))).toBe("FORBIDDEN");
      expect(codeOf(await gql(merchandiserKey, mutation))).toBe("FORBIDDEN");
    }
  });

  it("shows a merchant-bound caller only its own merchant's jobs", async () => {
    const r = await gql(merchandiserKey, QUEUES_QUERY, { names: ["analyze"], states: ["FAILED"] });
    expect(r.errors).toBeUndefined();
    // The failed job above belongs to no job run, so to no merchant.
    expect(r.data.queues[0].jobs).toEqual([]);
    expect(r.data.queues[0].counts.failed).toBeGreaterThanOrEqual(0);
  });
});
