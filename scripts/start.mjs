// `npm start`: install and build what is missing, bring up the database and Redis (embedded unless
// DATABASE_URL / REDIS_URL are set), migrate, seed the demo catalog, then run api, worker and
// dashboard until Ctrl-C. Stops everything in order: dashboard, api, worker, Redis, PostgreSQL.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import readline from "node:readline";
import { bootstrapOrExit, repoRoot } from "./lib/bootstrap.mjs";
import { ProcessGroup } from "./lib/process-group.mjs";
import { clearRunState, cleanUpLeftovers, dataDir, liveRunState, writeRunState } from "./lib/run-state.mjs";
import { canConnect, findFreePort, startEmbeddedPostgres, startEmbeddedRedis, waitForHttp } from "./lib/services.mjs";

const API_PORT = Number(process.env.API_PORT ?? 4000);
const DASHBOARD_PORT = 3000;
const apiUrl = `http://localhost:${API_PORT}`;
const dashboardUrl = `http://localhost:${DASHBOARD_PORT}`;
const STOP_ORDER = ["dashboard", "api", "worker", "redis", "postgres"];

const log = (line) => process.stdout.write(`[start]      ${line}\n`);
const cliEntry = path.join(repoRoot, "apps", "cli", "dist", "main.js");

let shuttingDown = false;
const group = new ProcessGroup({
  onUnexpectedExit: (name, { code, signal, error }) => {
    void shutdown(1, `${name} stopped unexpectedly (${error?.message ?? signal ?? `exit code ${code}`})`);
  },
});
const state = { pid: process.pid, startedAt: new Date().toISOString(), status: "starting", children: [] };

async function shutdown(exitCode, reason) {
  if (shuttingDown) return;
  shuttingDown = true;
  if (reason) log(reason);
  log("stopping…");
  await group.stopAll({ order: STOP_ORDER, log });
  clearRunState();
  log(exitCode === 0 ? "stopped" : `stopped because ${reason ?? "of an error"}`);
  process.exit(exitCode);
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => void shutdown(0));
}

function recordChild(name, pid, match) {
  state.children.push({ name, pid, match });
  writeRunState(state);
}

/** Runs a CLI command to completion with prefixed output; resolves with its stdout lines. */
function runCli(name, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliEntry, ...args], {
      cwd: repoRoot,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const lines = [];
    const prefix = `[${name}]`.padEnd(12);
    readline.createInterface({ input: child.stdout }).on("line", (line) => {
      lines.push(line);
      process.stdout.write(`${prefix} ${line}\n`);
    });
    readline.createInterface({ input: child.stderr }).on("line", (line) => process.stdout.write(`${prefix} ${line}\n`));
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      if (code === 0) resolve(lines);
      else reject(new Error(`\`truecopy ${args.join(" ")}\` failed (${signal ?? `exit code ${code}`})`));
    });
  });
}

/** The seed prints one JSON object (admin login, API key, counts); show it readably. */
function demoAccessLines(seedOutput) {
  const apiKeyFromEnv = process.env.DEMO_API_KEY;
  let seed;
  for (const line of [...seedOutput].reverse()) {
    try {
      seed = JSON.parse(line);
      break;
    } catch {
      // not the summary line
    }
  }
  if (!seed || typeof seed !== "object") {
    return ["Demo access (from the seed):", ...seedOutput.filter((line) => line.trim()).map((line) => `  ${line}`)];
  }
  const apiKey = apiKeyFromEnv ?? seed.apiKey;
  const lines = ["Demo access:"];
  if (seed.admin) lines.push(`  Admin login   ${seed.admin.email} / ${seed.admin.password}`);
  lines.push(
    apiKey
      ? `  API key       ${apiKey}   (header: Authorization: Bearer <key>)`
      : "  API key       created by an earlier run and stored hashed; set DEMO_API_KEY to choose a known one",
  );
  const products = typeof seed.products === "number" ? seed.products : seed.products?.received;
  if (typeof products === "number") lines.push(`  Catalog       ${products} demo products`);
  return lines;
}

async function ensurePortFree(port, what) {
  if (await canConnect({ port })) {
    throw new Error(`port ${port} (${what}) is already in use; stop whatever listens there and try again`);
  }
}

async function main() {
  const running = liveRunState();
  if (running) {
    log(
      `truecopy is already running (pid ${running.pid}): ${running.apiUrl ?? apiUrl}/graphql, ${running.dashboardUrl ?? dashboardUrl}`,
    );
    process.exit(1);
  }
  await cleanUpLeftovers({ log });
  await bootstrapOrExit({});
  if (shuttingDown) return;

  await ensurePortFree(API_PORT, "api");
  await ensurePortFree(DASHBOARD_PORT, "dashboard");

  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    log("starting embedded PostgreSQL (PGlite + pgvector), data in .data/pg");
    const postgres = await startEmbeddedPostgres({
      dataDir: path.join(dataDir, "pg"),
      port: await findFreePort({ preferred: 54329 }),
      log,
    });
    if (postgres.reused) {
      throw new Error(
        `the embedded database in .data/pg is in use by pid ${postgres.pid} (a truecopy command?); wait for it to finish`,
      );
    }
    group.add(postgres);
    recordChild("postgres", postgres.pid, "pglite-server.mjs");
    databaseUrl = postgres.url;
  }
  let redisUrl = process.env.REDIS_URL;
  if (!redisUrl) {
    log("starting embedded Redis, data in .data/redis");
    const redis = await startEmbeddedRedis({
      dir: path.join(dataDir, "redis"),
      persist: true,
      port: await findFreePort({ preferred: 63799 }),
      log,
    });
    group.add(redis);
    recordChild("redis", redis.pid, "redis-server");
    redisUrl = redis.url;
  }
  Object.assign(state, {
    databaseUrl,
    redisUrl,
    apiUrl,
    dashboardUrl,
    embedded: { postgres: !process.env.DATABASE_URL, redis: !process.env.REDIS_URL },
  });
  writeRunState(state);
  if (shuttingDown) return;

  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    NODE_ENV: process.env.NODE_ENV ?? "production",
    // The local GraphQL IDE (and introspection) are part of the demo; production deployments
    // leave this unset and get neither.
    GRAPHQL_INTROSPECTION: process.env.GRAPHQL_INTROSPECTION ?? "1",
    API_PORT: String(API_PORT),
    API_URL: `http://127.0.0.1:${API_PORT}`,
    NEXT_TELEMETRY_DISABLED: "1",
  };

  await runCli("migrate", ["migrate"], env);
  const seedOutput = await runCli("seed", ["seed"], env);
  if (shuttingDown) return;

  const nextBin = createRequire(path.join(repoRoot, "apps/dashboard/package.json")).resolve("next/dist/bin/next");
  const worker = group.spawn({
    log,
    name: "worker",
    command: process.execPath,
    args: [path.join(repoRoot, "apps/worker/dist/main.js")],
    cwd: repoRoot,
    env,
  });
  recordChild("worker", worker.child.pid, "apps/worker/dist/main.js");
  const api = group.spawn({
    log,
    name: "api",
    command: process.execPath,
    args: [path.join(repoRoot, "apps/api/dist/main.js")],
    cwd: repoRoot,
    env,
  });
  recordChild("api", api.child.pid, "apps/api/dist/main.js");
  const dashboard = group.spawn({
    log,
    name: "dashboard",
    command: process.execPath,
    args: [nextBin, "start", "-p", String(DASHBOARD_PORT)],
    cwd: path.join(repoRoot, "apps/dashboard"),
    env,
  });
  recordChild("dashboard", dashboard.child.pid, "next");

  const anyExit = Promise.race([worker.exited, api.exited, dashboard.exited]).then(() => "a process exited");
  await Promise.all([
    waitForHttp(`http://127.0.0.1:${API_PORT}/readyz`, { accept: (status) => status === 200, abort: anyExit }),
    waitForHttp(`http://127.0.0.1:${DASHBOARD_PORT}/`, { abort: anyExit }),
  ]);
  if (shuttingDown) return;
  state.status = "running";
  writeRunState(state);

  const banner = [
    "",
    "truecopy is running",
    `  GraphQL API   ${apiUrl}/graphql`,
    `  Dashboard     ${dashboardUrl}`,
    `  Database      ${databaseUrl.replace(/\/\/[^@/]*@/, "//")}${process.env.DATABASE_URL ? "" : "  (embedded)"}`,
    `  Redis         ${redisUrl}${process.env.REDIS_URL ? "" : "  (embedded)"}`,
    "",
    ...demoAccessLines(seedOutput),
    "",
    "Press Ctrl-C to stop.",
    "",
  ];
  process.stdout.write(`${banner.join("\n")}\n`);
}

main().catch((error) => void shutdown(1, error?.message ?? String(error)));
