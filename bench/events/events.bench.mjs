#!/usr/bin/env node
// Event ingest: events/s through POST /events of the built API (child process: HTTP, JSON, API-key
// auth, per-event validation, product/merchant/variant checks and the idempotent bulk INSERT, two
// batches of 10,000 in flight) vs a raw `COPY … FROM STDIN` of the same rows into a scratch table
// shaped like "Event" (same columns, defaults and indexes, no foreign keys), in the same run.
import { randomUUID } from "node:crypto";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import pg from "pg";
import copyStreams from "pg-copy-streams";
import { benchEnv, childEnv } from "../ingest/bench-env.mjs";
import { run, runBench, startApi } from "../lib/processes.mjs";
import { median } from "../lib/stats.mjs";
import { openBenchDatabase, removeBenchMerchant } from "../ingest/bench-database.mjs";
import { copyLine } from "../ingest/copy-text.mjs";

const USAGE = `node bench/events/events.bench.mjs [--runs N] [--events N] [--batch N] [--in-flight N]`;
const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const cli = path.join(repoRoot, "apps/cli/dist/main.js");
const apiMain = path.join(repoRoot, "apps/api/dist/main.js");
const GOAL_EVENTS_PER_SECOND = 20_000;
const log = (l) => process.stderr.write(`[events] ${l}\n`);

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "3" },
    events: { type: "string", default: "200000" },
    batch: { type: "string", default: "10000" },
    "in-flight": { type: "string", default: "2" },
    help: { type: "boolean" },
  },
});
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const runs = Number(values.runs);
const total = Number(values.events);
const batchSize = Number(values.batch);
const inFlight = Number(values["in-flight"]);

const TYPES = [
  "impression",
  "impression",
  "impression",
  "impression",
  "impression",
  "impression",
  "click",
  "add_to_cart",
  "impression",
  "purchase",
];
const ENUM = { impression: "IMPRESSION", click: "CLICK", add_to_cart: "ADD_TO_CART", purchase: "PURCHASE" };
const SEGMENTS = ["运动", "健康", "时尚", "价格", "default"];

function makeEvents(runId, slots) {
  const at = new Date().toISOString();
  return Array.from({ length: total }, (_, i) => {
    const s = slots[i % slots.length];
    return {
      id: `${runId}-${i}`,
      type: TYPES[i % TYPES.length],
      productId: s.productId,
      variantId: s.variantId,
      segment: SEGMENTS[i % SEGMENTS.length],
      shopper: `shopper-${i % 5000}`,
      at,
    };
  });
}

async function viaApi(url, key, events) {
  const bodies = [];
  for (let i = 0; i < events.length; i += batchSize)
    bodies.push(JSON.stringify({ events: events.slice(i, i + batchSize) }));
  let next = 0;
  let accepted = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++];
        const res = await fetch(`${url}/events`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
          body,
        });
        const r = await res.json();
        if (res.status !== 200 || r.rejected.length)
          throw new Error(`POST /events: ${res.status} ${JSON.stringify(r).slice(0, 300)}`);
        accepted += r.accepted;
      }
    }),
  );
  return { seconds: (performance.now() - t0) / 1000, accepted };
}

async function viaCopy(pool, table, merchantId, events) {
  const t0 = performance.now();
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const stream = client.query(
      copyStreams.from(
        `COPY "${table}" (id, type, "productId", "variantId", segment, "shopperId", "occurredAt") FROM STDIN`,
      ),
    );
    const chunks = function* () {
      for (let i = 0; i < events.length; i += 1000) {
        let text = "";
        for (const e of events.slice(i, i + 1000))
          text += copyLine([
            `${merchantId}:${e.id}`,
            ENUM[e.type],
            e.productId,
            e.variantId,
            e.segment,
            e.shopper,
            e.at,
          ]);
        yield text;
      }
    };
    await pipeline(Readable.from(chunks()), stream);
    await client.query("COMMIT");
  } finally {
    client.release();
  }
  return { seconds: (performance.now() - t0) / 1000 };
}

async function main() {
  const { databaseUrl } = benchEnv();
  const db = await openBenchDatabase({ databaseUrl, log });
  const env = childEnv(db.url);
  const pool = new pg.Pool({ connectionString: db.url, max: 2 });
  const slug = `bench-events-${Date.now()}`;
  const table = `bench_event_${randomUUID().slice(0, 8)}`;
  let api;
  try {
    await run(cli, ["migrate"], env);
    const merchant = JSON.parse(await run(cli, ["merchant:create", "--slug", slug, "--name", "Events bench"], env));
    const { key } = JSON.parse(
      await run(cli, ["apikey:create", "--name", `${slug}-key`, "--role", "SERVICE", "--merchant", slug], env),
    );
    const { rows: slots } = await pool.query(
      `WITH p AS (
         INSERT INTO "Product" (id, "merchantId", sku, title, description, locale, "contentHash", "updatedAt")
         SELECT gen_random_uuid(), $1, 'ev-' || i, '水杯 ' || i, '水杯', 'zh-CN', md5(i::text), now() FROM generate_series(1, 100) i
         RETURNING id)
       INSERT INTO "Variant" (id, "productId", field, locale, text, origin, status, "updatedAt")
       SELECT gen_random_uuid(), p.id, 'DESCRIPTION', 'zh-CN', o.origin::text, o.origin::"VariantOrigin", 'APPROVED', now()
       FROM p, (VALUES ('ORIGINAL'), ('GENERATED')) AS o(origin)
       RETURNING "productId", id AS "variantId"`,
      [merchant.id],
    );
    await pool.query(`CREATE TABLE "${table}" (LIKE "Event" INCLUDING ALL)`);
    api = await startApi({ main: apiMain, env, queuePrefix: slug });
    const url = api.url;
    // Warm-up: the first batch pays for JIT and connection set-up.
    await viaApi(url, key, makeEvents(`warm-${randomUUID()}`, slots).slice(0, batchSize));
    const results = [];
    for (let r = 0; r < runs; r++) {
      const events = makeEvents(randomUUID(), slots);
      const order = r % 2 ? ["api", "copy"] : ["copy", "api"];
      const res = {};
      for (const which of order) {
        await pool.query("CHECKPOINT");
        res[which] = which === "api" ? await viaApi(url, key, events) : await viaCopy(pool, table, merchant.id, events);
      }
      const stored = await pool.query(
        `SELECT (SELECT count(*)::int FROM "Event" WHERE id LIKE $1) AS api, (SELECT count(*)::int FROM "${table}") AS copy`,
        [`${merchant.id}:${events[0].id.split("-").slice(0, 5).join("-")}-%`],
      );
      if (stored.rows[0].api !== total || stored.rows[0].copy !== total || res.api.accepted !== total)
        throw new Error(`expected ${total} rows on both sides, got ${JSON.stringify(stored.rows[0])}`);
      const row = {
        run: r + 1,
        order: order.join(" > "),
        api: total / res.api.seconds,
        copy: total / res.copy.seconds,
        apiSeconds: res.api.seconds,
        copySeconds: res.copy.seconds,
      };
      results.push(row);
      log(`run ${row.run} (${row.order}): POST /events ${row.api.toFixed(0)}/s, COPY ${row.copy.toFixed(0)}/s`);
      await pool.query(`DELETE FROM "Event" WHERE "productId" IN (SELECT id FROM "Product" WHERE "merchantId" = $1)`, [
        merchant.id,
      ]);
      await pool.query(`TRUNCATE "${table}"`);
    }
    const lines = [
      `run  order          POST /events s  events/s   COPY s   rows/s  ratio`,
      ...results.map(
        (r) =>
          `${String(r.run).padEnd(4)} ${r.order.padEnd(14)} ${r.apiSeconds.toFixed(2).padStart(14)} ${r.api.toFixed(0).padStart(9)} ${r.copySeconds.toFixed(2).padStart(8)} ${r.copy.toFixed(0).padStart(8)}  ${(r.api / r.copy).toFixed(2)}x`,
      ),
    ];
    const a = median(results.map((r) => r.api));
    const c = median(results.map((r) => r.copy));
    lines.push(
      "",
      `${total} events per run in batches of ${batchSize}, ${inFlight} in flight; 100 products × 2 variants, 5 audiences`,
      `events: ${a.toFixed(0)} events/s via POST /events vs ${c.toFixed(0)} rows/s raw COPY = ${(a / c).toFixed(2)}x (goal >= ${GOAL_EVENTS_PER_SECOND} events/s${a >= GOAL_EVENTS_PER_SECOND ? "" : ", missed"})`,
    );
    process.stdout.write(`${lines.join("\n")}\n`);
  } finally {
    api?.child.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 300));
    await pool.query(`DROP TABLE IF EXISTS "${table}"`).catch(() => undefined);
    await removeBenchMerchant(pool, slug);
    await pool.end();
    await db.drop();
  }
}

runBench("events", main);
