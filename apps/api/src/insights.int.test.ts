import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { createLogger } from "@truecopy/config";
import { appendAudit, createApiKey, type TAuditInput, type TDatabase } from "@truecopy/db";
import { createTestMerchant, openTestDatabase } from "@truecopy/db/testing";
import { loadEnv } from "./env.js";
import { startApiServer, type TApiServer } from "./server.js";

// Insights that read the linter's output: findings per category and day (findingTrend) and the
// rule packs' labels on decision stats by rule, written with chosen dates so the buckets they land
// in are known; and who acted, by name and role, on audit events (user, API key, system, gone).

let db: TDatabase;
let api: TApiServer;
let shop: { id: string; slug: string };
let other: { id: string; slug: string };
let variantId: string;
const keys: Record<"analyst" | "otherService", string> = {} as never;
let analystKeyId: string;

type TGqlResponse = { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
async function gql(query: string, variables: Record<string, unknown>, key: keyof typeof keys = "analyst") {
  const res = await fetch(`${api.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${keys[key]}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as TGqlResponse;
}

const DAY = 86_400_000;
const utcDay = (daysAgo: number) => {
  const d = new Date(Date.now() - daysAgo * DAY);
  d.setUTCHours(0, 0, 0, 0);
  return d;
};

async function addFinding(o: { ruleId: string; category: string; at: Date }) {
  await db.pool.query(
    `INSERT INTO "Finding" (id, "variantId", "ruleId", "rulePackVersion", category, severity, start, "end", "createdAt")
     VALUES (gen_random_uuid(), $1, $2, 'test@1', $3::"FindingCategory", 'HIGH', 0, 1, $4)`,
    [variantId, o.ruleId, o.category, o.at],
  );
}

beforeAll(async () => {
  db = await openTestDatabase();
  api = await startApiServer(
    loadEnv({ API_PORT: "0", TRUECOPY_QUEUE_PREFIX: `insights-${randomUUID().slice(0, 8)}`, LOG_LEVEL: "error" }),
    createLogger("test", "error"),
  );
  shop = await createTestMerchant(db, "insights-shop");
  other = await createTestMerchant(db, "insights-other");
  const analyst = await createApiKey(db.pool, { name: "analyst", role: "ANALYST" });
  keys.analyst = analyst.key;
  analystKeyId = analyst.id;
  keys.otherService = (await createApiKey(db.pool, { name: "svc", role: "SERVICE", merchantId: other.id })).key;
  const { rows } = await db.pool.query<{ productId: string }>(
    `INSERT INTO "Product" (id, "merchantId", sku, title, description, "contentHash", "updatedAt")
     VALUES (gen_random_uuid(), $1, 'trend', 'Trend product', '最好的耳机', 'h', now()) RETURNING id AS "productId"`,
    [shop.id],
  );
  const productId = rows[0]!.productId;
  const v = await db.pool.query<{ id: string }>(
    `INSERT INTO "Variant" (id, "productId", field, locale, origin, status, text, "updatedAt")
     VALUES (gen_random_uuid(), $1, 'DESCRIPTION', 'zh-CN', 'ORIGINAL', 'PENDING_REVIEW', '最好的耳机', now()) RETURNING id`,
    [productId],
  );
  variantId = v.rows[0]!.id;
  await addFinding({
    ruleId: "zh.absolute.superlative",
    category: "ABSOLUTE",
    at: new Date(utcDay(2).getTime() + 3_600_000),
  });
  await addFinding({
    ruleId: "zh.absolute.number_one",
    category: "ABSOLUTE",
    at: new Date(utcDay(2).getTime() + 7_200_000),
  });
  await addFinding({ ruleId: "zh.medical.term", category: "MEDICAL", at: new Date(utcDay(2).getTime() + 7_200_000) });
  await addFinding({ ruleId: "zh.urgency.stock", category: "URGENCY", at: new Date() });
  // Before the window: not counted.
  await addFinding({ ruleId: "zh.guarantee.promise", category: "GUARANTEE", at: utcDay(20) });
});

afterAll(async () => {
  await api?.stop();
  await db?.close();
});

const TREND = `query($since: DateTime, $f: FindingFilter, $b: TrendBucketSize!) {
  findingTrend(bucket: $b, since: $since, filter: $f) { bucketStart total categories { category count } }
}`;

describe("findingTrend", () => {
  it("counts findings by category per UTC day since the given day, empty days included", async () => {
    const r = await gql(TREND, { since: utcDay(3).toISOString(), f: { merchantId: shop.id }, b: "DAY" });
    expect(r.errors).toBeUndefined();
    const buckets = r.data.findingTrend as { bucketStart: string; total: number; categories: unknown[] }[];
    expect(buckets.map((b) => b.bucketStart)).toEqual([3, 2, 1, 0].map((d) => utcDay(d).toISOString()));
    expect(buckets.map((b) => b.total)).toEqual([0, 3, 0, 1]);
    expect(buckets[1]!.categories).toEqual([
      { category: "ABSOLUTE", count: 2 },
      { category: "MEDICAL", count: 1 },
    ]);
    expect(buckets[3]!.categories).toEqual([{ category: "URGENCY", count: 1 }]);
  });

  it("counts per hour and narrows by the filter", async () => {
    const since = utcDay(2).toISOString();
    const r = await gql(TREND, { since, f: { merchantId: shop.id, category: "ABSOLUTE" }, b: "HOUR" });
    expect(r.errors).toBeUndefined();
    const nonEmpty = (r.data.findingTrend as { bucketStart: string; total: number }[]).filter((b) => b.total > 0);
    expect(nonEmpty).toEqual([
      {
        bucketStart: new Date(utcDay(2).getTime() + 3_600_000).toISOString(),
        total: 1,
        categories: [{ category: "ABSOLUTE", count: 1 }],
      },
      {
        bucketStart: new Date(utcDay(2).getTime() + 7_200_000).toISOString(),
        total: 1,
        categories: [{ category: "ABSOLUTE", count: 1 }],
      },
    ]);
  });

  it("refuses too many buckets and keeps merchant-bound callers to their merchant", async () => {
    const long = await gql(TREND, { since: utcDay(40).toISOString(), b: "HOUR" });
    expect(long.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const foreign = await gql(TREND, { f: { merchantId: shop.id }, b: "DAY" }, "otherService");
    expect(foreign.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const own = await gql(TREND, { since: utcDay(3).toISOString(), b: "DAY" }, "otherService");
    expect(own.errors).toBeUndefined();
    expect((own.data.findingTrend as { total: number }[]).every((b) => b.total === 0)).toBe(true);
  });
});

describe("decisionStats labels", () => {
  it("names rules in the asked language and leaves other groupings unlabelled", async () => {
    const actor = (await db.pool.query<{ id: string }>(`SELECT id FROM "ApiKey" WHERE name = 'analyst' LIMIT 1`))
      .rows[0]!.id;
    await db.pool.query(
      `INSERT INTO "Decision" (id, "variantId", "actorId", action, "fromStatus", "toStatus", "reasonCode")
       VALUES (gen_random_uuid(), $1, $2, 'REJECT', 'PENDING_REVIEW', 'REJECTED', 'EXAGGERATION')`,
      [variantId, actor],
    );
    const r = await gql(
      `query($m: ID) {
        rule: decisionStats(by: RULE, merchantId: $m) { key en: label zh: label(language: ZH) rejected }
        reason: decisionStats(by: REASON, merchantId: $m) { key label }
      }`,
      { m: shop.id },
    );
    expect(r.errors).toBeUndefined();
    const byKey = new Map((r.data.rule as { key: string; en: string; zh: string }[]).map((row) => [row.key, row]));
    expect(byKey.get("zh.absolute.superlative")).toMatchObject({
      en: "Superlative (zh)",
      zh: "最高级用语",
      rejected: 1,
    });
    expect(byKey.get("zh.urgency.stock")).toMatchObject({ en: "Low stock (zh)", zh: "库存紧张" });
    expect(r.data.reason).toEqual([{ key: "EXAGGERATION", label: null }]);
  });
});

describe("audit actors", () => {
  async function audit(e: TAuditInput) {
    const client = await db.pool.connect();
    try {
      await client.query("BEGIN");
      await appendAudit(client, e);
      await client.query("COMMIT");
    } finally {
      client.release();
    }
  }

  it("names API keys with their role, leaves system events and vanished actors without one", async () => {
    const entityId = `actors-${randomUUID()}`;
    const base = { entityType: "Test", entityId };
    await audit({ ...base, action: "test.by_key", actorId: analystKeyId, actorKind: "api_key" });
    await audit({ ...base, action: "test.by_system", actorId: null, actorKind: "system" });
    await audit({ ...base, action: "test.by_gone", actorId: randomUUID(), actorKind: "user" });
    const r = await gql(
      `query($id: String) { auditEvents(filter: { entityId: $id }) { edges { node { action actorKind actor { kind name role } } } } }`,
      { id: entityId },
    );
    expect(r.errors).toBeUndefined();
    const byAction = Object.fromEntries(
      (r.data.auditEvents.edges as { node: { action: string; actorKind: string; actor: unknown } }[]).map((e) => [
        e.node.action,
        e.node,
      ]),
    );
    expect(byAction["test.by_key"]).toEqual({
      action: "test.by_key",
      actorKind: "api_key",
      actor: { kind: "api_key", name: "analyst", role: "ANALYST" },
    });
    expect(byAction["test.by_system"]).toMatchObject({ actorKind: "system", actor: null });
    expect(byAction["test.by_gone"]).toMatchObject({ actorKind: "user", actor: null });
  });
});
