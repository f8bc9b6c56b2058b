import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes, randomUUID } from "node:crypto";
import {
  createLogger,
  InMemorySpanExporter,
  parseEnv,
  startTracing,
  testEnv,
  ZWorkerEnv,
  type TTracing,
} from "@truecopy/config";
import { createApiKey, type TDatabase } from "@truecopy/db";
import { createTestMerchant, openTestDatabase } from "@truecopy/db/testing";
import { startWorkerRuntime, type TWorkerRuntime } from "@truecopy/worker";
import { loadEnv } from "./env.js";
import { startApiServer, type TApiServer } from "./server.js";

// One trace from the caller's request through the outbox and the queue into the worker's job.

const exporter = new InMemorySpanExporter();
let tracing: TTracing;
let db: TDatabase;
let api: TApiServer;
let worker: TWorkerRuntime;
let adminKey: string;

beforeAll(async () => {
  tracing = startTracing("truecopy-test", { exporter });
  db = await openTestDatabase();
  const prefix = `trace-${randomUUID().slice(0, 8)}`;
  const log = createLogger("test", "error");
  api = await startApiServer(loadEnv({ API_PORT: "0", TRUECOPY_QUEUE_PREFIX: prefix, LOG_LEVEL: "error" }), log);
  worker = await startWorkerRuntime(
    parseEnv(ZWorkerEnv, {
      DATABASE_URL: testEnv().DATABASE_URL,
      REDIS_URL: testEnv().REDIS_URL,
      TRUECOPY_QUEUE_PREFIX: prefix,
      OUTBOX_POLL_MS: "50",
      LOG_LEVEL: "error",
    }),
    log,
  );
  adminKey = (await createApiKey(db.pool, { name: "trace-admin", role: "ADMIN" })).key;
}, 60_000);
afterAll(async () => {
  await worker?.stop();
  await api?.stop();
  await db?.close();
  await tracing?.shutdown();
});

describe("tracing", () => {
  it("continues the caller's trace from the GraphQL request into the analyze and lint jobs", async () => {
    const m = await createTestMerchant(db, "trace");
    const traceId = randomBytes(16).toString("hex");
    const res = await fetch(`${api.url}/graphql`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${adminKey}`,
        traceparent: `00-${traceId}-${randomBytes(8).toString("hex")}-01`,
      },
      body: JSON.stringify({
        query: `mutation ($m: ID, $p: [ProductInput!]!) { importProducts(merchantId: $m, products: $p) { created } }`,
        variables: { m: m.id, p: [{ sku: "tr-1", title: "全网最低价的智能手表", description: "续航14天" }] },
      }),
    });
    expect(res.status).toBe(200);

    const deadline = Date.now() + 30_000;
    const spansOf = () => exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
    while (!["job analyze", "job lint"].every((n) => spansOf().some((s) => s.name === n))) {
      if (Date.now() > deadline)
        throw new Error(
          `jobs not traced; spans: ${spansOf()
            .map((s) => s.name)
            .join(", ")}`,
        );
      await new Promise((r) => setTimeout(r, 100));
    }
    const request = spansOf().find((s) => s.name === "POST /graphql")!;
    expect(request).toBeDefined();
    for (const name of ["job analyze", "job lint"]) {
      const job = spansOf().find((s) => s.name === name)!;
      expect(job.parentSpanContext?.spanId).toBe(request.spanContext().spanId);
    }
  }, 60_000);
});
