import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { createLogger } from "@truecopy/config";
import { createApiKey, type TDatabase } from "@truecopy/db";
import { createTestMerchant, openTestDatabase } from "@truecopy/db/testing";
import { loadEnv } from "./env.js";
import { startApiServer, type TApiServer } from "./server.js";

// The review workflow over HTTP: queue, claims, decisions, edits, bulk with undo, publish, revert,
// history, export (GraphQL, CSV, JSONL), webhooks, audit and statistics.

let db: TDatabase;
let api: TApiServer;
let merchant: { id: string; slug: string };
let other: { id: string; slug: string };
const keys: Record<string, string> = {};
const log = createLogger("test", "error");

beforeAll(async () => {
  db = await openTestDatabase();
  api = await startApiServer(
    loadEnv({
      API_PORT: "0",
      TRUECOPY_QUEUE_PREFIX: `t-${randomUUID().slice(0, 8)}`,
      LOG_LEVEL: "error",
      WEBHOOK_ALLOWED_HOSTS: "127.0.0.1",
    }),
    log,
  );
  merchant = await createTestMerchant(db, "rv");
  other = await createTestMerchant(db, "rv-other");
  const key = async (
    name: string,
    role: "ADMIN" | "MODERATOR" | "MERCHANDISER" | "ANALYST" | "SERVICE",
    m: string | null = null,
  ) => (keys[name] = (await createApiKey(db.pool, { name, role, merchantId: m })).key);
  await key("admin", "ADMIN");
  await key("mod", "MODERATOR");
  await key("mod2", "MODERATOR");
  await key("merch", "MERCHANDISER", merchant.id);
  await key("otherMerch", "MERCHANDISER", other.id);
  await key("analyst", "ANALYST");
  await key("shop", "SERVICE", merchant.id);
});
afterAll(async () => {
  await api?.stop();
  await db?.close();
});

type TGql = { data?: any; errors?: { message: string; extensions?: { code?: string; details?: any } }[] };
async function gql(who: string, query: string, variables: Record<string, unknown> = {}): Promise<TGql> {
  const res = await fetch(`${api.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${keys[who]}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as TGql;
}
const codeOf = (r: TGql) => r.errors?.[0]?.extensions?.code;
const ok = (r: TGql) => {
  expect(r.errors).toBeUndefined();
  return r.data;
};

let productId: string;
let originalTitleId: string;

async function pendingVariant(text: string, o: { verdict?: string; ageHours?: number } = {}): Promise<string> {
  const { rows } = await db.pool.query<{ id: string }>(
    `INSERT INTO "Variant" (id, "productId", field, locale, text, origin, generator, status, verdict, "createdAt", "updatedAt")
     VALUES (gen_random_uuid(), $1, 'TITLE', 'en-US', $2, 'GENERATED', 'template-v1', 'PENDING_REVIEW', $3::"LintVerdict",
       now() - make_interval(secs => $4::float8), now()) RETURNING id`,
    [productId, text, o.verdict ?? null, (o.ageHours ?? 0) * 3600],
  );
  return rows[0]!.id;
}

const ITEM = `id slaStatus ageSeconds findingCount maxSeverity claim { mine holder { name } }
  product { sku merchant { slug } }
  variant { id text status verdict original { text } diff { mode ops { op text } } }`;

describe("review workflow over GraphQL", () => {
  it("imports a product whose original title is live", async () => {
    const r = await gql(
      "admin",
      `mutation($m: ID, $p: [ProductInput!]!) { importProducts(merchantId: $m, products: $p) { created } }`,
      {
        m: merchant.id,
        p: [
          {
            sku: "watch-1",
            title: "The best smart watch ever",
            description: "Battery lasts 14 days.",
            locale: "en-US",
            attributes: { battery: "14 days" },
          },
        ],
      },
    );
    expect(ok(r).importProducts.created).toBe(1);
    const { rows } = await db.pool.query(
      `SELECT p.id AS "productId", v.id AS "variantId" FROM "Product" p JOIN "Variant" v ON v."productId" = p.id
       WHERE p."merchantId" = $1 AND v.field = 'TITLE' AND v.origin = 'ORIGINAL'`,
      [merchant.id],
    );
    productId = rows[0].productId;
    originalTitleId = rows[0].variantId;
  });

  it("lists the queue with the product, a word diff against the original, SLA and claims", async () => {
    const old = await pendingVariant("A reliable smart watch", { ageHours: 30 });
    await pendingVariant("The smart watch for runners", { ageHours: 13 });
    const r = ok(
      await gql(
        "mod",
        `query($m: ID) { reviewQueue(filter: { merchantId: $m }, first: 1) { totalCount pageInfo { hasNextPage endCursor } edges { node { ${ITEM} } } } }`,
        {
          m: merchant.id,
        },
      ),
    );
    expect(r.reviewQueue.totalCount).toBe(2);
    const item = r.reviewQueue.edges[0].node;
    expect(item).toMatchObject({
      id: old,
      slaStatus: "BREACHED",
      claim: null,
      product: { sku: "watch-1", merchant: { slug: merchant.slug } },
      variant: { text: "A reliable smart watch", original: { text: "The best smart watch ever" } },
    });
    expect(item.ageSeconds).toBeGreaterThan(30 * 3600 - 60);
    expect(item.variant.diff.mode).toBe("word");
    expect(item.variant.diff.ops.map((o: any) => `${o.op[0]}:${o.text}`)).toEqual([
      "D:The best",
      "I:A reliable",
      "E: smart watch",
      "D: ever",
    ]);
    const next = ok(
      await gql(
        "mod",
        `query($m: ID, $a: String) { reviewQueue(filter: { merchantId: $m }, first: 5, after: $a) { edges { node { slaStatus } } } }`,
        {
          m: merchant.id,
          a: r.reviewQueue.pageInfo.endCursor,
        },
      ),
    );
    expect(next.reviewQueue.edges.map((e: any) => e.node.slaStatus)).toEqual(["AT_RISK"]);
    // A cursor from one sort order is refused for another.
    const mixed = await gql("mod", `query($a: String) { reviewQueue(sort: NEWEST, after: $a) { totalCount } }`, {
      a: r.reviewQueue.pageInfo.endCursor,
    });
    expect(codeOf(mixed)).toBe("BAD_USER_INPUT");
    // Filter values are data, never SQL or patterns.
    for (const filter of [{ generator: "' OR 1=1; --" }, { category: "%" }, { generator: "template-v1' --" }]) {
      const probe = await gql("mod", `query($f: ReviewQueueFilter) { reviewQueue(filter: $f) { totalCount } }`, {
        f: { merchantId: merchant.id, ...filter },
      });
      expect(ok(probe).reviewQueue.totalCount).toBe(0);
    }
    expect(codeOf(await gql("mod", `{ reviewQueue(filter: { locale: "zh%" }) { totalCount } }`))).toBe(
      "BAD_USER_INPUT",
    );
    // Merchandisers see their own merchant's queue; another merchant's is FORBIDDEN.
    expect(ok(await gql("merch", `{ reviewQueue { totalCount } }`)).reviewQueue.totalCount).toBe(2);
    expect(
      codeOf(
        await gql("merch", `query($m: ID) { reviewQueue(filter: { merchantId: $m }) { totalCount } }`, { m: other.id }),
      ),
    ).toBe("FORBIDDEN");
  });

  it("claims so that two moderators never decide the same item", async () => {
    const claimed = ok(
      await gql(
        "mod",
        `mutation($m: ID) { claimNextReviewItem(filter: { merchantId: $m }) { id claim { mine holder { name } } } }`,
        {
          m: merchant.id,
        },
      ),
    ).claimNextReviewItem;
    expect(claimed.claim).toEqual({ mine: true, holder: { name: "mod" } });
    const seenByOther = ok(
      await gql("mod2", `query($id: ID!) { reviewItem(variantId: $id) { claim { mine holder { name } } } }`, {
        id: claimed.id,
      }),
    );
    expect(seenByOther.reviewItem.claim).toEqual({ mine: false, holder: { name: "mod" } });
    const stolen = await gql("mod2", `mutation($id: ID!) { approveVariant(variantId: $id) { replayed } }`, {
      id: claimed.id,
    });
    expect(codeOf(stolen)).toBe("CONFLICT");
    expect(
      codeOf(await gql("mod2", `mutation($id: ID!) { claimReviewItem(variantId: $id) { id } }`, { id: claimed.id })),
    ).toBe("CONFLICT");
    // Concurrent approvals by two moderators of an unclaimed item: exactly one wins.
    const free = await pendingVariant("Smart watch, 14-day battery");
    const race = await Promise.all(
      ["mod", "mod2"].map((who) =>
        gql(who, `mutation($id: ID!) { approveVariant(variantId: $id) { variant { status } } }`, { id: free }),
      ),
    );
    expect(race.filter((r) => !r.errors)).toHaveLength(1);
    expect(race.filter((r) => codeOf(r) === "CONFLICT")).toHaveLength(1);
    expect(
      ok(await gql("mod", `mutation($id: ID!) { releaseReviewItem(variantId: $id) }`, { id: claimed.id }))
        .releaseReviewItem,
    ).toBe(true);
  });

  it("approves, undoes within the window, rejects with a reason and refuses OTHER without a comment", async () => {
    const id = await pendingVariant("Smart watch with heart-rate sensor");
    const approved = ok(
      await gql(
        "mod",
        `mutation($id: ID!) { approveVariant(variantId: $id, comment: "grounded") { batchId undoExpiresAt replayed variant { status } decisions { action fromStatus toStatus comment actor { name role } } } }`,
        { id },
      ),
    ).approveVariant;
    expect(approved).toMatchObject({
      replayed: false,
      variant: { status: "APPROVED" },
      decisions: [
        {
          action: "APPROVE",
          fromStatus: "PENDING_REVIEW",
          toStatus: "APPROVED",
          comment: "grounded",
          actor: { name: "mod", role: "MODERATOR" },
        },
      ],
    });
    expect(new Date(approved.undoExpiresAt).getTime() - Date.now()).toBeGreaterThan(20_000);
    expect(
      codeOf(await gql("mod2", `mutation($b: ID!) { undoBatch(batchId: $b) { batchId } }`, { b: approved.batchId })),
    ).toBe("FORBIDDEN");
    expect(
      codeOf(await gql("analyst", `mutation($b: ID!) { undoBatch(batchId: $b) { batchId } }`, { b: approved.batchId })),
    ).toBe("FORBIDDEN");
    const undone = ok(
      await gql("mod", `mutation($b: ID!) { undoBatch(batchId: $b) { undoBatchId variants { id status } } }`, {
        b: approved.batchId,
      }),
    );
    expect(undone.undoBatch.variants).toEqual([{ id, status: "PENDING_REVIEW" }]);

    const noComment = await gql(
      "mod",
      `mutation($id: ID!) { rejectVariant(variantId: $id, reasonCode: OTHER) { batchId } }`,
      { id },
    );
    expect(codeOf(noComment)).toBe("BAD_USER_INPUT");
    const rejected = ok(
      await gql(
        "mod",
        `mutation($id: ID!) { rejectVariant(variantId: $id, reasonCode: EXAGGERATION, comment: "heart-rate is not in the attributes") { variant { status } decisions { reasonCode } } }`,
        { id },
      ),
    );
    expect(rejected.rejectVariant).toEqual({
      variant: { status: "REJECTED" },
      decisions: [{ reasonCode: "EXAGGERATION" }],
    });
    // The analyst may read but not decide.
    expect(
      codeOf(await gql("analyst", `mutation($id: ID!) { approveVariant(variantId: $id) { batchId } }`, { id })),
    ).toBe("FORBIDDEN");
  });

  let editedId: string;
  it("edits a blocked item into an approved child and shows the diff against its parent", async () => {
    const blocked = await pendingVariant("The #1 watch, guaranteed results", { verdict: "BLOCK" });
    expect(
      codeOf(await gql("mod", `mutation($id: ID!) { approveVariant(variantId: $id) { batchId } }`, { id: blocked })),
    ).toBe("CONFLICT");
    const r = ok(
      await gql(
        "mod",
        `mutation($id: ID!) { editAndApproveVariant(variantId: $id, text: "A popular watch", idempotencyKey: "edit-1") { variant { id origin status parentVariantId parent { status } diff { ops { op text } } } affected { id status } } }`,
        {
          id: blocked,
        },
      ),
    ).editAndApproveVariant;
    expect(r.variant).toMatchObject({
      origin: "EDITED",
      status: "APPROVED",
      parentVariantId: blocked,
      parent: { status: "ARCHIVED" },
    });
    expect(r.variant.diff.ops.map((o: any) => `${o.op[0]}:${o.text}`)).toEqual([
      "D:The #1",
      "I:A popular",
      "E: watch",
      "D:, guaranteed results",
    ]);
    editedId = r.variant.id;
    const again = ok(
      await gql(
        "mod",
        `mutation($id: ID!) { editAndApproveVariant(variantId: $id, text: "A popular watch", idempotencyKey: "edit-1") { replayed variant { id } } }`,
        { id: blocked },
      ),
    );
    expect(again.editAndApproveVariant).toEqual({ replayed: true, variant: { id: editedId } });
  });

  it("publishes (merchandiser of the merchant only), exports, reverts and keeps the history", async () => {
    expect(
      codeOf(
        await gql("otherMerch", `mutation($id: ID!) { publishVariant(variantId: $id) { batchId } }`, { id: editedId }),
      ),
    ).toBe("NOT_FOUND");
    expect(
      codeOf(await gql("mod", `mutation($id: ID!) { publishVariant(variantId: $id) { batchId } }`, { id: editedId })),
    ).toBe("FORBIDDEN");
    const published = ok(
      await gql(
        "merch",
        `mutation($id: ID!) { publishVariant(variantId: $id) { variant { status } affected { id status } } }`,
        { id: editedId },
      ),
    );
    expect(published.publishVariant.affected).toEqual([
      { id: editedId, status: "PUBLISHED" },
      { id: originalTitleId, status: "ARCHIVED" },
    ]);

    const feed = ok(
      await gql("shop", `{ publishedVariants(first: 10) { edges { node { sku field origin text } } } }`),
    ).publishedVariants;
    expect(feed.edges.map((e: any) => e.node)).toEqual(
      expect.arrayContaining([{ sku: "watch-1", field: "TITLE", origin: "EDITED", text: "A popular watch" }]),
    );
    expect(feed.edges.find((e: any) => e.node.text === "The best smart watch ever")).toBeUndefined();

    const reverted = ok(
      await gql(
        "merch",
        `mutation($p: ID!) { revertToOriginal(productId: $p, field: TITLE, locale: "en-US") { variant { id status } affected { id status } } }`,
        { p: productId },
      ),
    ).revertToOriginal;
    expect(reverted.affected).toEqual([
      { id: originalTitleId, status: "PUBLISHED" },
      { id: editedId, status: "ARCHIVED" },
    ]);
    const history = ok(
      await gql(
        "analyst",
        `query($p: ID!) { variantHistory(productId: $p) { variants { id origin status parentVariantId } decisions { action variantId } } }`,
        { p: productId },
      ),
    ).variantHistory;
    expect(history.variants.find((v: any) => v.id === editedId)).toMatchObject({
      origin: "EDITED",
      status: "ARCHIVED",
    });
    expect(history.decisions.map((d: any) => d.action)).toEqual(
      expect.arrayContaining(["EDIT_AND_APPROVE", "PUBLISH", "SUPERSEDE", "REVERT_TO_ORIGINAL"]),
    );
    expect(
      ok(await gql("otherMerch", `query($p: ID!) { variantHistory(productId: $p) { productId } }`, { p: productId }))
        .variantHistory,
    ).toBeNull();
  });

  it("streams the published texts as CSV (formula-safe) and JSONL to export keys of the merchant", async () => {
    const id = await pendingVariant('=HYPERLINK("http://evil.example","click"), watch');
    ok(await gql("mod", `mutation($id: ID!) { approveVariant(variantId: $id) { batchId } }`, { id }));
    ok(await gql("merch", `mutation($id: ID!) { publishVariant(variantId: $id) { batchId } }`, { id }));
    const get = (path: string, key = keys.shop) =>
      fetch(`${api.url}${path}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
    const csv = await get("/export/published.csv");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    const lines = (await csv.text())
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe('"merchant","sku","productId","variantId","field","locale","origin","text","publishedAt"');
    const row = lines.find((l) => l.includes(id))!;
    expect(row).toContain(`"'=HYPERLINK(""http://evil.example"",""click""), watch"`);
    const jsonl = await get(`/export/published.jsonl?merchantId=${merchant.id}`);
    const records = (await jsonl.text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(records.find((r) => r.variantId === id)).toMatchObject({
      merchant: merchant.slug,
      text: '=HYPERLINK("http://evil.example","click"), watch',
    });
    expect(records.every((r) => r.merchant === merchant.slug)).toBe(true);
    expect((await get(`/export/published.jsonl?merchantId=${other.id}`)).status).toBe(403);
    expect((await get("/export/published.csv", keys.mod)).status).toBe(403);
    expect((await get("/export/published.csv", "")).status).toBe(401);
    expect((await get("/export/published.csv?since=yesterday")).status).toBe(400);
  });

  it("bulk-approves with a preview, undoes the batch, and bulk-publishes", async () => {
    const a = await pendingVariant("Bulk A");
    const b = await pendingVariant("Bulk B", { verdict: "BLOCK" });
    const BULK = `mutation($ids: [ID!]!, $p: Boolean!) { bulkDecide(variantIds: $ids, action: APPROVE, preview: $p) { preview batchId undoExpiresAt changed skipped items { variantId fromStatus toStatus skipped } } }`;
    const preview = ok(await gql("mod", BULK, { ids: [a, b], p: true })).bulkDecide;
    expect(preview).toMatchObject({ preview: true, batchId: null, changed: 1, skipped: 1 });
    expect(preview.items).toEqual([
      { variantId: a, fromStatus: "PENDING_REVIEW", toStatus: "APPROVED", skipped: null },
      { variantId: b, fromStatus: "PENDING_REVIEW", toStatus: null, skipped: "NEEDS_EDIT" },
    ]);
    const applied = ok(await gql("mod", BULK, { ids: [a, b], p: false })).bulkDecide;
    expect(applied).toMatchObject({ preview: false, changed: 1 });
    ok(await gql("mod", `mutation($b: ID!) { undoBatch(batchId: $b) { batchId } }`, { b: applied.batchId }));
    ok(await gql("mod", BULK, { ids: [a], p: false }));
    const pub = ok(
      await gql(
        "merch",
        `mutation($ids: [ID!]!) { bulkPublish(variantIds: $ids, preview: false) { changed items { toStatus supersededVariantIds } } }`,
        { ids: [a] },
      ),
    );
    expect(pub.bulkPublish).toMatchObject({ changed: 1, items: [{ toStatus: "PUBLISHED" }] });
    expect(
      codeOf(
        await gql("mod", `mutation($ids: [ID!]!) { bulkDecide(variantIds: $ids, action: REJECT) { changed } }`, {
          ids: [a],
        }),
      ),
    ).toBe("BAD_USER_INPUT");
  });

  it("registers webhooks safely and shows deliveries without the secret", async () => {
    const refused = await gql(
      "admin",
      `mutation { createWebhookEndpoint(url: "http://169.254.169.254/latest", events: ["variant.published"]) { secret } }`,
    );
    expect(codeOf(refused)).toBe("BAD_USER_INPUT");
    expect(
      codeOf(
        await gql(
          "admin",
          `mutation { createWebhookEndpoint(url: "https://hooks.example.com", events: ["nope"]) { secret } }`,
        ),
      ),
    ).toBe("BAD_USER_INPUT");
    expect(
      codeOf(
        await gql(
          "merch",
          `mutation { createWebhookEndpoint(url: "https://hooks.example.com", events: ["variant.published"]) { secret } }`,
        ),
      ),
    ).toBe("FORBIDDEN");
    const created = ok(
      await gql(
        "admin",
        `mutation($m: ID) { createWebhookEndpoint(url: "http://127.0.0.1:9/hook", events: ["variant.published"], merchantId: $m) { secret endpoint { id url events } } }`,
        {
          m: merchant.id,
        },
      ),
    ).createWebhookEndpoint;
    expect(created.secret).toMatch(/^whsec_/);
    const id = await pendingVariant("Webhook watch");
    ok(await gql("mod", `mutation($id: ID!) { approveVariant(variantId: $id) { batchId } }`, { id }));
    ok(await gql("merch", `mutation($id: ID!) { publishVariant(variantId: $id) { batchId } }`, { id }));
    const deliveries = ok(
      await gql(
        "admin",
        `query($e: ID!) { webhookDeliveries(endpointId: $e) { totalCount edges { node { event status attempts payload } } } }`,
        { e: created.endpoint.id },
      ),
    ).webhookDeliveries;
    expect(deliveries.totalCount).toBe(1);
    // What publishing wrote; sending it is the worker's (apps/worker/src/features/webhook).
    expect(deliveries.edges[0].node).toMatchObject({
      event: "variant.published",
      payload: { event: "variant.published", data: { variantId: id, reason: "publish", text: "Webhook watch" } },
    });
    const listed = await gql("admin", `query($m: ID) { webhookEndpoints(merchantId: $m) { id url } }`, {
      m: merchant.id,
    });
    expect(JSON.stringify(listed)).not.toContain(created.secret);
    expect(
      ok(await gql("admin", `mutation($id: ID!) { deleteWebhookEndpoint(id: $id) }`, { id: created.endpoint.id }))
        .deleteWebhookEndpoint,
    ).toBe(true);
  });

  it("reads the audit log and the review statistics", async () => {
    const audit = ok(
      await gql(
        "analyst",
        `query($id: String) { auditEvents(filter: { entityType: "Variant", entityId: $id }, first: 20) { totalCount edges { node { action actor { name } before after } } } }`,
        {
          id: editedId,
        },
      ),
    ).auditEvents;
    expect(audit.edges.map((e: any) => e.node.action)).toEqual([
      "variant.supersede",
      "variant.publish",
      "variant.edit_and_approve",
    ]);
    expect(audit.edges[1].node).toMatchObject({
      actor: { name: "merch" },
      before: { status: "APPROVED" },
      after: { status: "PUBLISHED" },
    });
    expect(codeOf(await gql("merch", `{ auditEvents { totalCount } }`))).toBe("FORBIDDEN");

    const stats = ok(
      await gql(
        "analyst",
        `query($m: ID) { decisionStats(by: GENERATOR, merchantId: $m) { key total approved edited rejected approvalRate acceptanceRate topRejectReasons { reasonCode count } } }`,
        {
          m: merchant.id,
        },
      ),
    ).decisionStats;
    const row = stats.find((s: any) => s.key === "template-v1");
    expect(row.total).toBe(row.approved + row.edited + row.rejected);
    expect(row.rejected).toBe(1);
    expect(row.edited).toBe(1);
    expect(row.topRejectReasons).toEqual([{ reasonCode: "EXAGGERATION", count: 1 }]);
    expect(row.approvalRate).toBeCloseTo(row.approved / row.total);
    const throughput = ok(
      await gql("analyst", `query($m: ID) { reviewThroughput(bucket: HOUR, merchantId: $m) { bucketStart total } }`, {
        m: merchant.id,
      }),
    ).reviewThroughput;
    expect(throughput.reduce((s: number, b: any) => s + b.total, 0)).toBe(row.total);
    const age = ok(
      await gql(
        "analyst",
        `query($m: ID) { reviewQueueAge(merchantId: $m) { total breached buckets { key count } } }`,
        { m: merchant.id },
      ),
    ).reviewQueueAge;
    expect(age.total).toBeGreaterThanOrEqual(1);
    expect(age.buckets.map((b: any) => b.key)).toEqual(["LT_1H", "H1_4", "H4_12", "H12_24", "D1_3", "GT_3D"]);
    expect(codeOf(await gql("merch", `{ reviewQueueAge { total } }`))).toBe("FORBIDDEN");
  });
});
