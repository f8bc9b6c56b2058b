// `npm run -s truecopy -- <command> [args]`: runs the CLI from the repository root, installing and
// building first if needed. Only the CLI writes to stdout (JSONL exports stay clean); everything
// this wrapper says goes to stderr.
//
// Commands that need the database get one: DATABASE_URL / REDIS_URL when set, else the embedded
// services of a running `npm start` (from .data/run.json), else embedded services started for the
// duration of the command on the same data directories that `npm start` uses.
import { spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { bootstrapOrExit, repoRoot } from "./lib/bootstrap.mjs";
import { dataDir, liveRunState } from "./lib/run-state.mjs";
import { startEmbeddedPostgres, startEmbeddedRedis } from "./lib/services.mjs";

// Every command gets a database except those known to work offline on files.
const OFFLINE_COMMANDS = new Set([
  "help",
  "lint",
  "match",
  "dedupe",
  "generate",
  "analyze",
  "simulate",
  "vision",
  "bench",
  "eval",
]);
// Commands that read or write catalog data on a database we brought up ourselves get the schema first.
const NEEDS_SCHEMA = new Set(["import", "export", "seed"]);

const cliEntry = path.join(repoRoot, "apps", "cli", "dist", "main.js");
const log = (line) => process.stderr.write(`truecopy: ${line}\n`);

// The CLI is in our process group and gets Ctrl-C itself; we wait for it and then clean up.
let child;
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    if (signal !== "SIGINT") child?.kill(signal);
  });
}

function runCli(args, env, stdio) {
  return new Promise((resolve) => {
    child = spawn(process.execPath, [cliEntry, ...args], { cwd: process.cwd(), env, stdio });
    child.once("error", (error) => {
      log(error.message);
      resolve(1);
    });
    child.once("exit", (code, signal) => resolve(code ?? 128 + (os.constants.signals[signal] ?? 0)));
  });
}

async function main() {
  const args = process.argv.slice(2);
  const command = args.find((arg) => !arg.startsWith("-"));
  // Only the CLI and what it imports: a running `npm start` keeps serving its dashboard build.
  await bootstrapOrExit({ quiet: true, log, only: "@truecopy/cli" });

  const env = { ...process.env };
  const services = [];
  let exitCode = 1;
  try {
    if (command && !OFFLINE_COMMANDS.has(command) && !args.includes("--help") && !args.includes("-h")) {
      const running = liveRunState();
      if (!env.DATABASE_URL && running?.databaseUrl) {
        env.DATABASE_URL = running.databaseUrl;
        env.REDIS_URL ??= running.redisUrl;
      }
      let ownDatabase = false;
      if (!env.DATABASE_URL) {
        log("starting embedded PostgreSQL (.data/pg) for this command");
        const postgres = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "pg"), log });
        services.push(postgres);
        env.DATABASE_URL = postgres.url;
        ownDatabase = !postgres.reused;
      }
      if (!env.REDIS_URL) {
        // Persisted like `npm start`'s Redis, so jobs queued now are there when the worker runs.
        const redis = await startEmbeddedRedis({ dir: path.join(dataDir, "redis"), persist: true, log });
        services.push(redis);
        env.REDIS_URL = redis.url;
      }
      if (ownDatabase && NEEDS_SCHEMA.has(command)) {
        const migrated = await runCli(["migrate"], env, ["ignore", 2, 2]);
        if (migrated !== 0) {
          log("migrate failed");
          return;
        }
      }
    }
    exitCode = await runCli(args, env, "inherit");
  } catch (error) {
    log(error?.message ?? String(error));
  } finally {
    for (const service of services.reverse()) await service.stop().catch(() => {});
    process.exit(exitCode);
  }
}

await main();
