import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { lint } from "@truecopy/core";
import { createApiKey, type TDatabase } from "@truecopy/db";
import { createTestMerchant, openTestDatabase, until } from "@truecopy/db/testing";
import type { TWorkerRuntime } from "@truecopy/worker";
import { startTestWorker } from "@truecopy/worker/testing";
import type { TApiServer } from "./server.js";
import { bearer, codeOf, postGraphql, startTestApi, type TGqlResponse } from "./testing.js";

// The linter over GraphQL: ad-hoc lint, stored findings (filters, pages, counts), feedback and
// precision, brand packs (validation, concurrency, history, audit, scoping) and applying a suggestion.

let db: TDatabase;
let api: TApiServer;
let worker: TWorkerRuntime;
let shop: { id: string; slug: string };
let other: { id: string; slug: string };
const keys: Record<"admin" | "moderator" | "analyst" | "merchandiser" | "otherService", string> = {} as never;
const as = (k: keyof typeof keys) => bearer(keys[k]);
const gql = (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = as("admin")) =>
  postGraphql(api, query, variables, headers);
const finished = (jobRunId: string) =>
  until(`job run ${jobRunId}`, async () => {
    const { rows } = await db.pool.query<{ status: string }>(`SELECT status FROM "JobRun" WHERE id = $1`, [jobRunId]);
    return rows[0]?.status === "COMPLETED" || rows[0]?.status === "FAILED" ? rows[0] : null;
  });

const catalog = [
  {
    sku: "cream",
    title: "Cheap face cream",
    description: "Guaranteed to cure acne in 3 days. The best cream in the world, FDA approved. So cheap!",
    locale: "en-US",
  },
  {
    sku: "watch",
    title: "国家级 最好的 智能手表",
    description: "全网最低价，100%治愈失眠，续航30天。",
    locale: "zh-CN",
    attributes: { 续航: "14天" },
  },
  {
    sku: "tee",
    title: "Cotton T-shirt, navy",
    description: "A soft cotton T-shirt in navy blue.",
    locale: "en-US",
    attributes: { material: "cotton" },
  },
];

const FINDINGS = `query($f: FindingFilter, $first: Int, $after: String) {
  findings(filter: $f, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id rule category severity start end match message suggestion merchantId productId variantId
      evidence { source name value } variant { id text verdict } } }
  }
}`;
const SAVE = `mutation($m: ID!, $d: JSON!, $v: Int!, $c: String) {
  saveBrandPack(merchantId: $m, definition: $d, expectedVersion: $v, comment: $c) {
    brandPack { version definition comment } relint { id total } relintVariants
  }
}`;

beforeAll(async () => {
  db = await openTestDatabase();
  const prefix = `lintapi-${randomUUID().slice(0, 8)}`;
  api = await startTestApi(prefix);
  worker = await startTestWorker({ prefix });
  shop = await createTestMerchant(db, "lint-shop");
  other = await createTestMerchant(db, "lint-other");
  keys.admin = (await createApiKey(db.pool, { name: "admin", role: "ADMIN" })).key;
  keys.moderator = (await createApiKey(db.pool, { name: "mod", role: "MODERATOR" })).key;
  keys.analyst = (await createApiKey(db.pool, { name: "analyst", role: "ANALYST" })).key;
  keys.merchandiser = (await createApiKey(db.pool, { name: "merch", role: "MERCHANDISER", merchantId: shop.id })).key;
  keys.otherService = (await createApiKey(db.pool, { name: "svc", role: "SERVICE", merchantId: other.id })).key;

  const r = await gql(
    `mutation($m: ID, $p: [ProductInput!]!) { importProducts(merchantId: $m, products: $p) { created jobRun { id } } }`,
    { m: shop.id, p: catalog },
  );
  expect(r.errors).toBeUndefined();
  const importRun = r.data.importProducts.jobRun.id as string;
  const lintRun = await until("the import's lint run", async () => {
    const q = await db.pool.query<{ id: string }>(
      `SELECT id FROM "JobRun" WHERE queue = 'lint' AND "payloadDigest" = $1`,
      [`import:${importRun}`],
    );
    return q.rows[0];
  });
  expect(await finished(lintRun.id)).toEqual({ status: "COMPLETED" });
});
afterAll(async () => {
  await worker?.stop();
  await api?.stop();
  await db?.close();
});

describe("lint query", () => {
  const LINT = `query($t: String!, $l: String, $a: JSON, $f: VariantField, $m: ID) {
    lint(text: $t, locale: $l, attributes: $a, field: $f, merchantId: $m) {
      verdict locale packs brandPackVersion
      findings { rule pack packVersion category severity start end match message legalBasis suggestion autofix evidence { source name value } }
      claims { kind text start end status }
    }
  }`;

  it("answers with the linter's findings, verdict and claims", async () => {
    const input = {
      text: "最新款智能手表，适合运动爱好者，健康监测，时尚设计，价格亲民。全网第一，100%有效！",
      locale: "zh-CN",
      attributes: { 品类: "智能手表", 运动模式: "多种", 续航: "长效", 健康监测: "高精度" },
    };
    const r = await gql(LINT, { t: input.text, l: input.locale, a: input.attributes });
    expect(r.errors).toBeUndefined();
    const want = lint(input);
    const got = r.data.lint;
    expect(got.verdict).toBe(want.verdict.toUpperCase());
    expect(got.locale).toBe(want.locale);
    expect(got.packs).toEqual(want.packs);
    expect(got.brandPackVersion).toBeNull();
    expect(got.findings.map((f: any) => [f.rule, f.start, f.end, f.match, f.severity])).toEqual(
      want.findings.map((f) => [f.rule, f.start, f.end, f.match, f.severity]),
    );
    expect(got.claims.map((c: any) => [c.kind, c.start, c.end, c.status])).toEqual(
      want.claims.map((c) => [c.kind, c.start, c.end, c.status]),
    );
    expect(got.findings.length).toBeGreaterThan(0);
    for (const f of got.findings) expect(input.text.slice(f.start, f.end)).toBe(f.match);
  });

  it("refuses oversized or malformed input with a clear error", async () => {
    const long = await gql(LINT, { t: "好".repeat(20_001) });
    expect(codeOf(long)).toBe("BAD_USER_INPUT");
    expect(long.errors![0]!.message).toMatch(/20001 characters; lint takes at most 20000/);
    const attrs = await gql(LINT, { t: "ok", a: { colour: { nested: true } } });
    expect(codeOf(attrs)).toBe("BAD_USER_INPUT");
    expect(attrs.errors![0]!.extensions!.details.issues[0].path).toBe("attributes.colour");
    expect(codeOf(await gql(LINT, { t: "ok", a: ["not", "an", "object"] }))).toBe("BAD_USER_INPUT");
    expect(codeOf(await gql(LINT, { t: "ok", l: "zh CN; drop" }))).toBe("BAD_USER_INPUT");
    expect(codeOf(await gql(LINT, { t: "ok" }, {}))).toBe("UNAUTHENTICATED");
  });
});

describe("brand packs", () => {
  it("validates definitions field by field", async () => {
    const r = await gql(SAVE, {
      m: shop.id,
      v: 0,
      d: { forbidden: [{ term: "" }, { term: "ok", colour: "red" }], lengthLimits: { TITLE: { min: 9, max: 3 } } },
    });
    expect(codeOf(r)).toBe("BAD_USER_INPUT");
    const paths = (r.errors![0]!.extensions!.details.issues as { path: string }[]).map((i) => i.path);
    expect(paths).toContain("definition.forbidden.0.term");
    expect(paths).toContain("definition.forbidden.1");
    expect(paths.some((p) => p.startsWith("definition.lengthLimits.TITLE"))).toBe(true);
    expect(r.errors![0]!.message).toMatch(/^brand pack is invalid: /);
    expect(
      (await gql(`query($m: ID) { brandPack(merchantId: $m) { version } }`, { m: shop.id })).data.brandPack,
    ).toBeNull();
  });

  it("saves versions with optimistic concurrency, history, an audit event and a re-lint", async () => {
    const v1 = await gql(SAVE, {
      m: shop.id,
      v: 0,
      d: { forbidden: [{ term: "cheap", suggestion: "affordable" }] },
      c: "no cheap talk",
    });
    expect(v1.errors).toBeUndefined();
    expect(v1.data.saveBrandPack).toMatchObject({
      brandPack: { version: 1, comment: "no cheap talk" },
      relintVariants: 6,
      relint: { total: 6 },
    });
    await finished(v1.data.saveBrandPack.relint.id);

    const stale = await gql(SAVE, { m: shop.id, v: 0, d: { forbidden: [{ term: "other" }] } });
    expect(codeOf(stale)).toBe("CONFLICT");
    expect(stale.errors![0]!.extensions!.details).toEqual({ liveVersion: 1, expectedVersion: 0 });

    const v2 = await gql(SAVE, {
      m: shop.id,
      v: 1,
      d: { forbidden: [{ term: "cheap", suggestion: "affordable" }], lengthLimits: { TITLE: { max: 200 } } },
    });
    expect(v2.data.saveBrandPack.brandPack.version).toBe(2);
    await finished(v2.data.saveBrandPack.relint.id);

    const history = await gql(`query($m: ID) { brandPackHistory(merchantId: $m) { version comment } }`, { m: shop.id });
    expect(history.data.brandPackHistory).toEqual([
      { version: 2, comment: null },
      { version: 1, comment: "no cheap talk" },
    ]);
    const live = await gql(`query($m: ID) { brandPack(merchantId: $m) { version definition } }`, { m: shop.id });
    expect(live.data.brandPack.version).toBe(2);
    expect(live.data.brandPack.definition.lengthLimits).toEqual({ TITLE: { max: 200 } });

    const audit = await db.pool.query<{ before: any; after: any }>(
      `SELECT before, after FROM "AuditEvent" WHERE action = 'brandpack.save' AND "entityId" = $1 ORDER BY id`,
      [shop.id],
    );
    expect(audit.rows.map((a) => [a.before?.version ?? null, a.after.version])).toEqual([
      [null, 1],
      [1, 2],
    ]);

    // The stored findings now carry the brand rule with the live version.
    const cheap = await gql(FINDINGS, { f: { merchantId: shop.id, ruleId: "brand.forbidden" }, first: 50 });
    const nodes = cheap.data.findings.edges.map((e: any) => e.node);
    expect(nodes.length).toBeGreaterThanOrEqual(2);
    expect(nodes.every((n: any) => n.match.toLowerCase() === "cheap" && n.suggestion === "affordable")).toBe(true);
  });

  it("applies the merchant's pack to ad-hoc lints, scoped to the caller's merchant", async () => {
    const Q = `query($m: ID) { lint(text: "Cheap shoes", locale: "en", merchantId: $m) { brandPackVersion findings { rule } } }`;
    const admin = await gql(Q, { m: shop.id });
    expect(admin.data.lint.brandPackVersion).toBe(2);
    expect(admin.data.lint.findings.map((f: any) => f.rule)).toContain("brand.forbidden");
    // A merchandiser always lints with their own merchant's pack, and may not name another.
    const own = await gql(Q, {}, as("merchandiser"));
    expect(own.data.lint.brandPackVersion).toBe(2);
    expect(codeOf(await gql(Q, { m: shop.id }, as("otherService")))).toBe("FORBIDDEN");
    const theirs = await gql(Q, {}, as("otherService"));
    expect(theirs.data.lint.brandPackVersion).toBeNull();
  });

  it("lets only admins edit, and scopes reads to the caller's merchant", async () => {
    const d = { forbidden: [] };
    expect(codeOf(await gql(SAVE, { m: shop.id, v: 2, d }, as("moderator")))).toBe("FORBIDDEN");
    expect(codeOf(await gql(SAVE, { m: shop.id, v: 2, d }, as("merchandiser")))).toBe("FORBIDDEN");
    expect(codeOf(await gql(SAVE, { m: shop.id, v: 2, d }, {}))).toBe("UNAUTHENTICATED");
    const READ = `query($m: ID) { brandPack(merchantId: $m) { version } }`;
    expect((await gql(READ, { m: shop.id }, as("analyst"))).data.brandPack.version).toBe(2);
    expect((await gql(READ, {}, as("merchandiser"))).data.brandPack.version).toBe(2);
    expect(codeOf(await gql(READ, { m: other.id }, as("merchandiser")))).toBe("FORBIDDEN");
    // SERVICE keys lint but do not read rule packs.
    expect(codeOf(await gql(READ, {}, as("otherService")))).toBe("FORBIDDEN");
    expect(codeOf(await gql(READ, {}, as("admin")))).toBe("BAD_USER_INPUT");
  });

  it("lists the built-in packs", async () => {
    const r = await gql(`{ rulePacks { id version locale ruleCount categories } }`, {}, as("analyst"));
    expect(r.errors).toBeUndefined();
    expect(r.data.rulePacks.map((p: any) => p.locale).sort()).toEqual(["en", "zh"]);
    for (const p of r.data.rulePacks) {
      expect(p.ruleCount).toBeGreaterThan(0);
      expect(p.categories.length).toBeGreaterThan(0);
    }
  });
});

describe("stored findings", () => {
  it("pages through findings with a filter and cursors", async () => {
    const all = await gql(FINDINGS, { f: { merchantId: shop.id }, first: 100 });
    expect(all.errors).toBeUndefined();
    const total = all.data.findings.totalCount as number;
    expect(total).toBeGreaterThan(3);
    expect(all.data.findings.edges).toHaveLength(total);
    for (const { node } of all.data.findings.edges) {
      expect(node.merchantId).toBe(shop.id);
      expect(node.variant.text.slice(node.start, node.end)).toBe(node.match);
    }
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 50; page++) {
      const r: TGqlResponse = await gql(FINDINGS, { f: { merchantId: shop.id }, first: 2, after });
      seen.push(...r.data.findings.edges.map((e: any) => e.node.id));
      expect(r.data.findings.totalCount).toBe(total);
      if (!r.data.findings.pageInfo.hasNextPage) break;
      after = r.data.findings.pageInfo.endCursor;
    }
    expect(seen).toEqual(all.data.findings.edges.map((e: any) => e.node.id));
    expect(codeOf(await gql(FINDINGS, { f: { merchantId: shop.id }, after: "bogus" }))).toBe("BAD_USER_INPUT");
    expect(codeOf(await gql(`{ findings(first: 101) { totalCount } }`))).toBe("BAD_USER_INPUT");
  });

  it("filters by category, severity, rule, verdict, product and time", async () => {
    const all = (await gql(FINDINGS, { f: { merchantId: shop.id }, first: 100 })).data.findings.edges.map(
      (e: any) => e.node,
    );
    const pick = all[0];
    const cases: [Record<string, unknown>, (n: any) => boolean][] = [
      [{ category: pick.category }, (n) => n.category === pick.category],
      [{ severity: pick.severity }, (n) => n.severity === pick.severity],
      [{ ruleId: pick.rule }, (n) => n.rule === pick.rule],
      [{ productId: pick.productId }, (n) => n.productId === pick.productId],
      [{ verdict: pick.variant.verdict }, (n) => n.variant.verdict === pick.variant.verdict],
    ];
    for (const [filter, keep] of cases) {
      const r = await gql(FINDINGS, { f: { merchantId: shop.id, ...filter }, first: 100 });
      expect(r.errors, JSON.stringify(filter)).toBeUndefined();
      expect(r.data.findings.edges.map((e: any) => e.node.id).sort(), JSON.stringify(filter)).toEqual(
        all
          .filter(keep)
          .map((n: any) => n.id)
          .sort(),
      );
    }
    const future = await gql(FINDINGS, { f: { merchantId: shop.id, since: new Date(Date.now() + 60_000) } });
    expect(future.data.findings.totalCount).toBe(0);
  });

  it("counts findings by rule, category, severity and merchant", async () => {
    const total = (await gql(FINDINGS, { f: { merchantId: shop.id }, first: 1 })).data.findings.totalCount;
    for (const by of ["RULE", "CATEGORY", "SEVERITY", "MERCHANT"]) {
      const r = await gql(
        `query($f: FindingFilter, $by: FindingCountBy!) { findingCounts(filter: $f, by: $by) { key label count } }`,
        { f: { merchantId: shop.id }, by },
      );
      expect(r.errors).toBeUndefined();
      const counts = r.data.findingCounts as { key: string; label: string | null; count: number }[];
      expect(
        counts.reduce((s, c) => s + c.count, 0),
        by,
      ).toBe(total);
      expect([...counts].sort((a, b) => b.count - a.count)).toEqual(counts);
      if (by === "MERCHANT") expect(counts).toEqual([{ key: shop.id, label: shop.slug, count: total }]);
    }
  });

  it("scopes merchant-bound callers to their own merchant", async () => {
    const theirs = await gql(FINDINGS, {}, as("otherService"));
    expect(theirs.errors).toBeUndefined();
    expect(theirs.data.findings.totalCount).toBe(0);
    expect(codeOf(await gql(FINDINGS, { f: { merchantId: shop.id } }, as("otherService")))).toBe("FORBIDDEN");
    const own = await gql(FINDINGS, {}, as("merchandiser"));
    expect(own.data.findings.totalCount).toBeGreaterThan(0);
  });

  it("shows a product's variants with their findings and verdicts", async () => {
    const r = await gql(
      `query($m: ID) { products(filter: { merchantId: $m, search: "cream" }) { edges { node {
         variants { id field origin status verdict lintedAt text findings { rule start end match } }
       } } } }`,
      { m: shop.id },
    );
    expect(r.errors).toBeUndefined();
    const variants = r.data.products.edges[0].node.variants;
    expect(variants.map((v: any) => v.field).sort()).toEqual(["DESCRIPTION", "TITLE"]);
    for (const v of variants) {
      expect(v).toMatchObject({ origin: "ORIGINAL", status: "PUBLISHED" });
      expect(v.lintedAt).not.toBeNull();
      expect(v.verdict).not.toBe("PASS");
      for (const f of v.findings) expect(v.text.slice(f.start, f.end)).toBe(f.match);
    }
  });
});

describe("feedback and precision", () => {
  const MARK = `mutation($id: ID!, $k: FindingFeedbackKind!, $c: String) {
    markFinding(findingId: $id, kind: $k, comment: $c) { id findingId rule kind comment }
  }`;
  const PRECISION = `{ rulePrecision { rule findings confirmed falsePositives precision } }`;

  it("records one verdict per moderator and reports per-rule precision to admins", async () => {
    const finding = (await gql(FINDINGS, { f: { merchantId: shop.id }, first: 1 })).data.findings.edges[0].node;
    const before = (await gql(PRECISION)).data.rulePrecision.find((p: any) => p.rule === finding.rule) ?? {
      confirmed: 0,
      falsePositives: 0,
    };
    const fp = await gql(MARK, { id: finding.id, k: "FALSE_POSITIVE", c: "a quote from a review" }, as("moderator"));
    expect(fp.errors).toBeUndefined();
    expect(fp.data.markFinding).toMatchObject({ findingId: finding.id, rule: finding.rule, kind: "FALSE_POSITIVE" });
    // The same moderator changes their mind: one row, replaced.
    const confirmed = await gql(MARK, { id: finding.id, k: "CONFIRMED" }, as("moderator"));
    expect(confirmed.data.markFinding).toMatchObject({ id: fp.data.markFinding.id, kind: "CONFIRMED", comment: null });
    await gql(MARK, { id: finding.id, k: "FALSE_POSITIVE" }, as("admin"));

    const after = (await gql(PRECISION)).data.rulePrecision.find((p: any) => p.rule === finding.rule);
    expect(after.confirmed - before.confirmed).toBe(1);
    expect(after.falsePositives - before.falsePositives).toBe(1);
    expect(after.precision).toBeCloseTo(after.confirmed / (after.confirmed + after.falsePositives), 10);
    expect(after.findings).toBeGreaterThan(0);

    const feedback = await gql(
      `query($f: FindingFilter) { findings(filter: $f, first: 100) { edges { node { id feedback { kind } } } } }`,
      { f: { merchantId: shop.id, variantId: finding.variantId } },
      as("moderator"),
    );
    expect(feedback.errors).toBeUndefined();
    const judged = feedback.data.findings.edges.find((e: any) => e.node.id === finding.id).node;
    expect(judged.feedback.map((f: any) => f.kind).sort()).toEqual(["CONFIRMED", "FALSE_POSITIVE"]);
    const audit = await db.pool.query(
      `SELECT count(*)::int AS n FROM "AuditEvent" WHERE action = 'finding.feedback' AND "entityId" = $1`,
      [finding.id],
    );
    expect(audit.rows[0].n).toBe(3);
  });

  it("refuses feedback and precision to roles without the permission", async () => {
    const finding = (await gql(FINDINGS, { f: { merchantId: shop.id }, first: 1 })).data.findings.edges[0].node;
    expect(codeOf(await gql(MARK, { id: finding.id, k: "CONFIRMED" }, as("analyst")))).toBe("FORBIDDEN");
    expect(codeOf(await gql(MARK, { id: finding.id, k: "CONFIRMED" }, as("merchandiser")))).toBe("FORBIDDEN");
    expect(codeOf(await gql(PRECISION, {}, as("moderator")))).toBe("FORBIDDEN");
    expect(codeOf(await gql(MARK, { id: randomUUID(), k: "CONFIRMED" }, as("moderator")))).toBe("NOT_FOUND");
    const long = await gql(MARK, { id: finding.id, k: "CONFIRMED", c: "x".repeat(2_001) }, as("moderator"));
    expect(codeOf(long)).toBe("BAD_USER_INPUT");
  });
});

describe("applySuggestion", () => {
  const APPLY = `mutation($id: ID!) { applySuggestion(findingId: $id) {
    id productId field locale text origin status parentVariantId verdict
  } }`;

  it("creates an EDITED variant in review from a suggestion, once, and lints it", async () => {
    const r = await gql(FINDINGS, { f: { merchantId: shop.id, ruleId: "brand.forbidden" }, first: 50 });
    const finding = r.data.findings.edges
      .map((e: any) => e.node)
      .find((n: any) => n.variant.text === "Cheap face cream");
    expect(finding).toBeDefined();
    const applied = await gql(APPLY, { id: finding.id }, as("merchandiser"));
    expect(applied.errors).toBeUndefined();
    const v = applied.data.applySuggestion;
    const parent = finding.variant.text as string;
    expect(v).toMatchObject({
      productId: finding.productId,
      field: "TITLE",
      origin: "EDITED",
      status: "PENDING_REVIEW",
      parentVariantId: finding.variantId,
      text: parent.slice(0, finding.start) + "affordable" + parent.slice(finding.end),
    });
    // The linted text is untouched; applying again returns the same variant.
    const again = await gql(APPLY, { id: finding.id });
    expect(again.data.applySuggestion.id).toBe(v.id);
    const original = await db.pool.query(`SELECT text FROM "Variant" WHERE id = $1`, [finding.variantId]);
    expect(original.rows[0].text).toBe(parent);
    const audit = await db.pool.query(
      `SELECT after FROM "AuditEvent" WHERE action = 'variant.apply_suggestion' AND "entityId" = $1`,
      [v.id],
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0].after).toMatchObject({ findingId: finding.id, suggestion: "affordable" });

    const linted = await until("the edited variant's lint", async () => {
      const q = await db.pool.query<{ verdict: string | null }>(`SELECT verdict FROM "Variant" WHERE id = $1`, [v.id]);
      return q.rows[0]?.verdict ? q.rows[0] : null;
    });
    const want = await gql(
      `query($t: String!, $l: String, $m: ID) { lint(text: $t, locale: $l, field: TITLE, merchantId: $m) { verdict } }`,
      { t: v.text, l: v.locale, m: shop.id },
    );
    const brandFindings = await db.pool.query(
      `SELECT 1 FROM "Finding" WHERE "variantId" = $1 AND "ruleId" = 'brand.forbidden'`,
      [v.id],
    );
    expect(brandFindings.rowCount).toBe(0);
    expect(linted.verdict).toBe(want.data.lint.verdict);
  });

  it("refuses findings without a suggestion, other merchants' findings and roles without variants:edit", async () => {
    const all = (await gql(FINDINGS, { f: { merchantId: shop.id }, first: 100 })).data.findings.edges.map(
      (e: any) => e.node,
    );
    const noSuggestion = all.find((n: any) => n.suggestion === null);
    if (noSuggestion) expect(codeOf(await gql(APPLY, { id: noSuggestion.id }))).toBe("BAD_USER_INPUT");
    const any = all[0];
    expect(codeOf(await gql(APPLY, { id: any.id }, as("analyst")))).toBe("FORBIDDEN");
    expect(codeOf(await gql(APPLY, { id: any.id }, as("otherService")))).toBe("FORBIDDEN");
    const otherMerch = (await createApiKey(db.pool, { name: "m2", role: "MERCHANDISER", merchantId: other.id })).key;
    expect(codeOf(await gql(APPLY, { id: any.id }, { authorization: `Bearer ${otherMerch}` }))).toBe("NOT_FOUND");
  });
});
