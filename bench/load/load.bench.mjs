#!/usr/bin/env node
// Load against the built API (issue "Reliability and security"): GET /serve paced at a fixed rate
// (default 1,000 requests/s for 60 s) must answer every request with 200; GraphQL product queries
// from 100 concurrent keep-alive clients, next to a bare node:http server returning the same JSON
// in the same run. Prints p50/p95/p99 of each and the GraphQL throughput ratio.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import pg from "pg";
import { benchEnv, childEnv } from "../ingest/bench-env.mjs";
import { openBenchDatabase } from "../ingest/bench-database.mjs";
import { killChildren, run, startApi, startServer } from "../lib/processes.mjs";

const USAGE = `node bench/load/load.bench.mjs [--serve-rate R] [--serve-seconds S] [--graphql-clients C] [--graphql-seconds S] [--products P] [--api-dist DIR] [--api-cpu-prof DIR]`;
const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const serveDir = fileURLToPath(new URL("../serve/", import.meta.url));
const cli = path.join(repoRoot, "apps/cli/dist/main.js");
const apiMain = path.join(repoRoot, "apps/api/dist/main.js");
const log = (l) => process.stderr.write(`[load] ${l}\n`);

const { values } = parseArgs({
  options: {
    "serve-rate": { type: "string", default: "1000" },
    "serve-seconds": { type: "string", default: "60" },
    "graphql-clients": { type: "string", default: "100" },
    "graphql-seconds": { type: "string", default: "20" },
    products: { type: "string", default: "500" },
    // Another build of the API (a copy of apps/api/dist), to compare two builds back to back.
    "api-dist": { type: "string" },
    // Writes the API process's V8 CPU profile into DIR when it exits (bench/load/top-frames.mjs reads it).
    "api-cpu-prof": { type: "string" },
    help: { type: "boolean" },
  },
});
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

const load = async (opts) => JSON.parse(await run(path.join(serveDir, "load-child.mjs"), [JSON.stringify(opts)], {}));
const f = (x) => x.toFixed(2);
const line = (name, r) =>
  `${name.padEnd(30)} ${r.rps.toFixed(0).padStart(7)} req/s  p50 ${f(r.p50).padStart(7)} ms  p95 ${f(r.p95).padStart(7)} ms  p99 ${f(r.p99).padStart(7)} ms  ${JSON.stringify(r.statuses)}`;

/** User + system CPU time of process `pid` in ms (from /proc), or null where there is no /proc. */
function processCpuMs(pid) {
  try {
    // Fields after the command name, which is in parentheses and may hold spaces.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
    return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}
// USER_HZ: 100 on every Linux this runs on.
const CLOCK_TICKS_PER_SECOND = 100;

async function main() {
  const { databaseUrl } = benchEnv();
  const db = await openBenchDatabase({ databaseUrl, log });
  const env = childEnv(db.url);
  const pool = new pg.Pool({ connectionString: db.url, max: 2 });
  const slug = `bench-load-${Date.now()}`;
  let api;
  try {
    await run(cli, ["migrate"], env);
    const merchant = JSON.parse(await run(cli, ["merchant:create", "--slug", slug, "--name", "Load bench"], env));
    const serviceKey = JSON.parse(
      await run(cli, ["apikey:create", "--name", `${slug}-key`, "--role", "SERVICE", "--merchant", slug], env),
    ).key;
    // One analyst key per GraphQL client: each key has its own rate limit, as separate callers do.
    const clients = Number(values["graphql-clients"]);
    const analystKeys = [];
    for (let i = 0; i < Math.min(clients, 20); i++)
      analystKeys.push(
        JSON.parse(await run(cli, ["apikey:create", "--name", `${slug}-key`, "--role", "ANALYST"], env)).key,
      );
    const { rows: products } = await pool.query(
      `INSERT INTO "Product" (id, "merchantId", sku, title, description, locale, category, "contentHash", "updatedAt")
       SELECT gen_random_uuid(), $1, 'load-' || i, '智能手表 运动版 ' || i, '1.43英寸屏幕，续航14天，5ATM防水。', 'zh-CN', '智能手表', md5(i::text), now()
       FROM generate_series(1, $2) i RETURNING id`,
      [merchant.id, Number(values.products)],
    );
    await pool.query(
      `INSERT INTO "Variant" (id, "productId", field, locale, text, origin, status, "updatedAt")
       SELECT gen_random_uuid(), p.id, 'DESCRIPTION', 'zh-CN', '1.43英寸屏幕，续航14天，5ATM防水。', 'ORIGINAL', 'PUBLISHED', now()
       FROM unnest($1::uuid[]) AS p(id)`,
      [products.map((p) => p.id)],
    );
    api = await startApi({
      main: values["api-dist"] ? path.resolve(values["api-dist"], "main.js") : apiMain,
      env,
      queuePrefix: slug,
      cpuProfileDir: values["api-cpu-prof"],
    });
    const apiPort = api.port;

    // 1. /serve at a fixed rate: every answer must be a 200.
    const serveRate = Number(values["serve-rate"]);
    const serveSeconds = Number(values["serve-seconds"]);
    log(`GET /serve at ${serveRate} requests/s for ${serveSeconds} s`);
    const serve = await load({
      host: "127.0.0.1",
      port: apiPort,
      path: `/serve/${products[0].id}?segment=${encodeURIComponent("运动")}&shopper=load-1`,
      headers: { authorization: `Bearer ${serviceKey}` },
      connections: 20,
      rate: serveRate,
      seconds: serveSeconds,
    });
    const serveErrors = Object.entries(serve.statuses)
      .filter(([s]) => s !== "200")
      .reduce((n, [, c]) => n + c, 0);

    // 2. GraphQL product queries from many clients, against a constant-JSON server of the same size.
    const query = JSON.stringify({
      query: `{ products(first: 20) { totalCount edges { node { id sku title category } } } }`,
    });
    const probe = await fetch(`http://127.0.0.1:${apiPort}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${analystKeys[0]}` },
      body: query,
    });
    const sample = await probe.text();
    if (probe.status !== 200 || sample.includes('"errors"')) throw new Error(`GraphQL probe failed: ${sample}`);
    // Each key's first use verifies its scrypt hash (tens of ms of CPU, then cached): done before the
    // measured phase, as in an API process that has been running a while.
    for (const key of analystKeys.slice(1))
      await fetch(`http://127.0.0.1:${apiPort}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
        body: query,
      }).then((r) => r.text());
    const graphqlSeconds = Number(values["graphql-seconds"]);
    log(`GraphQL products(first: 20) from ${clients} clients for ${graphqlSeconds} s`);
    const cpuBefore = processCpuMs(api.child.pid);
    const graphql = await load({
      host: "127.0.0.1",
      port: apiPort,
      path: "/graphql",
      method: "POST",
      body: query,
      headers: analystKeys.map((k) => ({ authorization: `Bearer ${k}` })),
      connections: clients,
      seconds: graphqlSeconds,
    });
    // CPU the API process spent per GraphQL request: unlike throughput, barely moved by other work
    // on a shared machine (Linux only; null elsewhere).
    const cpuAfter = processCpuMs(api.child.pid);
    const cpuPerRequest = cpuBefore !== null && cpuAfter !== null ? (cpuAfter - cpuBefore) / graphql.requests : null;
    const base = await startServer(path.join(serveDir, "constant-server.mjs"), [sample], {});
    let baseline;
    try {
      baseline = await load({
        host: "127.0.0.1",
        port: base.port,
        path: "/",
        method: "POST",
        body: query,
        connections: clients,
        seconds: graphqlSeconds,
      });
    } finally {
      base.child.kill("SIGTERM");
    }
    const graphqlErrors = Object.entries(graphql.statuses)
      .filter(([s]) => s !== "200")
      .reduce((n, [, c]) => n + c, 0);

    process.stdout.write(
      `${[
        line(`serve @ ${serveRate}/s × ${serveSeconds} s`, serve),
        line(`graphql × ${clients} clients`, graphql),
        line(`node:http constant × ${clients}`, baseline),
        "",
        `serve: ${serve.requests} requests at ${serve.rps.toFixed(0)}/s, ${serveErrors} errors (goal 0); graphql: ${graphqlErrors} errors, ${graphql.rps.toFixed(0)} req/s vs ${baseline.rps.toFixed(0)} req/s bare node:http = ${(graphql.rps / baseline.rps).toFixed(3)}x, p99 ${f(graphql.p99)} ms${cpuPerRequest === null ? "" : `, API CPU ${cpuPerRequest.toFixed(2)} ms per request`}`,
      ].join("\n")}\n`,
    );
    if (serveErrors || graphqlErrors) process.exitCode = 1;
  } finally {
    api?.child.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 300));
    await pool
      .query(`DELETE FROM "Product" WHERE "merchantId" = (SELECT id FROM "Merchant" WHERE slug = $1)`, [slug])
      .catch(() => undefined);
    await pool.query(`DELETE FROM "ApiKey" WHERE name = $1`, [`${slug}-key`]).catch(() => undefined);
    await pool.query(`DELETE FROM "Merchant" WHERE slug = $1`, [slug]).catch(() => undefined);
    await pool.end();
    await db.drop();
  }
}

main().catch((e) => {
  process.stderr.write(`load bench failed: ${e.stack ?? e}\n`);
  killChildren();
  process.exit(1);
});
