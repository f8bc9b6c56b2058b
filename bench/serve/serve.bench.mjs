#!/usr/bin/env node
// /serve throughput and latency: GET /serve/:productId?segment=…&shopper=… through the built API
// (child process: Express, API-key auth, rate limit, cache, Thompson sampling, sticky hashing) vs a
// bare node:http server returning constant JSON of the same size, in the same run. Load comes from a
// third process (load.mjs, raw keep-alive sockets). Prints p50/p95/p99 and the throughput ratio.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import pg from "pg";
import { benchEnv, childEnv } from "../ingest/bench-env.mjs";
import { run, runBench, startApi, startServer } from "../lib/processes.mjs";
import { median } from "../lib/stats.mjs";
import { openBenchDatabase, removeBenchMerchant } from "../ingest/bench-database.mjs";

const USAGE = `node bench/serve/serve.bench.mjs [--runs N] [--seconds S] [--connections C] [--products P] [--cpu-prof DIR]`;
const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const here = fileURLToPath(new URL(".", import.meta.url));
const cli = path.join(repoRoot, "apps/cli/dist/main.js");
const apiMain = path.join(repoRoot, "apps/api/dist/main.js");
const GOAL = 0.5;
const log = (l) => process.stderr.write(`[serve] ${l}\n`);

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "3" },
    seconds: { type: "string", default: "8" },
    connections: { type: "string", default: "16" },
    products: { type: "string", default: "200" },
    // Writes a CPU profile of the API process there (for finding what /serve spends its time on).
    "cpu-prof": { type: "string" },
    help: { type: "boolean" },
  },
});
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const runs = Number(values.runs);
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const productCount = Number(values.products);

const load = async (opts) => JSON.parse(await run(path.join(here, "load-child.mjs"), [JSON.stringify(opts)], {}));

async function main() {
  const { databaseUrl } = benchEnv();
  const db = await openBenchDatabase({ databaseUrl, log });
  const env = childEnv(db.url);
  const pool = new pg.Pool({ connectionString: db.url, max: 2 });
  const slug = `bench-serve-${Date.now()}`;
  let api;
  try {
    await run(cli, ["migrate"], env);
    const merchant = JSON.parse(await run(cli, ["merchant:create", "--slug", slug, "--name", "Serve bench"], env));
    // Four keys spread over the connections: each key has its own rate limit (20,000 requests/s).
    const keys = [];
    for (let i = 0; i < 4; i++)
      keys.push(
        JSON.parse(
          await run(cli, ["apikey:create", "--name", `${slug}-key`, "--role", "SERVICE", "--merchant", slug], env),
        ).key,
      );
    const key = keys[0];
    // Products with an original and three approved variants each.
    const { rows: products } = await pool.query(
      `INSERT INTO "Product" (id, "merchantId", sku, title, description, locale, "contentHash", "updatedAt")
       SELECT gen_random_uuid(), $1, 'serve-' || i, '运动水杯 ' || i, '轻便水杯', 'zh-CN', md5(i::text), now()
       FROM generate_series(1, $2) i RETURNING id`,
      [merchant.id, productCount],
    );
    await pool.query(
      `INSERT INTO "Variant" (id, "productId", field, locale, text, origin, status, emphasis, style, "updatedAt")
       SELECT gen_random_uuid(), p.id, 'DESCRIPTION', 'zh-CN', v.text, v.origin::"VariantOrigin", v.status::"VariantStatus", v.emphasis, v.style, now()
       FROM unnest($1::uuid[]) AS p(id),
            (VALUES ('轻便水杯，容量 500 毫升，适合日常使用。', 'ORIGINAL', 'PUBLISHED', '{}'::text[], NULL),
                    ('运动时随手一握，500 毫升刚好一次训练。', 'GENERATED', 'APPROVED', '{运动}', '活泼'),
                    ('平价好用的 500 毫升水杯。', 'GENERATED', 'APPROVED', '{价格}', '简洁'),
                    ('不含双酚 A，喝水更安心。', 'GENERATED', 'APPROVED', '{健康}', '专业')) AS v(text, origin, status, emphasis, style)`,
      [products.map((p) => p.id)],
    );
    api = await startApi({ main: apiMain, env, queuePrefix: slug, cpuProfileDir: values["cpu-prof"] });
    const apiPort = api.port;
    const headers = { authorization: `Bearer ${key}` };
    const path0 = `/serve/${products[0].id}?segment=运动&shopper=bench-1`;
    const probe = await fetch(`http://127.0.0.1:${apiPort}${path0}`, { headers });
    const sample = await probe.text();
    if (probe.status !== 200) throw new Error(`/serve answered ${probe.status}: ${sample}`);
    const base = await startServer(path.join(here, "constant-server.mjs"), [sample], {});
    try {
      // Warm every product into the cache so the measured path is the hot one.
      for (const p of products)
        await fetch(`http://127.0.0.1:${apiPort}/serve/${p.id}?segment=运动`, { headers }).then((r) => r.text());
      const rows = [];
      for (let r = 0; r < runs; r++) {
        const order = r % 2 ? ["serve", "baseline"] : ["baseline", "serve"];
        const res = {};
        for (const which of order) {
          res[which] =
            which === "serve"
              ? await load({
                  host: "127.0.0.1",
                  port: apiPort,
                  path: `/serve/${products[r % products.length].id}?segment=${encodeURIComponent("运动")}&shopper=bench-${r}`,
                  headers: keys.map((k) => ({ authorization: `Bearer ${k}` })),
                  connections,
                  seconds,
                })
              : await load({ host: "127.0.0.1", port: base.port, path: "/", connections, seconds });
          log(
            `run ${r + 1} ${which}: ${res[which].rps.toFixed(0)} req/s p99 ${res[which].p99.toFixed(2)} ms ${JSON.stringify(res[which].statuses)}`,
          );
        }
        if (Object.keys(res.serve.statuses).some((s) => s !== "200"))
          throw new Error(`non-200 answers: ${JSON.stringify(res.serve.statuses)}`);
        rows.push({
          run: r + 1,
          order: order.join(" > "),
          ...Object.fromEntries(Object.entries(res).flatMap(([k, v]) => [[k, v]])),
        });
      }
      // Latency at a moderate load (a shop's product pages, not a flood).
      const moderate = await load({
        host: "127.0.0.1",
        port: apiPort,
        path: `/serve/${products[1].id}?segment=${encodeURIComponent("健康")}&shopper=bench-m`,
        headers,
        connections: 4,
        seconds,
      });
      const f = (x) => x.toFixed(2);
      const lines = [
        `run  order                 serve req/s  p50 ms  p95 ms  p99 ms   node:http req/s  p50 ms  p95 ms  p99 ms  ratio`,
        ...rows.map(
          (r) =>
            `${String(r.run).padEnd(4)} ${r.order.padEnd(21)} ${r.serve.rps.toFixed(0).padStart(11)} ${f(r.serve.p50).padStart(7)} ${f(r.serve.p95).padStart(7)} ${f(r.serve.p99).padStart(7)}   ${r.baseline.rps.toFixed(0).padStart(15)} ${f(r.baseline.p50).padStart(7)} ${f(r.baseline.p95).padStart(7)} ${f(r.baseline.p99).padStart(7)}  ${(r.serve.rps / r.baseline.rps).toFixed(2)}x`,
        ),
      ];
      const s = median(rows.map((r) => r.serve.rps));
      const b = median(rows.map((r) => r.baseline.rps));
      lines.push(
        "",
        `${connections} connections, ${seconds} s per measurement, ${productCount} products × 4 variants, response ${sample.length} bytes`,
        `moderate load (4 connections): ${moderate.rps.toFixed(0)} req/s, p50 ${f(moderate.p50)} ms, p95 ${f(moderate.p95)} ms, p99 ${f(moderate.p99)} ms (goal p99 <= 10 ms)`,
        `serve: ${s.toFixed(0)} req/s via GET /serve vs ${b.toFixed(0)} req/s bare node:http constant JSON = ${(s / b).toFixed(2)}x (goal >= ${GOAL}x)`,
      );
      process.stdout.write(`${lines.join("\n")}\n`);
    } finally {
      base.child.kill("SIGTERM");
    }
  } finally {
    api?.child.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 300));
    await removeBenchMerchant(pool, slug);
    await pool.end();
    await db.drop();
  }
}

runBench("serve", main);
