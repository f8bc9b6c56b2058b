#!/usr/bin/env node
// First page of the moderators' review queue with 100,000 items waiting, against reading 50 rows of
// the same table with no order and no filter, same database, same run:
//   queue    — what `reviewQueue(first: 50)` runs: the page (keyset on "createdAt", id through the
//              partial index Variant_pending_review_idx, finding aggregates for the page only) and
//              the total count, in parallel, through the built @truecopy/db; and the same query over
//              HTTP through the built API (GraphQL, loopback; product and merchant by dataloader);
//   baseline — SELECT <the same variant columns> FROM "Variant" LIMIT 50.
// Also timed: NEWEST and SEVERITY order, a filtered page (merchant + locale + severity), claimNext.
// EXPLAIN checks that the page and claimNext use the partial index. Runs alternate the order of the
// two measurements; medians; the last line is the ratio.
//
//   pnpm turbo run build --filter @truecopy/api...
//   node bench/review/review-queue.bench.mjs [--items 100000] [--runs 7] [--keep]
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { randomUUID } from "node:crypto";
import { openBenchDatabase, removeBenchMerchants } from "../ingest/bench-database.mjs";
import { benchEnv } from "../ingest/bench-env.mjs";
import { median, time } from "../lib/stats.mjs";

const root = join(dirname(new URL(import.meta.url).pathname), "../..");
const dbFile = join(root, "packages/db/dist/index.js");
const apiFile = join(root, "apps/api/dist/index.js");
const configFile = join(root, "packages/config/dist/index.js");
if (process.argv.includes("--help")) {
  console.log("node bench/review/review-queue.bench.mjs [--items 100000] [--runs 7] [--keep]");
  console.log("  --keep  leave the seeded rows in DATABASE_URL's database (for EXPLAIN experiments)");
  process.exit(0);
}
for (const file of [dbFile, apiFile, configFile]) {
  if (!existsSync(file)) {
    console.error(`missing ${file}: build first (pnpm turbo run build --filter @truecopy/api...)`);
    process.exit(1);
  }
}
const arg = (flag, dflt) => {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const items = arg("--items", 100_000);
const runs = arg("--runs", 7);
const keep = process.argv.includes("--keep");
const PAGE = 50;
const PER_PRODUCT = 10;

const dbPkg = await import(pathToFileURL(dbFile).href);
const { startApiServer, loadEnv } = await import(pathToFileURL(apiFile).href);
const { createLogger } = await import(pathToFileURL(configFile).href);
const log = (m) => process.stderr.write(`${m}\n`);

const bench = await openBenchDatabase({ databaseUrl: benchEnv().databaseUrl, log });
let db;
let api;
let merchantId;
let exitCode = 0;
const cleanup = async () => {
  await api?.stop().catch(() => undefined);
  if (db && merchantId && !bench.created && !keep) {
    // A shared _test database: remove exactly what this run wrote.
    await db.pool.query(`DELETE FROM "ApiKey" WHERE "merchantId" IS NULL AND name = 'review-bench'`);
    await removeBenchMerchants(db.pool, [merchantId]);
  }
  await db?.close();
  await bench.drop();
};
process.on("SIGINT", () => cleanup().finally(() => process.exit(130)));


try {
  await dbPkg.migrate(bench.url);
  db = dbPkg.createDatabase(bench.url, { poolMax: 6, applicationName: "truecopy-bench" });
  const slug = `review-bench-${randomUUID().slice(0, 8)}`;
  merchantId = await dbPkg.ensureMerchant(db.pool, { slug, name: "Review bench" });
  const products = Math.ceil(items / PER_PRODUCT);

  log(`seeding ${products} products, ${items} pending variants, originals and decided history…`);
  const seeded = await time(async () => {
    await db.pool.query(
      `INSERT INTO "Product" (id, "merchantId", sku, title, description, category, locale, "contentHash", "updatedAt")
       SELECT gen_random_uuid(), $1, 'rq-' || g, 'Product ' || g, 'Description of product ' || g,
         'category-' || (g % 20), CASE WHEN g % 2 = 0 THEN 'zh-CN' ELSE 'en-US' END, md5(g::text), now()
       FROM generate_series(1, $2::int) g`,
      [merchantId, products],
    );
    // The merchant's originals (live) and a decided history twice the size of the queue: the queue
    // is a minority of the table, as in production.
    await db.pool.query(
      `INSERT INTO "Variant" (id, "productId", field, locale, text, origin, status, "createdAt", "updatedAt")
       SELECT gen_random_uuid(), p.id, 'TITLE', p.locale, p.title, 'ORIGINAL', 'PUBLISHED', now() - interval '30 days', now()
       FROM "Product" p WHERE p."merchantId" = $1`,
      [merchantId],
    );
    await db.pool.query(
      `INSERT INTO "Variant" (id, "productId", field, locale, text, origin, generator, status, "createdAt", "updatedAt")
       SELECT gen_random_uuid(), p.id, 'DESCRIPTION', p.locale, 'Older text ' || n, 'GENERATED', 'gen-' || (n % 3),
         -- One live description per slot (the database allows no more); the rest decided or archived.
         CASE WHEN n = 1 THEN 'PUBLISHED'::"VariantStatus"
           ELSE (ARRAY['APPROVED', 'REJECTED', 'ARCHIVED']::"VariantStatus"[])[1 + n % 3] END,
         now() - make_interval(days => 3 + n), now()
       FROM "Product" p CROSS JOIN generate_series(1, $2::int) n WHERE p."merchantId" = $1`,
      [merchantId, PER_PRODUCT * 2],
    );
    await db.pool.query(
      `INSERT INTO "Variant" (id, "productId", field, locale, text, origin, generator, status, verdict, "createdAt", "updatedAt")
       SELECT gen_random_uuid(), p.id, 'TITLE', p.locale, 'Generated title ' || n || ' for ' || p.sku, 'GENERATED',
         'gen-' || (n % 3), 'PENDING_REVIEW',
         (ARRAY['PASS', 'REVIEW', 'BLOCK']::"LintVerdict"[])[1 + (hashtext(p.sku || n) & 3) % 3],
         now() - make_interval(secs => (hashtext(p.sku || '/' || n) & 262143)::float8), now()
       FROM "Product" p CROSS JOIN generate_series(1, $2::int) n WHERE p."merchantId" = $1`,
      [merchantId, PER_PRODUCT],
    );
    // About a third of the waiting items have one to three findings.
    await db.pool.query(
      `INSERT INTO "Finding" (id, "variantId", "ruleId", "rulePackVersion", category, severity, start, "end")
       SELECT gen_random_uuid(), v.id, 'bench.rule.' || k, 'bench@1',
         (ARRAY['ABSOLUTE', 'MEDICAL', 'GUARANTEE', 'UNSUPPORTED', 'URGENCY']::"FindingCategory"[])[1 + (hashtext(v.id::text || k) & 7) % 5],
         (ARRAY['INFO', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL']::"Severity"[])[1 + (hashtext(k || v.id::text) & 7) % 5], 0, 4
       FROM "Variant" v JOIN "Product" p ON p.id = v."productId" CROSS JOIN generate_series(1, 3) k
       WHERE p."merchantId" = $1 AND v.status = 'PENDING_REVIEW' AND (hashtext(v.id::text) & 7) < 3 AND k <= 1 + (hashtext(v.id::text) & 3) % 3`,
      [merchantId],
    );
    await db.pool.query(`VACUUM ANALYZE "Variant"`);
    await db.pool.query(`VACUUM ANALYZE "Finding"`);
    await db.pool.query(`VACUUM ANALYZE "Product"`);
  });
  const counts = (
    await db.pool.query(
      `SELECT (SELECT count(*)::int FROM "Variant" WHERE status = 'PENDING_REVIEW') AS pending,
         (SELECT count(*)::int FROM "Variant") AS variants, (SELECT count(*)::int FROM "Finding") AS findings`,
    )
  ).rows[0];
  log(
    `seeded in ${(seeded.ms / 1000).toFixed(1)} s: ${counts.pending} pending of ${counts.variants} variants, ${counts.findings} findings`,
  );
  if (counts.pending < items) throw new Error(`expected at least ${items} pending variants, found ${counts.pending}`);

  const actorId = randomUUID();
  const page = (filter, sort = "OLDEST") =>
    Promise.all([
      dbPkg.listReviewQueue(db.pool, { filter, sort, first: PAGE, after: null, actorId }),
      dbPkg.countReviewQueue(db.pool, { filter, actorId }),
    ]);
  const baseline = () =>
    db.pool.query(
      `SELECT id, "productId", field, locale, text, origin, status, "parentVariantId", generator, "generatorVersion", verdict,
         "lintedAt", "createdById", "claimedById", "claimExpiresAt", "createdAt", "updatedAt" FROM "Variant" LIMIT ${PAGE}`,
    );

  // Plans: the page and claimNext must read the partial index, not the table.
  const captured = [];
  const capture = { query: (sql, params) => (captured.push({ sql, params }), db.pool.query(sql, params)) };
  await dbPkg.listReviewQueue(capture, { filter: {}, sort: "OLDEST", first: PAGE, after: null, actorId });
  const plan = async (sql, params) =>
    (await db.pool.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT TEXT) ${sql}`, params)).rows
      .map((r) => r["QUERY PLAN"])
      .join("\n");
  const pagePlan = await plan(captured[0].sql, captured[0].params);
  const claimPlan = await plan(
    `SELECT v.id FROM "Variant" v WHERE v.status = 'PENDING_REVIEW' AND (v."claimedById" IS NULL OR v."claimExpiresAt" <= now())
     ORDER BY v."createdAt", v.id LIMIT 1 FOR UPDATE OF v SKIP LOCKED`,
    [],
  );
  const usesIndex = (p) => /Index (Only )?Scan using "?Variant_pending_review_idx"?/.test(p);
  log(`\nEXPLAIN of the first page:\n${pagePlan}\n\nEXPLAIN of claimNext's pick:\n${claimPlan}\n`);
  if (!usesIndex(pagePlan) || !usesIndex(claimPlan)) {
    console.error("the queue does not use Variant_pending_review_idx");
    exitCode = 1;
  }

  // The API as moderators call it.
  api = await startApiServer(
    loadEnv({
      DATABASE_URL: bench.url,
      API_PORT: "0",
      LOG_LEVEL: "error",
      TRUECOPY_QUEUE_PREFIX: `bench-${randomUUID().slice(0, 8)}`,
    }),
    createLogger("bench", "error"),
  );
  const { key } = await dbPkg.createApiKey(db.pool, { name: "review-bench", role: "ADMIN" });
  const GQL = `query($m: ID) { reviewQueue(filter: { merchantId: $m }, first: ${PAGE}) { totalCount pageInfo { endCursor }
    edges { node { id slaStatus ageSeconds maxSeverity findingCount claim { mine }
      variant { id text status verdict } product { sku title merchant { name } } } } } }`;
  const graphql = async () => {
    const res = await fetch(`${api.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
      body: JSON.stringify({ query: GQL, variables: { m: merchantId } }),
    });
    const body = await res.json();
    if (body.errors || body.data.reviewQueue.edges.length !== PAGE)
      throw new Error(`GraphQL: ${JSON.stringify(body).slice(0, 300)}`);
    return body;
  };

  const filtered = { merchantId, locale: "zh", severity: "HIGH" };
  const checks = [
    ["queue OLDEST", () => page({})],
    ["queue NEWEST", () => page({}, "NEWEST")],
    ["queue SEVERITY", () => page({}, "SEVERITY")],
    ["queue filtered", () => page(filtered)],
    ["GraphQL OLDEST", graphql],
    [
      "claimNext",
      async () => {
        const c = await dbPkg.claimNextReviewItem(db.pool, {
          filter: { merchantId },
          sort: "OLDEST",
          actorId,
          leaseSeconds: 300,
        });
        await dbPkg.releaseReviewItem(db.pool, { variantId: c.variant.id, actorId });
      },
    ],
  ];
  // Warm both sides (plans, caches, JIT, the API's first request).
  for (let i = 0; i < 2; i++) {
    await baseline();
    for (const [, fn] of checks) await fn();
  }
  const [first] = await page({});
  if (first.rows.length !== PAGE || first.rows.some((r, i) => i && r.createdAt < first.rows[i - 1].createdAt))
    throw new Error("the first page is not the oldest 50 in order");

  const samples = Object.fromEntries([["baseline", []], ...checks.map(([name]) => [name, []])]);
  for (let run = 1; run <= runs; run++) {
    const order = run % 2 ? ["baseline", ...checks.map(([n]) => n)] : [...checks.map(([n]) => n), "baseline"];
    for (const name of order) {
      const fn = name === "baseline" ? baseline : checks.find(([n]) => n === name)[1];
      samples[name].push((await time(fn)).ms);
    }
    log(`run ${run}: ${order.map((n) => `${n} ${samples[n].at(-1).toFixed(1)} ms`).join(", ")}`);
  }

  const base = median(samples.baseline);
  console.log(`\n${"measurement".padEnd(16)}  median ms  ratio to baseline`);
  for (const name of Object.keys(samples))
    console.log(
      `${name.padEnd(16)}  ${median(samples[name]).toFixed(1).padStart(9)}  ${(median(samples[name]) / base).toFixed(1).padStart(6)}x`,
    );
  console.log(
    `\n${counts.pending} pending of ${counts.variants} variants; page and claimNext use Variant_pending_review_idx: ${usesIndex(pagePlan) && usesIndex(claimPlan)}`,
  );
  const q = median(samples["queue OLDEST"]);
  const g = median(samples["GraphQL OLDEST"]);
  console.log(
    `review-queue: first page of ${PAGE} of ${counts.pending} pending in ${q.toFixed(1)} ms (SQL: page + count), ${g.toFixed(1)} ms via GraphQL over loopback, vs ${base.toFixed(1)} ms plain LIMIT ${PAGE} = ${(q / base).toFixed(1)}x (goal < 300 ms: ${g < 300 ? "met" : "MISSED"})`,
  );
} catch (e) {
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  exitCode = 1;
} finally {
  await cleanup();
}
process.exit(exitCode);
