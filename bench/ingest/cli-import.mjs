import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";

/** Runs the built CLI as a child process and times it from spawn to exit (process start included). */
export function runCli({ cliPath, args, env, onChild }) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [cliPath, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
    onChild?.(child);
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d) => (stderr += d));
    child.once("error", reject);
    child.once("close", (code, signal) => {
      onChild?.(undefined);
      resolve({ ms: performance.now() - started, code, signal, stdout, stderr });
    });
  });
}

/** Runs the CLI and fails with its output unless it exits 0; returns the last JSON line it printed. */
export async function runCliOk(options) {
  const r = await runCli(options);
  if (r.code !== 0) {
    throw new Error(
      `truecopy ${options.args.join(" ")} exited with ${r.signal ?? r.code}\n${r.stderr.trim()}\n${r.stdout.trim()}`,
    );
  }
  const last = r.stdout.trim().split("\n").at(-1);
  let summary = null;
  try {
    summary = last ? JSON.parse(last) : null;
  } catch {
    summary = null;
  }
  return { ...r, summary };
}

/** A merchant of the bench's own, so every import starts from an empty catalog. */
export async function createBenchMerchant(pool) {
  const slug = `bench-${randomUUID().slice(0, 8)}`;
  const { rows } = await pool.query(
    `INSERT INTO "Merchant" (id, slug, name, "updatedAt") VALUES (gen_random_uuid(), $1, $2, now()) RETURNING id`,
    [slug, `Bench ${slug}`],
  );
  return { id: rows[0].id, slug };
}

/** What an import left for one merchant, to check it against the file. */
export async function countMerchantCatalog(pool, merchantId) {
  const { rows } = await pool.query(
    `SELECT count(*)::int AS products,
            (SELECT count(*)::int FROM "ProductReview" r JOIN "Product" p ON p.id = r."productId" WHERE p."merchantId" = $1) AS reviews
     FROM "Product" WHERE "merchantId" = $1`,
    [merchantId],
  );
  return rows[0];
}

/**
 * Removes what an import wrote for a bench merchant (audit events stay: they are append-only by
 * design), so that runs start from the same state and a shared test database is left as found.
 * "Variant"."parentVariantId" has no index, so deleting N variants scans the table N times (20k
 * products took ~20 s here); an index that lives only inside this transaction makes it ~1 s and
 * leaves the schema as it was.
 */
export async function removeBenchMerchant(pool, merchantId) {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query(
      `DELETE FROM "Outbox" WHERE payload->>'jobRunId' IN (SELECT id::text FROM "JobRun" WHERE "merchantId" = $1)`,
      [merchantId],
    );
    await client.query(`DELETE FROM "JobRun" WHERE "merchantId" = $1`, [merchantId]);
    await client.query(`CREATE INDEX "bench_cleanup_variant_parent" ON "Variant" ("parentVariantId")`);
    await client.query(`DELETE FROM "Product" WHERE "merchantId" = $1`, [merchantId]);
    await client.query(`DROP INDEX "bench_cleanup_variant_parent"`);
    await client.query(`DELETE FROM "Merchant" WHERE id = $1`, [merchantId]);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
