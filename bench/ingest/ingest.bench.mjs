#!/usr/bin/env node
// Ingest throughput: products/s through `truecopy import` (the built CLI, as a user runs it) as a
// ratio of a raw COPY of the same rows measured in the same run. Machines here are noisy, so the
// figure is the ratio of medians over alternating runs, never an absolute threshold.
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import pg from "pg";
import { benchEnv, childEnv } from "./bench-env.mjs";
import { openBenchDatabase } from "./bench-database.mjs";
import { writeCatalogFile } from "./catalog-file.mjs";
import { copyBaseline, countScratchRows, createScratchTables, dropScratchTables } from "./copy-baseline.mjs";
import { countMerchantCatalog, createBenchMerchant, removeBenchMerchant, runCli, runCliOk } from "./cli-import.mjs";
import { median } from "../lib/stats.mjs";
import { ingestReport } from "./ingest-report.mjs";

const USAGE = `node bench/ingest/ingest.bench.mjs [--rows N] [--runs N] [--seed N] [--batch-size N]

  --rows N        products in the generated catalog (default 20000)
  --runs N        measurements of each kind; the order alternates between runs (default 3)
  --seed N        catalog seed (default 1)
  --batch-size N  passed to \`truecopy import\` (default: the CLI's own)

DATABASE_URL must name a database ending in _test; unset, the bench creates and drops its own
truecopy_bench_test on postgres://postgres@127.0.0.1:5432.`;

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const cliPath = path.join(repoRoot, "apps/cli/dist/main.js");
// Other work on the machine moves both numbers; the load average says how much there was.
const loadAverage = () => os.loadavg()[0].toFixed(1);
const log = (line) => process.stderr.write(`bench:ingest: ${line}\n`);

function positiveInt(name, value, fallback, max = 10_000_000) {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`--${name} must be a whole number from 1 to ${max}`);
  return n;
}

function parseOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      rows: { type: "string" },
      runs: { type: "string" },
      seed: { type: "string" },
      "batch-size": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  return {
    help: values.help ?? false,
    rows: positiveInt("rows", values.rows, 20_000),
    runs: positiveInt("runs", values.runs, 3, 50),
    seed: positiveInt("seed", values.seed, 1),
    batchSize:
      values["batch-size"] === undefined
        ? undefined
        : positiveInt("batch-size", values["batch-size"], undefined, 10_000),
  };
}

let interrupted = false;
let activeChild;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    interrupted = true;
    activeChild?.kill("SIGTERM");
  });
}
const checkInterrupt = () => {
  if (interrupted) throw new Error("interrupted");
};
const trackChild = (child) => (activeChild = child);

// A checkpoint flushed before each timed step keeps one measurement from paying for the last one's
// dirty pages; without the privilege the bench carries on and is just noisier.
async function settle(pool) {
  await pool.query("CHECKPOINT").catch(() => undefined);
}

async function measureRun({ index, pool, url, env, file, products, batchSize }) {
  const order = index % 2 === 1 ? ["copy", "import"] : ["import", "copy"];
  const merchant = await createBenchMerchant(pool);
  const tables = await createScratchTables(pool, `${process.pid}_${index}`);
  const result = { index, order: order.map((s) => (s === "copy" ? "COPY" : "import")).join(" > ") };
  const importArgs = [
    "import",
    file,
    "--merchant",
    merchant.slug,
    "--quiet",
    ...(batchSize ? ["--batch-size", String(batchSize)] : []),
  ];
  try {
    for (const step of order) {
      checkInterrupt();
      await settle(pool);
      if (step === "copy") {
        log(`run ${index}: raw COPY`);
        result.copy = await copyBaseline({ url, file, merchantId: merchant.id, tables });
        const written = await countScratchRows(pool, tables);
        if (written.products !== products || written.reviews !== result.copy.reviews) {
          throw new Error(
            `COPY wrote ${written.products} products and ${written.reviews} reviews; expected ${products} and ${result.copy.reviews}`,
          );
        }
      } else {
        log(`run ${index}: truecopy import into ${merchant.slug}`);
        result.import = await runCliOk({ cliPath, args: importArgs, env, onChild: trackChild });
        if (result.import.summary?.created !== products)
          throw new Error(
            `import created ${result.import.summary?.created} products, expected ${products}: ${result.import.stdout}`,
          );
        checkInterrupt();
        await settle(pool);
        log(`run ${index}: truecopy re-import (unchanged)`);
        result.reimport = await runCliOk({ cliPath, args: importArgs, env, onChild: trackChild });
        if (result.reimport.summary?.unchanged !== products)
          throw new Error(
            `re-import left ${result.reimport.summary?.unchanged} products unchanged, expected ${products}: ${result.reimport.stdout}`,
          );
      }
    }
    const stored = await countMerchantCatalog(pool, merchant.id);
    if (stored.products !== products || stored.reviews !== result.copy.reviews) {
      throw new Error(
        `merchant ${merchant.slug} holds ${stored.products} products and ${stored.reviews} reviews after import; expected ${products} and ${result.copy.reviews}`,
      );
    }
    return result;
  } finally {
    await dropScratchTables(pool, tables).catch((e) => log(`dropping scratch tables failed: ${e.message}`));
    await removeBenchMerchant(pool, merchant.id).catch((e) => log(`removing ${merchant.slug} failed: ${e.message}`));
    // Later runs should not pay for the dead rows of earlier ones.
    await pool
      .query(`VACUUM ANALYZE "Product", "ProductReview", "ProductImage", "Variant", "JobRun", "Outbox"`)
      .catch(() => undefined);
  }
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (!existsSync(cliPath)) {
    throw new Error(
      `${cliPath} is missing: build the CLI first (CHECKPOINT_DISABLE=1 PRISMA_SCHEMA_ENGINE_BINARY=/bin/true pnpm turbo run build --filter @truecopy/cli...)`,
    );
  }
  const database = await openBenchDatabase({ databaseUrl: benchEnv().databaseUrl, log });
  const env = childEnv(database.url);
  const tmpDir = await mkdtemp(path.join(os.tmpdir(), "truecopy-bench-ingest-"));
  let pool;
  try {
    await runCliOk({ cliPath, args: ["migrate"], env, onChild: trackChild });
    pool = new pg.Pool({ connectionString: database.url, max: 2, application_name: "truecopy-bench" });
    checkInterrupt();

    log(`generating ${options.rows} products (seed ${options.seed})`);
    const catalog = await writeCatalogFile({ repoRoot, dir: tmpDir, rows: options.rows, seed: options.seed });

    const startups = [];
    for (let i = 0; i < options.runs; i += 1)
      startups.push((await runCli({ cliPath, args: ["help"], env, onChild: trackChild })).ms);

    const serverVersion = (await pool.query("SHOW server_version")).rows[0].server_version.split(" ")[0];
    const loadBefore = loadAverage();
    const runs = [];
    for (let index = 1; index <= options.runs; index += 1) {
      checkInterrupt();
      runs.push(
        await measureRun({
          index,
          pool,
          url: database.url,
          env,
          file: catalog.file,
          products: options.rows,
          batchSize: options.batchSize,
        }),
      );
    }
    const report = ingestReport({ products: options.rows, runs, startupMs: median(startups) });
    const reviews = runs[0].copy.reviews;
    process.stdout.write(
      [
        `ingest bench: ${options.rows} products with ${reviews} reviews (${(catalog.bytes / 1e6).toFixed(1)} MB JSONL), ${options.runs} runs, batch size ${options.batchSize ?? "CLI default"}`,
        `node ${process.version}, ${os.cpus().length} CPUs, PostgreSQL ${serverVersion} (database ${path.basename(new URL(database.url).pathname)}), load average ${loadBefore} before, ${loadAverage()} after`,
        "",
        report.text,
        "",
      ].join("\n"),
    );
    return 0;
  } finally {
    await pool?.end().catch(() => undefined);
    await rm(tmpDir, { recursive: true, force: true });
    await database.drop().catch((e) => log(`dropping the bench database failed: ${e.message}`));
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    log(error.message);
    process.exit(interrupted ? 130 : 1);
  },
);
