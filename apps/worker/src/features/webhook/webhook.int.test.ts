import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { verifyWebhookSignature } from "@truecopy/core";
import { createWebhookEndpoint, decideVariant, publishVariant, type TReviewActor } from "@truecopy/db";
import { createTestMerchant, openOwnTestDatabase, type TOwnTestDatabase } from "@truecopy/db/testing";
import type { TWorkerRuntime } from "../../runtime.js";
import { removeTestQueues, startTestWorker } from "../../testing.js";

type TReceived = { path: string; headers: IncomingMessage["headers"]; body: string };

let db: TOwnTestDatabase;
let worker: TWorkerRuntime;
let receiver: Server;
let base: string;
const received: TReceived[] = [];
const failuresLeft = new Map<string, number>();
const prefix = `t-wh-${randomUUID().slice(0, 8)}`;
const system = { actorId: null, actorKind: "system" as const, requestId: null };

beforeAll(async () => {
  // A database of its own: in a shared one, any other worker's outbox relay (another test run with
  // another allow-list) could pick these deliveries up and refuse the local receiver.
  db = await openOwnTestDatabase("wh");
  // A real receiver: /flaky answers 500 twice then 200, /slow never answers.
  receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      const path = req.url ?? "/";
      received.push({ path, headers: req.headers, body });
      if (path.startsWith("/slow")) return;
      const left = failuresLeft.get(path) ?? 0;
      if (left > 0) {
        failuresLeft.set(path, left - 1);
        res.writeHead(500).end("not now");
      } else res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  worker = await startTestWorker({
    prefix,
    databaseUrl: db.url,
    env: { WEBHOOK_ALLOWED_HOSTS: "127.0.0.1", WEBHOOK_TIMEOUT_MS: "1000" },
  });
});

afterAll(async () => {
  await worker?.stop();
  receiver?.closeAllConnections();
  await new Promise((r) => receiver?.close(r));
  // The queues of this run (retries of the slow receiver included) go with it.
  await removeTestQueues(prefix);
  await db?.drop();
});

const actor = (role: "MODERATOR" | "MERCHANDISER", merchantId: string | null = null): TReviewActor => {
  const id = randomUUID();
  return { actorId: id, userId: id, actorKind: "user", requestId: null, role, scopeMerchantId: merchantId };
};

/** A product with an approved variant ready to publish. */
async function approvedVariant(merchantId: string): Promise<string> {
  const p = await db.pool.query<{ id: string }>(
    `INSERT INTO "Product" (id, "merchantId", sku, title, description, "contentHash", "updatedAt")
     VALUES (gen_random_uuid(), $1, $2, 'Watch', '', 'h', now()) RETURNING id`,
    [merchantId, `sku-${randomUUID().slice(0, 8)}`],
  );
  const v = await db.pool.query<{ id: string }>(
    `INSERT INTO "Variant" (id, "productId", field, locale, text, origin, status, "updatedAt")
     VALUES (gen_random_uuid(), $1, 'TITLE', 'en', '=cmd|"/c calc"!A1 A fine watch', 'GENERATED', 'PENDING_REVIEW', now()) RETURNING id`,
    [p.rows[0]!.id],
  );
  await decideVariant(db.pool, { variantId: v.rows[0]!.id, action: "APPROVE", actor: actor("MODERATOR") });
  return v.rows[0]!.id;
}

async function waitForDelivery(endpointId: string, done: (d: any) => boolean, ms = 40_000) {
  const until = Date.now() + ms;
  for (;;) {
    const { rows } = await db.pool.query(`SELECT * FROM "WebhookDelivery" WHERE "endpointId" = $1`, [endpointId]);
    if (rows[0] && done(rows[0])) return rows[0];
    if (Date.now() > until) throw new Error(`delivery not done in time: ${JSON.stringify(rows[0] ?? null)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("webhook delivery", () => {
  it("retries a receiver that fails twice, then delivers once, signed", async () => {
    const m = await createTestMerchant(db, "wh");
    const path = `/flaky-${randomUUID().slice(0, 6)}`;
    failuresLeft.set(path, 2);
    const secret = "whsec_integration-test-secret";
    const endpoint = await createWebhookEndpoint(db.pool, {
      url: `${base}${path}`,
      events: ["variant.published"],
      merchantId: m.id,
      secret,
      actor: system,
    });
    const variantId = await approvedVariant(m.id);
    await publishVariant(db.pool, { variantId, actor: actor("MERCHANDISER", m.id) });

    const delivery = await waitForDelivery(endpoint.id, (d) => d.status !== "PENDING");
    expect(delivery).toMatchObject({ status: "DELIVERED", attempts: 3, lastStatus: 200, lastError: null });
    const calls = received.filter((r) => r.path === path);
    expect(calls).toHaveLength(3);
    for (const call of calls) {
      expect(call.headers["content-type"]).toBe("application/json");
      expect(call.headers["x-truecopy-event"]).toBe("variant.published");
      expect(call.headers["x-truecopy-delivery"]).toBe(delivery.id);
      const check = verifyWebhookSignature({
        header: call.headers["x-truecopy-signature"] as string,
        body: call.body,
        secret,
      });
      expect(check.valid).toBe(true);
      expect(
        verifyWebhookSignature({
          header: call.headers["x-truecopy-signature"] as string,
          body: call.body,
          secret: "whsec_other",
        }).valid,
      ).toBe(false);
    }
    // The same event body every time, so receivers can deduplicate by delivery id.
    expect(new Set(calls.map((c) => c.body)).size).toBe(1);
    expect(JSON.parse(calls[0]!.body)).toMatchObject({
      event: "variant.published",
      data: { variantId, reason: "publish", text: '=cmd|"/c calc"!A1 A fine watch' },
    });
  });

  it("fails a delivery to a private address at once, without retrying", async () => {
    const m = await createTestMerchant(db, "wh-ssrf");
    // Stored directly: the API refuses such URLs, but a name can start resolving elsewhere later.
    const endpoint = await createWebhookEndpoint(db.pool, {
      url: "http://10.255.255.1/hook",
      events: ["variant.published"],
      merchantId: m.id,
      secret: "whsec_x",
      actor: system,
    });
    await publishVariant(db.pool, { variantId: await approvedVariant(m.id), actor: actor("MERCHANDISER", m.id) });
    const delivery = await waitForDelivery(endpoint.id, (d) => d.status !== "PENDING", 15_000);
    expect(delivery).toMatchObject({ status: "FAILED", attempts: 1, lastStatus: null });
    expect(delivery.lastError).toMatch(/not a public address/);
  });

  it("gives a silent receiver up after the timeout and keeps the error", async () => {
    const m = await createTestMerchant(db, "wh-slow");
    const endpoint = await createWebhookEndpoint(db.pool, {
      url: `${base}/slow-${randomUUID().slice(0, 6)}`,
      events: ["variant.published"],
      merchantId: m.id,
      secret: "whsec_y",
      actor: system,
    });
    const started = Date.now();
    await publishVariant(db.pool, { variantId: await approvedVariant(m.id), actor: actor("MERCHANDISER", m.id) });
    const delivery = await waitForDelivery(endpoint.id, (d) => d.attempts >= 1, 15_000);
    expect(delivery).toMatchObject({ status: "PENDING", lastStatus: null });
    expect(delivery.lastError).toMatch(/timed out after 1000 ms/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
