#!/usr/bin/env node
// kNN recall@10 and latency of the HNSW index (pgvector) against exact search, same database, same
// queries, same run, on real embeddings:
//   corpus  — 100,000 generated zh/en product listings (product-texts.mjs), embedded with the
//             registry's default text model (or --model) through `embed()`, stored as real
//             "Product" rows (40 merchants) and real "Embedding" rows, loaded with COPY (binary
//             for the vectors);
//   index   — the model's partial HNSW index exactly as its migration defines it (read back from
//             pg_indexes), dropped before the load and built again afterwards, timed;
//   queries — 200 held-out texts (listings and short search queries not in the corpus), embedded
//             the same way; top 10 by cosine distance with the product's SQL expression.
//   exact   — the same statement with index scans disabled (enable_indexscan, enable_bitmapscan,
//             enable_indexonlyscan off); EXPLAIN checks that one plan uses the HNSW index and the
//             other does not.
// Printed: recall@10 and p50/p95 latency at hnsw.ef_search 40, 80, 100, 200; a per-merchant
// filtered query with and without iterative scans (pgvector 0.8); and the product's own kNN helper
// (`nearestProducts`, @truecopy/db, with its ef_search) on 200 stored products, filtered and not.
// A hit is a returned row among the exact 10, or at no greater distance than the exact 10th (ties).
// Each query alternates which side runs first. The last line is HNSW at the product's setting.
//
//   pnpm turbo run build --filter @truecopy/db --filter @truecopy/ml...
//   DATABASE_URL=postgres://…/<name>_test node bench/knn/knn.bench.mjs [--products 100000] [--queries 200]
//     [--merchants 40] [--model NAME] [--keep]
import { createHash, randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { pathToFileURL } from "node:url";
import pg from "pg";
import copyStreams from "pg-copy-streams";
import { copyLine } from "../ingest/copy-text.mjs";
import { requireBuilt } from "../lib/built.mjs";
import { openBenchDatabase, removeBenchMerchants } from "../ingest/bench-database.mjs";
import { benchEnv } from "../ingest/bench-env.mjs";
import { COPY_HEADER, COPY_TRAILER, embeddingTuple, recallAt } from "./knn-metrics.mjs";
import { benchTexts, seededRandom } from "./product-texts.mjs";
import { mean, median, quantile, time } from "../lib/stats.mjs";

const root = join(dirname(new URL(import.meta.url).pathname), "../..");
const dbFile = join(root, "packages/db/dist/index.js");
const mlDir = join(root, "packages/ml");
requireBuilt([dbFile, join(mlDir, "dist/index.js")], {
  usage: [
    "node bench/knn/knn.bench.mjs [--products 100000] [--queries 200] [--merchants 40] [--model NAME] [--keep]",
    "  --keep  leave the rows in DATABASE_URL's database (for EXPLAIN experiments)",
  ].join("\n"),
  build: "pnpm turbo run build --filter @truecopy/db --filter @truecopy/ml...",
});
const option = (flag) => {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const numberOption = (flag, dflt) => {
  const raw = option(flag);
  if (raw === undefined) return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} needs a positive integer, got ${raw}`);
  return n;
};
const productCount = numberOption("--products", 100_000);
const queryCount = numberOption("--queries", 200);
const merchantCount = numberOption("--merchants", 40);
const keep = process.argv.includes("--keep");
const K = 10;
const EF_SEARCH = [40, 80, 100, 200];
const EMBED_CHUNK = 1024;

const dbPkg = await import(pathToFileURL(dbFile).href);
const ml = await import(pathToFileURL(createRequire(join(mlDir, "package.json")).resolve("@truecopy/ml")).href);
const modelName = option("--model") ?? ml.DEFAULT_TEXT_EMBEDDING_MODEL;
const spec = ml.getModelSpec(modelName);
if (spec.kind !== "text-embedding") throw new Error(`${modelName} is a ${spec.kind} model, not a text embedding`);
const model = dbPkg.vectorLiterals({ name: spec.name, dim: spec.dim });
// The product's ef_search for k neighbours (widenHnswSearch(tx, 2 * k) in @truecopy/db).
const PRODUCT_EF = Math.max(dbPkg.MIN_EF_SEARCH, 2 * K);
const log = (m) => process.stderr.write(`${m}\n`);


async function copyIn(client, sql, chunks) {
  await pipeline(Readable.from(chunks), client.query(copyStreams.from(sql)));
}

const bench = await openBenchDatabase({ databaseUrl: benchEnv().databaseUrl, log });
let db;
const clients = [];
const merchantIds = [];
let index = null;
let indexDropped = false;
let exitCode = 0;
const connect = async (name) => {
  const c = new pg.Client({ connectionString: bench.url, application_name: `truecopy-knn-bench-${name}` });
  await c.connect();
  clients.push(c);
  return c;
};
const cleanup = async () => {
  const admin = clients[0];
  if (admin && indexDropped && index) {
    // Never leave the database without the migration's index.
    await admin.query(index.definition).catch((e) => log(`could not restore ${index.name}: ${e.message}`));
    indexDropped = false;
  }
  if (admin && merchantIds.length && !bench.created && !keep) {
    // A shared _test database: remove exactly what this run wrote.
    await admin.query(
      `DELETE FROM "Embedding" e USING "Product" p
       WHERE e."ownerKind" = 'PRODUCT' AND e."ownerId" = p.id AND p."merchantId" = ANY($1::uuid[])`,
      [merchantIds],
    );
    await removeBenchMerchants(admin, merchantIds);
  }
  for (const c of clients.splice(0)) await c.end().catch(() => undefined);
  await db?.close();
  await bench.drop();
};
process.on("SIGINT", () => cleanup().finally(() => process.exit(130)));

try {
  await dbPkg.migrate(bench.url);
  db = dbPkg.createDatabase(bench.url, { poolMax: 2, applicationName: "truecopy-knn-bench" });
  const admin = await connect("admin");
  const exactClient = await connect("exact");
  const hnswClient = await connect("hnsw");

  const { rows: found } = await admin.query(
    `SELECT indexname AS name, indexdef AS definition FROM pg_indexes
     WHERE schemaname = current_schema() AND tablename = 'Embedding' AND indexdef ILIKE '%USING hnsw%'
       AND indexdef LIKE $1 AND indexdef LIKE $2`,
    [`%'${model.name}'::text%`, `%vector(${model.dim})%`],
  );
  if (found.length !== 1) {
    throw new Error(
      `expected one HNSW index on "Embedding" for model ${model.name} (vector(${model.dim})), found ${found.length}: is its migration missing?`,
    );
  }
  index = found[0];
  log(`index: ${index.definition}`);

  const { products, queries } = benchTexts({ count: productCount, queries: queryCount });
  const embedder = ml.createTextEmbedder(spec.name);
  const embedAll = async (texts, label) => {
    const out = [];
    for (let i = 0; i < texts.length; i += EMBED_CHUNK) {
      out.push(...(await embedder.embed(texts.slice(i, i + EMBED_CHUNK))));
      if (texts.length > 10 * EMBED_CHUNK && (i / EMBED_CHUNK) % 20 === 0)
        log(`  ${label}: ${out.length}/${texts.length}`);
    }
    return out;
  };
  log(`embedding ${products.length} product texts and ${queries.length} queries with ${spec.name}…`);
  const embedded = await time(() =>
    embedAll(
      products.map((p) => p.text),
      "products",
    ),
  );
  const vectors = embedded.r;
  const queryVectors = await embedAll(queries, "queries");
  await ml.releaseEmbeddingSessions();

  const runTag = randomUUID().slice(0, 8);
  for (let m = 0; m < merchantCount; m++) {
    merchantIds.push(await dbPkg.ensureMerchant(db.pool, { slug: `knn-bench-${runTag}-${m}`, name: `kNN bench ${m}` }));
  }
  const rand = seededRandom(11);
  const productIds = products.map(() => randomUUID());
  const merchantOf = products.map(() => merchantIds[Math.floor(rand() * merchantIds.length)]);

  await admin.query(`DROP INDEX "${index.name.replaceAll('"', '""')}"`);
  indexDropped = true;
  log(`loading ${products.length} products and embeddings with COPY…`);
  const loaded = await time(async () => {
    const now = new Date().toISOString();
    await copyIn(
      admin,
      `COPY "Product" (id, "merchantId", sku, title, description, category, locale, "contentHash", "updatedAt") FROM STDIN`,
      (function* () {
        for (let i = 0; i < products.length; i += 1000) {
          let chunk = "";
          for (let j = i; j < Math.min(i + 1000, products.length); j++) {
            const text = products[j].text;
            chunk += copyLine([
              productIds[j],
              merchantOf[j],
              `knn-${runTag}-${j}`,
              text.split(/[,，]/)[0],
              text,
              `category-${products[j].categoryIndex}`,
              j % 2 === 0 ? "en-US" : "zh-CN",
              createHash("sha256").update(text).digest("hex"),
              now,
            ]);
          }
          yield chunk;
        }
      })(),
    );
    await copyIn(
      admin,
      `COPY "Embedding" (id, "ownerKind", "ownerId", model, dim, vector) FROM STDIN (FORMAT binary)`,
      (function* () {
        yield COPY_HEADER;
        for (let i = 0; i < products.length; i += 500) {
          const tuples = [];
          for (let j = i; j < Math.min(i + 500, products.length); j++)
            tuples.push(
              embeddingTuple({ ownerKind: "PRODUCT", ownerId: productIds[j], model: model.name, vector: vectors[j] }),
            );
          yield Buffer.concat(tuples);
        }
        yield COPY_TRAILER;
      })(),
    );
  });

  const { rows: settings } = await admin.query(
    `SELECT current_setting('maintenance_work_mem') AS mwm, current_setting('max_parallel_maintenance_workers') AS workers,
            extversion FROM pg_extension WHERE extname = 'vector'`,
  );
  // The graph of 100k × 256 floats does not fit pgvector's default 64 MB: without this the build
  // spills and takes many times longer. Operators building the index on a large table do the same.
  await admin.query(`SET maintenance_work_mem = '1GB'`);
  log(`building ${index.name}…`);
  const built = await time(() => admin.query(index.definition));
  indexDropped = false;
  await admin.query(`RESET maintenance_work_mem`);
  await admin.query(`ANALYZE "Embedding"; ANALYZE "Product"`);

  // Read-back: every product has its vector, and the stored vectors are the embedder's.
  const { rows: counted } = await admin.query(
    `SELECT count(*)::int AS n FROM "Embedding" e JOIN "Product" p ON p.id = e."ownerId"
     WHERE e.model = $1 AND e."ownerKind" = 'PRODUCT' AND p."merchantId" = ANY($2::uuid[])`,
    [model.name, merchantIds],
  );
  if (counted[0].n !== products.length)
    throw new Error(`stored ${counted[0].n} embeddings for ${products.length} products`);
  const { rows: probe } = await admin.query(
    `SELECT vector::text AS v FROM "Embedding" WHERE "ownerId" = $1 AND model = $2`,
    [productIds[123 % products.length], model.name],
  );
  const stored = JSON.parse(probe[0].v);
  const expected = vectors[123 % products.length];
  if (!stored.every((x, j) => Math.abs(x - expected[j]) < 1e-6))
    throw new Error("a stored vector differs from the embedder's");

  // Both sides run the same text; only the planner settings differ.
  const expr = `e.vector::vector(${model.dim})`;
  const knnSql = `SELECT e."ownerId" AS id, ${expr} <=> $1::vector(${model.dim}) AS dist FROM "Embedding" e
    WHERE e.model = '${model.name}' AND e."ownerKind" = 'PRODUCT'
    ORDER BY ${expr} <=> $1::vector(${model.dim}) LIMIT ${K}`;
  // As nearestProducts: relaxed_order may return rows slightly out of order, the outer ORDER BY fixes it.
  const filteredSql = `SELECT id, dist FROM (
      SELECT e."ownerId" AS id, ${expr} <=> $1::vector(${model.dim}) AS dist
      FROM "Embedding" e JOIN "Product" p ON p.id = e."ownerId"
      WHERE e.model = '${model.name}' AND e."ownerKind" = 'PRODUCT' AND p."merchantId" = $2::uuid
      ORDER BY ${expr} <=> $1::vector(${model.dim}) LIMIT ${K}) nearest ORDER BY dist, id`;
  await exactClient.query(`SET enable_indexscan = off; SET enable_bitmapscan = off; SET enable_indexonlyscan = off`);

  const literal = (v) => dbPkg.toVectorLiteral(v);
  // The query vector's 256 numbers would drown the plan: shown as '[…]'.
  const plan = async (client, sql, params) =>
    (await client.query(`EXPLAIN ${sql}`, params)).rows
      .map((r) => r["QUERY PLAN"].replace(/'\[[^\]]*\]'/g, "'[…]'"))
      .join("\n");
  const probeParams = [literal(queryVectors[0])];
  const exactPlan = await plan(exactClient, knnSql, probeParams);
  const hnswPlan = await plan(hnswClient, knnSql, probeParams);
  if (exactPlan.includes(index.name)) throw new Error(`the exact plan uses ${index.name}:\n${exactPlan}`);
  if (!hnswPlan.includes(`Index Scan using "${index.name}"`) && !hnswPlan.includes(`Index Scan using ${index.name}`)) {
    throw new Error(`the kNN plan does not use ${index.name}:\n${hnswPlan}`);
  }
  const firstNode = (p) =>
    p
      .split("\n")
      .find((l) => /Scan|Join|Gather/.test(l))
      ?.trim()
      .replace(/\s+\(cost.*$/, "");
  log(`exact plan:\n${exactPlan}\nhnsw plan:\n${hnswPlan}`);

  const run = async (client, sql, params) => {
    const t = performance.now();
    const { rows } = await client.query(sql, params);
    return { ms: performance.now() - t, rows: rows.map((r) => ({ id: r.id, dist: Number(r.dist) })) };
  };

  // ---- Unfiltered: exact vs HNSW at each ef_search.
  log(`${queries.length} queries: exact and HNSW at ef_search ${EF_SEARCH.join(", ")}…`);
  const exactMs = [];
  const exactRows = [];
  const byEf = new Map(EF_SEARCH.map((ef) => [ef, { ms: [], recall: [] }]));
  for (let q = 0; q < queries.length; q++) {
    const params = [literal(queryVectors[q])];
    const hnswSide = [];
    const doExact = async () => {
      const r = await run(exactClient, knnSql, params);
      exactMs.push(r.ms);
      exactRows[q] = r.rows;
    };
    const doHnsw = async () => {
      for (const ef of EF_SEARCH) {
        await hnswClient.query(`SET hnsw.ef_search = ${ef}`);
        hnswSide.push([ef, await run(hnswClient, knnSql, params)]);
      }
    };
    if (q % 2 === 0) {
      await doExact();
      await doHnsw();
    } else {
      await doHnsw();
      await doExact();
    }
    for (const [ef, r] of hnswSide) {
      byEf.get(ef).ms.push(r.ms);
      byEf.get(ef).recall.push(recallAt(r.rows, exactRows[q]));
    }
    if ((q + 1) % 50 === 0) log(`  ${q + 1}/${queries.length}`);
  }
  if (exactRows.some((rows) => rows.length !== K)) throw new Error(`an exact query returned fewer than ${K} rows`);

  // ---- Per-merchant filter (2.5% of the rows with 40 merchants), iterative scans off and on.
  log(`filtered: ${queries.length} queries, one merchant each…`);
  const FILTER_MODES = [
    [PRODUCT_EF, "off"],
    [PRODUCT_EF, "relaxed_order"],
    [200, "relaxed_order"],
  ];
  const filtered = {
    exactMs: [],
    modes: FILTER_MODES.map(([ef, mode]) => ({ ef, mode, ms: [], recall: [], rows: [] })),
  };
  const filteredPlan = async (ef, mode) => {
    await hnswClient.query(`SET hnsw.ef_search = ${ef}; SET hnsw.iterative_scan = ${mode}`);
    return plan(hnswClient, filteredSql, [literal(queryVectors[0]), merchantIds[0]]);
  };
  for (const m of filtered.modes) {
    const p = await filteredPlan(m.ef, m.mode);
    m.plan = `${firstNode(p)}${p.includes(index.name) ? "" : " (HNSW index not used)"}`;
    log(`filtered plan, ef_search ${m.ef}, iterative_scan ${m.mode}:\n${p}`);
  }
  for (let q = 0; q < queries.length; q++) {
    const params = [literal(queryVectors[q]), merchantIds[Math.floor(rand() * merchantIds.length)]];
    let exact;
    const doExact = async () => {
      exact = await run(exactClient, filteredSql, params);
      filtered.exactMs.push(exact.ms);
    };
    const results = [];
    const doHnsw = async () => {
      for (const m of filtered.modes) {
        await hnswClient.query(`SET hnsw.ef_search = ${m.ef}; SET hnsw.iterative_scan = ${m.mode}`);
        results.push([m, await run(hnswClient, filteredSql, params)]);
      }
    };
    if (q % 2 === 0) {
      await doExact();
      await doHnsw();
    } else {
      await doHnsw();
      await doExact();
    }
    for (const [m, r] of results) {
      m.ms.push(r.ms);
      m.rows.push(r.rows.length);
      m.recall.push(recallAt(r.rows, exact.rows));
    }
  }
  await hnswClient.query(`RESET hnsw.ef_search; RESET hnsw.iterative_scan`);

  // ---- The product's helper (similarProducts): stored products as queries, self excluded.
  log(`nearestProducts on ${queries.length} stored products, unfiltered and per merchant…`);
  const selfSql = (withMerchant) => `SELECT id, dist FROM (
      SELECT e."ownerId" AS id, ${expr} <=> q.v AS dist
      FROM "Embedding" e JOIN "Product" p ON p.id = e."ownerId"
      CROSS JOIN (SELECT vector::vector(${model.dim}) AS v FROM "Embedding"
                  WHERE "ownerKind" = 'PRODUCT' AND "ownerId" = $1 AND model = '${model.name}') q
      WHERE e.model = '${model.name}' AND e."ownerKind" = 'PRODUCT' AND e."ownerId" <> $1
        ${withMerchant ? `AND p."merchantId" = $2::uuid` : ""}
      ORDER BY ${expr} <=> q.v LIMIT ${K}) n ORDER BY dist, id`;
  const helper = {
    all: { ms: [], exactMs: [], recall: [] },
    merchant: { ms: [], exactMs: [], recall: [] },
  };
  for (let q = 0; q < queries.length; q++) {
    const i = Math.floor(rand() * products.length);
    for (const [key, merchantId] of [
      ["all", null],
      ["merchant", merchantOf[i]],
    ]) {
      const params = merchantId ? [productIds[i], merchantId] : [productIds[i]];
      const exact = await run(exactClient, selfSql(Boolean(merchantId)), params);
      const t = performance.now();
      const got = await dbPkg.nearestProducts(db.pool, model, { productId: productIds[i], k: K, merchantId });
      helper[key].ms.push(performance.now() - t);
      helper[key].exactMs.push(exact.ms);
      helper[key].recall.push(
        recallAt(
          got.map((r) => ({ id: r.ownerId, dist: 1 - r.score })),
          exact.rows,
        ),
      );
    }
  }

  // ---- Report.
  const ms = (x) => `${x.toFixed(1)} ms`;
  const exactP50 = median(exactMs);
  console.log(
    `knn bench: ${spec.name}@${spec.version} (dim ${spec.dim}), ${products.length} zh/en products in ${merchantCount} merchants, ${queries.length} held-out queries, k = ${K}; pgvector ${settings[0].extversion}`,
  );
  console.log(
    `  embedding ${(products.length / (embedded.ms / 1000)).toFixed(0)} texts/s; COPY ${(products.length / (loaded.ms / 1000)).toFixed(0)} products+vectors/s; ` +
      `index build ${(built.ms / 1000).toFixed(1)} s (maintenance_work_mem 1GB, default ${settings[0].mwm}; ${settings[0].workers} parallel maintenance workers)`,
  );
  console.log(`  exact plan: ${firstNode(exactPlan)}; hnsw plan: ${firstNode(hnswPlan)}`);
  console.log(`  exact (index scans off)         p50 ${ms(exactP50)}  p95 ${ms(quantile(exactMs, 0.95))}`);
  // benchTexts alternates two listings and two short search queries.
  const isListing = (q) => q % 4 < 2;
  for (const [ef, r] of byEf) {
    const listings = r.recall.filter((_, q) => isListing(q));
    const short = r.recall.filter((_, q) => !isListing(q));
    console.log(
      `  hnsw ef_search ${String(ef).padEnd(4)}            p50 ${ms(median(r.ms))}  p95 ${ms(quantile(r.ms, 0.95))}  recall@10 ${mean(r.recall).toFixed(3)} ` +
        `(listings ${mean(listings).toFixed(3)}, short queries ${mean(short).toFixed(3)}; ${r.recall.filter((x) => x < 0.5).length} below 0.5)  speed-up ${(exactP50 / median(r.ms)).toFixed(1)}x`,
    );
  }
  console.log(
    `  filtered (one merchant, ~${(100 / merchantCount).toFixed(1)}% of rows): exact p50 ${ms(median(filtered.exactMs))}  p95 ${ms(quantile(filtered.exactMs, 0.95))}`,
  );
  for (const m of filtered.modes) {
    console.log(
      `    ef_search ${m.ef}, iterative_scan ${m.mode.padEnd(13)} p50 ${ms(median(m.ms))}  p95 ${ms(quantile(m.ms, 0.95))}  recall@10 ${mean(m.recall).toFixed(3)}  rows ${mean(m.rows).toFixed(1)}/${K}  plan ${m.plan}`,
    );
  }
  for (const [key, label] of [
    ["all", "nearestProducts (similarProducts), k 10"],
    ["merchant", "nearestProducts per merchant, k 10"],
  ]) {
    const h = helper[key];
    console.log(
      `  ${label.padEnd(40)} p50 ${ms(median(h.ms))} (exact ${ms(median(h.exactMs))})  recall@10 ${mean(h.recall).toFixed(3)}`,
    );
  }
  const product = byEf.get(PRODUCT_EF) ?? { ms: [], recall: [] };
  const productRecall = mean(product.recall);
  const qps = (msList) => 1000 / median(msList);
  const reaching = EF_SEARCH.find((ef) => mean(byEf.get(ef).recall) >= 0.95);
  console.log(`  smallest ef_search with recall@10 >= 0.95: ${reaching ?? "none of " + EF_SEARCH.join(", ")}`);
  console.log(
    `knn: ${qps(product.ms).toFixed(0)} queries/s via HNSW (ef_search ${PRODUCT_EF}, recall@10 ${productRecall.toFixed(3)}) vs ${qps(exactMs).toFixed(1)} queries/s exact = ${(exactP50 / median(product.ms)).toFixed(1)}x (goal recall >= 0.95${productRecall >= 0.95 ? "" : ", MISSED"})`,
  );
} catch (error) {
  exitCode = 1;
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
} finally {
  await cleanup();
}
process.exit(exitCode);
