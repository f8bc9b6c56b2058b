// `npm test`: the whole suite (unit, integration, browser) on embedded services unless
// DATABASE_URL / REDIS_URL point elsewhere. The last line printed is `N passed, N failed`
// (`, N skipped` when any); the exit code is non-zero when anything failed or nothing ran.
//
// Extra arguments go to vitest: `npm test -- packages/core` or `npm test -- --project unit`.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { bootstrapOrExit, repoRoot } from "./lib/bootstrap.mjs";
import { ensureChromium } from "./lib/browser.mjs";
import { databaseNameOf, startEmbeddedPostgres, startEmbeddedRedis } from "./lib/services.mjs";
import { addCounts, countsFromReport, emptyCounts, formatSummary, isSuccess } from "./lib/vitest-summary.mjs";

const PROJECTS = ["unit", "integration", "browser"];

// Suites that run after the main projects and add to the same closing line, e.g. fault-injection
// suites: `{ name: "faults", args: ["--config", "vitest.faults.config.ts"] }` (vitest arguments).
const EXTRA_SUITES = [];

const log = (line) => process.stderr.write(`test: ${line}\n`);
const vitestEntry = path.join(repoRoot, "node_modules", "vitest", "vitest.mjs");
const cliEntry = path.join(repoRoot, "apps", "cli", "dist", "main.js");

let interrupted = false;
let activeChild;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    interrupted = true;
    // Ctrl-C reaches vitest through the terminal; SIGTERM from a supervisor does not.
    if (signal === "SIGTERM") activeChild?.kill("SIGTERM");
  });
}

function runChild(command, args, env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: repoRoot, env, stdio: ["ignore", "inherit", "inherit"] });
    activeChild = child;
    child.once("error", (error) => resolve({ code: null, signal: null, error }));
    child.once("exit", (code, signal) => {
      activeChild = undefined;
      resolve({ code, signal });
    });
  });
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

async function runVitest({ label, args, env, tmpDir }) {
  const reportPath = path.join(tmpDir, `${label}.json`);
  const result = await runChild(
    process.execPath,
    [
      vitestEntry,
      "run",
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${reportPath}`,
      "--passWithNoTests",
      ...args,
    ],
    env,
  );
  return countsFromReport(readJson(reportPath), { exitCode: result.code, signal: result.signal, label });
}

/** Counts the browser tests that cannot run here, so that they show up as skipped. */
async function countBrowserTests(env, tmpDir) {
  const listPath = path.join(tmpDir, "browser-list.json");
  const result = await new Promise((resolve) => {
    const child = spawn(process.execPath, [vitestEntry, "list", "--project", "browser", `--json=${listPath}`], {
      cwd: repoRoot,
      env,
      stdio: ["ignore", "ignore", "ignore"],
    });
    child.once("exit", (code) => resolve(code));
    child.once("error", () => resolve(null));
  });
  const listed = readJson(listPath);
  if (result === 0 && Array.isArray(listed)) return listed.length;
  // Listing imports the files; if that fails, count files (at least one test each).
  const e2eDir = path.join(repoRoot, "apps", "dashboard", "e2e");
  if (!fs.existsSync(e2eDir)) return 0;
  return fs.readdirSync(e2eDir, { recursive: true }).filter((file) => String(file).endsWith(".e2e.test.ts")).length;
}

async function main() {
  const userArgs = process.argv.slice(2);
  // Tests write and delete data: never against a database that is not a test one.
  if (process.env.DATABASE_URL) {
    const name = databaseNameOf(process.env.DATABASE_URL);
    if (!name?.endsWith("_test")) {
      log(
        `refusing to run: DATABASE_URL names database "${name ?? ""}"; tests need a database whose name ends with _test`,
      );
      process.stdout.write(`${formatSummary({ passed: 0, failed: 1, skipped: 0 })}\n`);
      process.exit(1);
    }
  }
  await bootstrapOrExit({});
  const services = [];
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "truecopy-test-"));
  let counts = emptyCounts();
  let exitCode = 1;
  try {
    let databaseUrl = process.env.DATABASE_URL;
    if (!databaseUrl) {
      log("starting embedded PostgreSQL (in memory)");
      const postgres = await startEmbeddedPostgres({ database: "truecopy_test", log });
      services.push(postgres);
      databaseUrl = postgres.url;
    }
    let redisUrl = process.env.REDIS_URL;
    if (!redisUrl) {
      log("starting embedded Redis");
      const redis = await startEmbeddedRedis({ persist: false, log });
      services.push(redis);
      redisUrl = redis.url;
    }

    const env = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      NODE_ENV: "test",
      // One BullMQ key space per run: parallel runs and leftovers from earlier runs never meet.
      TRUECOPY_QUEUE_PREFIX: `truecopy-test-${Date.now().toString(36)}-${process.pid}`,
      PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1",
      ONNXRUNTIME_NODE_INSTALL: "skip",
      NEXT_TELEMETRY_DISABLED: "1",
      CHECKPOINT_DISABLE: "1",
    };

    log(`migrating ${databaseUrl.replace(/\/\/[^@/]*@/, "//")}`);
    const migrate = await runChild(process.execPath, [cliEntry, "migrate"], env);
    if (migrate.code !== 0) {
      counts.failed = 1;
      counts.notes.push(`migrate failed (${migrate.error?.message ?? migrate.signal ?? `exit ${migrate.code}`})`);
      return;
    }

    const userChoseProjects = userArgs.some((arg) => arg === "--project" || arg.startsWith("--project="));
    let projects = PROJECTS;
    if (!userChoseProjects) {
      const chromium = ensureChromium({ log });
      if (!chromium.available) {
        projects = PROJECTS.filter((name) => name !== "browser");
        const skipped = await countBrowserTests(env, tmpDir);
        log(`skipping the browser tests (${skipped}): ${chromium.reason}`);
        counts.skipped += skipped;
        if (skipped > 0) counts.notes.push(`${skipped} browser tests skipped: ${chromium.reason}`);
      }
    }
    const projectArgs = userChoseProjects ? [] : projects.flatMap((name) => ["--project", name]);
    counts = addCounts(counts, await runVitest({ label: "vitest", args: [...projectArgs, ...userArgs], env, tmpDir }));

    if (userArgs.length === 0) {
      for (const suite of EXTRA_SUITES) {
        if (interrupted) break;
        log(`running extra suite ${suite.name}`);
        counts = addCounts(counts, await runVitest({ label: suite.name, args: suite.args, env, tmpDir }));
      }
    }
    if (interrupted) counts.notes.push("interrupted");
    exitCode = isSuccess(counts) ? 0 : 1;
    if (counts.failed === 0 && counts.passed === 0) counts.notes.push("no test ran");
  } catch (error) {
    counts.failed += 1;
    counts.notes.push(error?.message ?? String(error));
  } finally {
    for (const service of services.reverse()) {
      try {
        await service.stop();
      } catch (error) {
        log(`stopping ${service.name} failed: ${error.message}`);
      }
    }
    fs.rmSync(tmpDir, { recursive: true, force: true });
    for (const note of counts.notes) process.stdout.write(`note: ${note}\n`);
    // Must stay the very last line.
    process.stdout.write(`${formatSummary(counts)}\n`);
    process.exit(exitCode);
  }
}

await main();
