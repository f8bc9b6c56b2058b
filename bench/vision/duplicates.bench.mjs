#!/usr/bin/env node
// The near-duplicate image lookup of a merchant with 200,000 images, through the GIN index over
// image_hash_blocks(phash), against scanning the merchant's images, same database, same run:
//   catalog  — one merchant with --images images (1–4 per product) and --others merchants of 5,000
//              images each, loaded with COPY. pHashes are random 64-bit values except for
//              near-duplicate clusters (a fifth of the images: a picture re-used with 0–10 bits
//              changed, most within DUPLICATE_MAX_DISTANCE) and a placeholder picture shared by
//              0.5 % of the images; the other merchants re-use some of the large merchant's pictures;
//   index    — findDuplicateImages (built @truecopy/db) as the worker and the API call it, batches
//              of 8 images (a vision job);
//   scan     — the same call on a connection with bitmap scans off: GIN has no other scan, so the
//              planner walks the merchant's products and images as the statement did before the
//              index. EXPLAIN checks that one plan reads ProductImage_phash_blocks_idx and the other
//              does not, and both must return the same duplicates.
// Also timed, for information: a batch of a merchant with 5,000 images (whose plan walks its
// products either way). Runs alternate the order of the two sides; medians; the last line is the ratio.
//
//   pnpm turbo run build --filter @truecopy/db...
//   DATABASE_URL=postgres://…/<name>_test node bench/vision/duplicates.bench.mjs [--images 200000]
//     [--others 20] [--batches 2] [--runs 3] [--keep]
import { randomUUID } from "node:crypto";
import { dirname, join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { pathToFileURL } from "node:url";
import copyStreams from "pg-copy-streams";
import { copyLine } from "../ingest/copy-text.mjs";
import { openBenchDatabase, removeBenchMerchants } from "../ingest/bench-database.mjs";
import { benchEnv } from "../ingest/bench-env.mjs";
import { numberArg, requireBuilt } from "../lib/built.mjs";
import { median, time } from "../lib/stats.mjs";

const root = join(dirname(new URL(import.meta.url).pathname), "../..");
const dbFile = join(root, "packages/db/dist/index.js");
requireBuilt([dbFile], {
  usage: [
    "node bench/vision/duplicates.bench.mjs [--images 200000] [--others 20] [--batches 2] [--runs 3] [--keep]",
    "  --others   merchants of 5,000 images each beside the large one",
    "  --batches  lookups of 8 images per run and side",
    "  --keep     leave the seeded rows in DATABASE_URL's database (for EXPLAIN experiments)",
  ].join("\n"),
  build: "pnpm turbo run build --filter @truecopy/db...",
});
const images = numberArg("--images", 200_000);
const others = numberArg("--others", 20);
const batches = numberArg("--batches", 2);
const runs = numberArg("--runs", 3);
const keep = process.argv.includes("--keep");
for (const [flag, n] of [
  ["--images", images],
  ["--others", others],
  ["--batches", batches],
  ["--runs", runs],
]) {
  if (!Number.isInteger(n) || n < (flag === "--others" ? 0 : 1)) {
    console.error(`${flag} needs a positive integer, got ${n}`);
    process.exit(2);
  }
}
const OTHER_IMAGES = 5_000;
const BATCH = 8;
const INDEX = "ProductImage_phash_blocks_idx";

const dbPkg = await import(pathToFileURL(dbFile).href);
const log = (m) => process.stderr.write(`${m}\n`);

// Deterministic catalog: the same hashes every run.
let seed = 0x2545f491;
const random = () => {
  seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
  return seed / 2 ** 32;
};
const word = () => Math.floor(random() * 2 ** 32) >>> 0;
const randomHash = () => ({ hi: word(), lo: word() });
const hex = (h) => h.hi.toString(16).padStart(8, "0") + h.lo.toString(16).padStart(8, "0");
/** `bits` distinct random bits flipped. */
const nearCopy = (h, bits) => {
  const at = new Set();
  while (at.size < bits) at.add(Math.floor(random() * 64));
  let { hi, lo } = h;
  for (const b of at) {
    if (b < 32) lo ^= 1 << b;
    else hi ^= 1 << (b - 32);
  }
  return { hi: hi >>> 0, lo: lo >>> 0 };
};
// How far a re-used picture drifts: mostly within DUPLICATE_MAX_DISTANCE (6), some just beyond.
const drift = () => {
  const r = random();
  return r < 0.3
    ? 0
    : r < 0.7
      ? 1 + Math.floor(random() * 3)
      : r < 0.9
        ? 4 + Math.floor(random() * 3)
        : 7 + Math.floor(random() * 4);
};

/** Products (1–4 images each) and their images' hashes for one merchant. */
function catalog({ count, bases, placeholder, reuse }) {
  const products = [];
  const rows = [];
  for (let p = 0; rows.length < count; p++) {
    const productId = randomUUID();
    products.push({ id: productId, sku: `dup-${String(p).padStart(7, "0")}` });
    const k = Math.min(1 + Math.floor(random() * 4), count - rows.length);
    for (let position = 0; position < k; position++) {
      const r = random();
      const h =
        r < 0.005
          ? placeholder
          : r < 0.005 + reuse
            ? nearCopy(bases[Math.floor(random() * bases.length)], drift())
            : randomHash();
      rows.push({ id: randomUUID(), productId, position, phash: hex(h), clustered: r < 0.005 + reuse });
    }
  }
  return { products, images: rows };
}


const bench = await openBenchDatabase({ databaseUrl: benchEnv().databaseUrl, log });
let db;
const merchantIds = [];
const held = [];
let exitCode = 0;
const cleanup = async () => {
  for (const c of held.splice(0)) c.release();
  if (db && merchantIds.length && !bench.created && !keep) {
    // A shared _test database: remove exactly what this run wrote (images go with their products).
    await removeBenchMerchants(db.pool, merchantIds);
  }
  await db?.close();
  await bench.drop();
};
process.on("SIGINT", () => cleanup().finally(() => process.exit(130)));

try {
  await dbPkg.migrate(bench.url);
  db = dbPkg.createDatabase(bench.url, { poolMax: 4, applicationName: "truecopy-duplicates-bench" });
  const { rows: found } = await db.pool.query(`SELECT indexdef FROM pg_indexes WHERE indexname = $1`, [INDEX]);
  if (found.length !== 1) throw new Error(`no index ${INDEX}: is its migration missing?`);
  log(`index: ${found[0].indexdef}`);

  const tag = randomUUID().slice(0, 8);
  const bases = Array.from({ length: Math.max(1, Math.floor(images * 0.04)) }, randomHash);
  const placeholder = randomHash();
  const large = catalog({ count: images, bases, placeholder, reuse: 0.2 });
  const small = Array.from({ length: others }, () => catalog({ count: OTHER_IMAGES, bases, placeholder, reuse: 0.05 }));
  for (let m = 0; m <= others; m++)
    merchantIds.push(
      await dbPkg.ensureMerchant(db.pool, { slug: `dup-bench-${tag}-${m}`, name: `Duplicates bench ${m}` }),
    );

  log(`loading ${images} images of one merchant and ${others} × ${OTHER_IMAGES} of others with COPY…`);
  const loaded = await time(async () => {
    const client = await db.pool.connect();
    try {
      const now = new Date().toISOString();
      const all = [large, ...small];
      const chunks = function* (lines) {
        let chunk = "";
        for (const line of lines) {
          chunk += line;
          if (chunk.length > 1 << 20) {
            yield chunk;
            chunk = "";
          }
        }
        if (chunk) yield chunk;
      };
      await pipeline(
        Readable.from(
          chunks(
            (function* () {
              for (const [m, c] of all.entries())
                for (const p of c.products) yield copyLine([p.id, merchantIds[m], p.sku, p.sku, "", "h", now]);
            })(),
          ),
        ),
        client.query(
          copyStreams.from(
            `COPY "Product" (id, "merchantId", sku, title, description, "contentHash", "updatedAt") FROM STDIN`,
          ),
        ),
      );
      await pipeline(
        Readable.from(
          chunks(
            (function* () {
              for (const c of all)
                for (const i of c.images)
                  yield copyLine([i.id, i.productId, i.position, `https://img.bench/${i.id}.jpg`, i.phash]);
            })(),
          ),
        ),
        client.query(copyStreams.from(`COPY "ProductImage" (id, "productId", position, url, phash) FROM STDIN`)),
      );
    } finally {
      client.release();
    }
    await db.pool.query(`VACUUM ANALYZE "Product"`);
    await db.pool.query(`VACUUM ANALYZE "ProductImage"`);
  });
  const { rows: counted } = await db.pool.query(
    `SELECT p."merchantId", count(*)::int AS n FROM "ProductImage" i JOIN "Product" p ON p.id = i."productId"
     WHERE p."merchantId" = ANY($1::uuid[]) GROUP BY 1`,
    [merchantIds],
  );
  const countOf = new Map(counted.map((r) => [r.merchantId, r.n]));
  if (countOf.get(merchantIds[0]) !== images || merchantIds.slice(1).some((id) => countOf.get(id) !== OTHER_IMAGES))
    throw new Error(`stored ${JSON.stringify(counted)}, expected ${images} and ${others} × ${OTHER_IMAGES}`);
  log(`loaded in ${(loaded.ms / 1000).toFixed(1)} s`);

  // Lookups as vision jobs make them: 8 images, most of them re-used pictures (the case that finds
  // something), some random.
  const pick = (list, n) => Array.from({ length: n }, () => list[Math.floor(random() * list.length)].id);
  const clustered = large.images.filter((i) => i.clustered);
  const lookups = Array.from({ length: batches }, () => [...pick(clustered, 6), ...pick(large.images, 2)]);
  const smallLookup = others ? pick(small[0].images, BATCH) : null;

  const indexClient = await db.pool.connect();
  held.push(indexClient);
  const scanClient = await db.pool.connect();
  held.push(scanClient);
  await scanClient.query(`SET enable_bitmapscan = off`);

  const plan = async (client, ids) => {
    let last;
    const capture = { query: (sql, params) => ((last = { sql, params }), client.query(sql, params)) };
    await dbPkg.findDuplicateImages(capture, ids);
    const { rows } = await client.query(`EXPLAIN ${last.sql}`, last.params);
    return rows.map((r) => r["QUERY PLAN"]).join("\n");
  };
  const indexPlan = await plan(indexClient, lookups[0]);
  const scanPlan = await plan(scanClient, lookups[0]);
  log(`\nEXPLAIN through the index:\n${indexPlan}\n\nEXPLAIN of the scan:\n${scanPlan}\n`);
  if (!indexPlan.includes(INDEX) || scanPlan.includes(INDEX)) {
    console.error(`expected the index side to read ${INDEX} and the scan side not to`);
    exitCode = 1;
  }

  const same = (a, b) => JSON.stringify([...a]) === JSON.stringify([...b]);
  let duplicates = 0;
  const sides = {
    index: (ids) => dbPkg.findDuplicateImages(indexClient, ids),
    scan: (ids) => dbPkg.findDuplicateImages(scanClient, ids),
  };
  const samples = { index: [], scan: [], "index small": [], "scan small": [] };
  for (let run = 1; run <= runs; run++) {
    const order = run % 2 ? ["index", "scan"] : ["scan", "index"];
    for (const [b, ids] of lookups.entries()) {
      const got = {};
      for (const side of order) {
        const t = await time(() => sides[side](ids));
        samples[side].push(t.ms);
        got[side] = t.r;
      }
      if (!same(got.index, got.scan)) throw new Error(`batch ${b}: the index and the scan found different duplicates`);
      if (run === 1) duplicates += [...got.index.values()].reduce((n, d) => n + d.length, 0);
    }
    if (smallLookup) {
      const got = {};
      for (const side of order) {
        const t = await time(() => sides[side](smallLookup));
        samples[`${side} small`].push(t.ms);
        got[side] = t.r;
      }
      if (!same(got.index, got.scan))
        throw new Error("small merchant: the index and the scan found different duplicates");
    }
    log(
      `run ${run}: ${Object.entries(samples)
        .map(([n, s]) => `${n} ${s.at(-1)?.toFixed(1)} ms`)
        .join(", ")}`,
    );
  }
  // The clustered images have near copies: finding none would mean a broken lookup, not a fast one.
  if (duplicates < batches * 4) throw new Error(`only ${duplicates} duplicates found for ${batches * BATCH} images`);

  const index = median(samples.index);
  const scan = median(samples.scan);
  if (smallLookup)
    console.log(
      `a merchant with ${OTHER_IMAGES} images, ${BATCH} per lookup: ${median(samples["index small"]).toFixed(1)} ms with the index available vs ${median(samples["scan small"]).toFixed(1)} ms without`,
    );
  console.log(
    `${batches * BATCH} lookups (${duplicates} duplicates found, identical on both sides) among ${images} images of one merchant and ${others * OTHER_IMAGES} of ${others} others`,
  );
  console.log(
    `duplicates: ${BATCH} images in ${index.toFixed(1)} ms via the pHash block index vs ${scan.toFixed(1)} ms scanning the merchant's images = ${(scan / index).toFixed(1)}x faster (goal >= 10x)`,
  );
} catch (e) {
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  exitCode = 1;
} finally {
  await cleanup();
}
process.exit(exitCode);
