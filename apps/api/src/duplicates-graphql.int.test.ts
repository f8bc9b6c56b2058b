import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { testEnv } from "@truecopy/config";
import { createApiKey, importProductBatch, type TDatabase } from "@truecopy/db";
import { createQueues, createRedis, QueueName, type TQueues } from "@truecopy/jobs";
import { createTestMerchant, openTestDatabase, testProductRow, until } from "@truecopy/db/testing";
import type { TWorkerRuntime } from "@truecopy/worker";
import { startTestWorker } from "@truecopy/worker/testing";
import type { TApiServer } from "./server.js";
import { bearer, codeOf, postGraphql, startTestApi, type TGqlResponse } from "./testing.js";

// Duplicates and quality over GraphQL, from an import through the analyze and dedupe jobs:
// clusters with members, passages and canonical member, Product.duplicates and Product.quality,
// merchant-bound views, decisions (permissions, audit, memory) and quality corrections as EDITED
// variants in review.

let db: TDatabase;
let api: TApiServer;
let worker: TWorkerRuntime;
let queues: TQueues;
let shop: { id: string; slug: string };
let rival: { id: string; slug: string };
type TKey = "admin" | "moderator" | "analyst" | "merchandiser" | "service";
const keys = {} as Record<TKey, string>;
const ids: Record<string, string> = {};

const gql = (query: string, variables: Record<string, unknown>, key: TKey) =>
  postGraphql(api, query, variables, bearer(keys[key]));
function ok(r: TGqlResponse) {
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data;
}

// Copy of this run only: clusters span merchants, so text shared with earlier runs' products (the
// test database is not emptied) would join their clusters.
const VOCAB =
  "steel bottle keeps drinks cold hot hours double wall vacuum insulation prevents condensation leak proof lid fits cup holders powder coat finish grip handle carry loop wide mouth ice cubes straw travel office gym hiking durable light strong matte glossy colour ocean forest sand stone clean rinse brush narrow tall short slim".split(
    " ",
  );
let state = Number.parseInt(randomUUID().slice(0, 8), 16);
const next = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = Math.imul(state ^ (state >>> 15), state | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const COPY = `This ${Array.from({ length: 36 }, () => VOCAB[Math.floor(next() * VOCAB.length)]).join(" ")} in most cup holders.`;
const system = { actorId: null, actorKind: "system" as const, requestId: null };

beforeAll(async () => {
  db = await openTestDatabase();
  const prefix = `dup-${randomUUID().slice(0, 8)}`;
  queues = createQueues(createRedis(testEnv().REDIS_URL, "producer"), prefix);
  api = await startTestApi(prefix);
  worker = await startTestWorker({ prefix });
  shop = await createTestMerchant(db, "dup-shop");
  rival = await createTestMerchant(db, "dup-rival");
  const key = async (role: string, merchantId: string | null) =>
    (await createApiKey(db.pool, { name: `dup-${role}`, role: role as never, merchantId })).key;
  keys.admin = await key("ADMIN", null);
  keys.moderator = await key("MODERATOR", null);
  keys.analyst = await key("ANALYST", null);
  keys.merchandiser = await key("MERCHANDISER", shop.id);
  keys.service = await key("SERVICE", shop.id);

  await importProductBatch(db.pool, {
    merchantId: shop.id,
    rows: [testProductRow({ sku: "orig", title: "Vacuum water bottle 750 ml", description: COPY, locale: "en-US" })],
    actor: system,
    jobRunId: null,
    source: "test",
  });
  const first = await db.pool.query<{ id: string }>(`SELECT id FROM "Product" WHERE "merchantId" = $1`, [shop.id]);
  await until("the original's signature", async () => {
    const r = await db.pool.query(`SELECT 1 FROM "DuplicateSignature" WHERE "productId" = $1`, [first.rows[0]!.id]);
    return r.rowCount;
  });
  await importProductBatch(db.pool, {
    merchantId: shop.id,
    rows: [
      testProductRow({
        sku: "own-copy",
        title: "STEEL BOTTLE WITH LEAK PROOF LID BLACK",
        description: `${COPY} Free shipping! Satisfaction guaranteed. Please contact us with any questions.`,
        locale: "en-US",
      }),
    ],
    actor: system,
    jobRunId: null,
    source: "test",
  });
  await importProductBatch(db.pool, {
    merchantId: rival.id,
    rows: [
      testProductRow({
        sku: "rival-copy",
        title: "Insulated bottle",
        description: COPY.replace("most cup holders", "all cup holders"),
        locale: "en-US",
      }),
    ],
    actor: system,
    jobRunId: null,
    source: "test",
  });
  const all = await db.pool.query<{ id: string; sku: string }>(
    `SELECT id, sku FROM "Product" WHERE "merchantId" = ANY($1::uuid[])`,
    [[shop.id, rival.id]],
  );
  for (const r of all.rows) ids[r.sku] = r.id;
  await until("a three-member copy cluster", async () => {
    const r = await db.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "DuplicateClusterMember" m JOIN "DuplicateCluster" c ON c.id = m."clusterId"
       WHERE c.kind = 'COPY' AND m."clusterId" IN (SELECT "clusterId" FROM "DuplicateClusterMember" WHERE "productId" = $1)`,
      [ids.orig],
    );
    return r.rows[0]!.n === 3;
  });
}, 180_000);
afterAll(async () => {
  await queues?.close();
  await worker?.stop();
  await api?.stop();
  await db?.close();
});

const CLUSTERS = `query($filter: DuplicateClusterFilter, $first: Int, $after: String) {
  duplicateClusters(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id kind method status score canonicalPinned memberCount canonical { id sku }
      members(first: 10) { canonical score product { id sku } passages { field start end canonicalStart canonicalEnd text } } } }
  } }`;

describe("duplicates over GraphQL", () => {
  it("lists the copy cluster with its canonical member, members and passages", async () => {
    const data = ok(await gql(CLUSTERS, { filter: { productId: ids.orig, kind: "COPY" }, first: 5 }, "analyst"));
    expect(data.duplicateClusters.totalCount).toBe(1);
    const c = data.duplicateClusters.edges[0].node;
    expect(c).toMatchObject({
      kind: "COPY",
      status: "OPEN",
      memberCount: 3,
      canonical: { sku: "orig" },
      canonicalPinned: false,
    });
    expect(c.members.map((m: any) => m.product.sku)).toEqual(["orig", expect.any(String), expect.any(String)]);
    expect(c.members[0]).toMatchObject({ canonical: true, passages: [] });
    const rivalMember = c.members.find((m: any) => m.product.sku === "rival-copy");
    const p = rivalMember.passages.find((x: any) => x.field === "description");
    const opening = COPY.split(" ").slice(0, 5).join(" ");
    expect(p.text.startsWith(opening)).toBe(true);
    expect(COPY.slice(p.canonicalStart, p.canonicalEnd).startsWith(opening)).toBe(true);
  });

  it("shows merchant-bound callers their own products only, and refuses shop keys", async () => {
    const mine = ok(await gql(CLUSTERS, { filter: { kind: "COPY" }, first: 10 }, "merchandiser"));
    const c = mine.duplicateClusters.edges.find((e: any) =>
      e.node.members.some((m: any) => m.product.sku === "orig"),
    )?.node;
    expect(c.memberCount).toBe(2);
    expect(c.members.map((m: any) => m.product.sku).sort()).toEqual(["orig", "own-copy"]);
    const asked = await gql(CLUSTERS, { filter: { merchantId: rival.id }, first: 5 }, "merchandiser");
    expect(codeOf(asked)).toBe("FORBIDDEN");
    expect(codeOf(await gql(CLUSTERS, { first: 5 }, "service"))).toBe("FORBIDDEN");
    const product = ok(
      await gql(
        `query($id: ID!) { product(id: $id) { duplicates(kind: COPY) { memberCount members { product { sku } } } } }`,
        { id: ids["own-copy"] },
        "merchandiser",
      ),
    );
    expect(product.product.duplicates).toHaveLength(1);
    expect(product.product.duplicates[0].memberCount).toBe(2);
  });

  it("scores the live copy's quality with reasons, and applies corrections as an EDITED variant in review", async () => {
    const Q = `query($id: ID!) { product(id: $id) { quality { score grade language reasons { code field penalty message }
      corrections { code field start end original replacement autofix } metrics { boilerplateRatio } descriptionVariantId } } }`;
    const q = ok(await gql(Q, { id: ids["own-copy"] }, "merchandiser")).product.quality;
    expect(q.language).toBe("en");
    expect(q.reasons.map((r: any) => r.code)).toEqual(
      expect.arrayContaining(["ALL_CAPS", "BOILERPLATE", "COPIED_TEXT"]),
    );
    expect(q.metrics.boilerplateRatio).toBeGreaterThan(0.2);
    expect(q.corrections.filter((c: any) => c.code === "BOILERPLATE")).toHaveLength(3);
    const clean = ok(await gql(Q, { id: ids.orig }, "merchandiser")).product.quality;
    expect(clean.score).toBeGreaterThan(q.score);

    const APPLY = `mutation($p: ID!, $codes: [QualityCode!]) { applyQualityCorrections(productId: $p, field: DESCRIPTION, codes: $codes) {
      id origin status text parentVariantId } }`;
    // Nothing safe to apply by itself here: boilerplate removal must be asked for.
    expect(codeOf(await gql(APPLY, { p: ids["own-copy"] }, "merchandiser"))).toBe("BAD_USER_INPUT");
    const v = ok(
      await gql(APPLY, { p: ids["own-copy"], codes: ["BOILERPLATE"] }, "merchandiser"),
    ).applyQualityCorrections;
    expect(v).toMatchObject({
      origin: "EDITED",
      status: "PENDING_REVIEW",
      parentVariantId: q.descriptionVariantId,
      text: COPY,
    });
    const again = ok(
      await gql(APPLY, { p: ids["own-copy"], codes: ["BOILERPLATE"] }, "merchandiser"),
    ).applyQualityCorrections;
    expect(again.id).toBe(v.id);
    const lint = await db.pool.query(`SELECT 1 FROM "Outbox" WHERE queue = 'lint' AND payload->'variantIds' ? $1`, [
      v.id,
    ]);
    expect(lint.rowCount).toBe(1);
    expect(codeOf(await gql(APPLY, { p: ids["rival-copy"], codes: ["BOILERPLATE"] }, "merchandiser"))).toBe(
      "NOT_FOUND",
    );
    expect(codeOf(await gql(APPLY, { p: ids["own-copy"], codes: ["BOILERPLATE"] }, "analyst"))).toBe("FORBIDDEN");
  });

  it("lets moderators keep a canonical member and mark one distinct, audited and remembered", async () => {
    const c = ok(await gql(CLUSTERS, { filter: { productId: ids.orig, kind: "COPY" }, first: 5 }, "moderator"))
      .duplicateClusters.edges[0].node;
    const KEEP = `mutation($c: ID!, $p: ID!) { keepDuplicateCanonical(clusterId: $c, productId: $p) { id status canonicalPinned canonical { sku } } }`;
    expect(codeOf(await gql(KEEP, { c: c.id, p: ids.orig }, "analyst"))).toBe("FORBIDDEN");
    expect(codeOf(await gql(KEEP, { c: c.id, p: ids.orig }, "merchandiser"))).toBe("FORBIDDEN");
    expect(codeOf(await gql(KEEP, { c: c.id, p: randomUUID() }, "moderator"))).toBe("BAD_USER_INPUT");
    const kept = ok(await gql(KEEP, { c: c.id, p: ids["rival-copy"] }, "moderator")).keepDuplicateCanonical;
    expect(kept).toMatchObject({
      id: c.id,
      status: "CONFIRMED",
      canonicalPinned: true,
      canonical: { sku: "rival-copy" },
    });

    const DISTINCT = `mutation($c: ID!, $p: [ID!]!) { markDuplicatesDistinct(clusterId: $c, productIds: $p) { id memberCount } }`;
    const left = ok(await gql(DISTINCT, { c: c.id, p: [ids["own-copy"]] }, "moderator")).markDuplicatesDistinct;
    expect(left).toEqual([{ id: c.id, memberCount: 2 }]);
    const product = ok(
      await gql(
        `query($id: ID!) { product(id: $id) { duplicates(kind: COPY) { id } } }`,
        { id: ids["own-copy"] },
        "admin",
      ),
    );
    expect(product.product.duplicates).toEqual([]);
    const audit = await db.pool.query<{ action: string }>(
      `SELECT action FROM "AuditEvent" WHERE "entityType" = 'DuplicateCluster' AND "entityId" = $1 ORDER BY id`,
      [c.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(["duplicates.keep_canonical", "duplicates.mark_distinct"]);
    // Remembered: the next import of the same copy for that product does not bring the pair back.
    const reimported = new Date();
    await importProductBatch(db.pool, {
      merchantId: shop.id,
      rows: [
        testProductRow({
          sku: "own-copy",
          title: "STEEL BOTTLE WITH LEAK PROOF LID BLACK",
          description: `${COPY} Free shipping! Satisfaction guaranteed. Contact us with any questions.`,
          locale: "en-US",
        }),
      ],
      actor: system,
      jobRunId: null,
      source: "test",
    });
    // The dedupe job that checked it again has completed (its pairs are committed). Whether the
    // product also has a same-product pair depends on what else the database holds, so the job
    // itself is the signal.
    const dedupe = queues.get(QueueName.dedupe);
    const checked = await until("the re-imported product checked again", async () => {
      const done = await dedupe.getCompleted();
      return done.find(
        (j) => (j.finishedOn ?? 0) > reimported.getTime() && (j.data.productIds as string[]).includes(ids["own-copy"]!),
      );
    });
    // It still found the copy (so the check below is not vacuous), yet stored none of its pairs.
    expect(checked.returnvalue).toMatchObject({ products: 1, copyPairs: expect.any(Number) });
    expect(checked.returnvalue.copyPairs).toBeGreaterThan(0);
    const copyPairs = await db.pool.query(
      `SELECT 1 FROM "DuplicatePair" WHERE kind = 'COPY' AND $1 IN ("productAId", "productBId")`,
      [ids["own-copy"]],
    );
    expect(copyPairs.rowCount).toBe(0);
    expect(
      ok(
        await gql(
          `query($id: ID!) { product(id: $id) { duplicates(kind: COPY) { id } } }`,
          { id: ids["own-copy"] },
          "admin",
        ),
      ).product.duplicates,
    ).toEqual([]);
  });

  it("pages clusters with cursors and validates filters", async () => {
    const page = ok(await gql(CLUSTERS, { first: 1 }, "admin")).duplicateClusters;
    expect(page.edges).toHaveLength(1);
    if (page.pageInfo.hasNextPage) {
      const next = ok(await gql(CLUSTERS, { first: 1, after: page.pageInfo.endCursor }, "admin")).duplicateClusters;
      expect(next.edges[0].node.id).not.toBe(page.edges[0].node.id);
    }
    expect(codeOf(await gql(CLUSTERS, { filter: { minScore: 2 }, first: 5 }, "admin"))).toBe("BAD_USER_INPUT");
    expect(codeOf(await gql(CLUSTERS, { filter: { productId: "nope" }, first: 5 }, "admin"))).toBe("BAD_USER_INPUT");
  });
});
