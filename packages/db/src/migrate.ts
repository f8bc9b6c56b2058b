import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import pg from "pg";

// Prisma's migrate engine cannot be downloaded here, so we apply prisma/migrations ourselves, in the
// same bookkeeping table and checksum format, so that `prisma migrate deploy/status` can take over
// wherever the engine is available.
export const MIGRATIONS_DIR = fileURLToPath(new URL("../../../prisma/migrations/", import.meta.url));
const LOCK_KEY = 724_110_001; // advisory lock: concurrent migrators wait instead of racing

export type TMigration = { name: string; sql: string; checksum: string; transactional: boolean };

// Statements that cannot run in a transaction (CREATE INDEX CONCURRENTLY on a big table during a
// rolling deploy) go in a migration of their own whose first line is this marker.
const NO_TRANSACTION = /^--\s*truecopy:no-transaction\s*$/m;
export type TMigrateResult = { applied: string[]; alreadyApplied: string[] };

export async function loadMigrations(dir = MIGRATIONS_DIR): Promise<TMigration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory() && /^\d{14}_[a-z0-9_]+$/.test(e.name))
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(`${dir}/${name}/migration.sql`, "utf8");
      const transactional = !NO_TRANSACTION.test(sql.split("\n", 1)[0] ?? "");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex"), transactional };
    }),
  );
}

const BOOKKEEPING = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export class MigrationError extends Error {
  override name = "MigrationError";
}

/**
 * Applies pending migrations in order, each in its own transaction (or, when marked
 * `-- truecopy:no-transaction`, as a single statement outside one). Safe to run concurrently.
 */
export async function migrate(
  url: string,
  options: { dir?: string; log?: (line: string) => void } = {},
): Promise<TMigrateResult> {
  const log = options.log ?? (() => undefined);
  const migrations = await loadMigrations(options.dir);
  const client = new pg.Client({ connectionString: url, application_name: "truecopy-migrate" });
  await client.connect();
  try {
    await acquireLock(client);
    await client.query(BOOKKEEPING);
    const { rows } = await client.query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      rolled_back_at: Date | null;
    }>(
      `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
    );
    const done = new Map(rows.map((r) => [r.migration_name, r]));
    const result: TMigrateResult = { applied: [], alreadyApplied: [] };
    for (const m of migrations) {
      const prior = done.get(m.name);
      if (prior) {
        if (!prior.finished_at)
          throw new MigrationError(`migration ${m.name} started earlier but never finished; inspect the database`);
        if (prior.checksum !== m.checksum) {
          throw new MigrationError(
            `migration ${m.name} was changed after it was applied (checksum ${prior.checksum.slice(0, 12)} ≠ ${m.checksum.slice(0, 12)})`,
          );
        }
        result.alreadyApplied.push(m.name);
        continue;
      }
      if (m.transactional) await applyInTransaction(client, m);
      else await applyWithoutTransaction(client, m);
      log(`applied ${m.name}`);
      result.applied.push(m.name);
    }
    return result;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}

// Waiting in pg_advisory_lock would be a statement in progress, and CREATE INDEX CONCURRENTLY in the
// lock holder waits for every statement in progress: a deadlock. Waiters poll instead.
async function acquireLock(client: pg.Client, timeoutMs = 15 * 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1) AS ok", [LOCK_KEY]);
    if (rows[0]?.ok) return;
    if (Date.now() > deadline)
      throw new MigrationError(`another migration has held the lock for ${timeoutMs / 60_000} minutes`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const RECORD = `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
  VALUES ($1, $2, $3, now(), now(), 1)`;

async function applyInTransaction(client: pg.Client, m: TMigration): Promise<void> {
  await client.query("BEGIN");
  try {
    await client.query(m.sql);
    await client.query(RECORD, [randomUUID(), m.checksum, m.name]);
    await client.query("COMMIT");
  } catch (e) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw new MigrationError(`migration ${m.name} failed and was rolled back: ${(e as Error).message}`);
  }
}

/**
 * One statement outside a transaction. It cannot be rolled back, so a failure is recorded as rolled
 * back and reported with what to clean up (a failed CREATE INDEX CONCURRENTLY leaves an INVALID index).
 */
async function applyWithoutTransaction(client: pg.Client, m: TMigration): Promise<void> {
  const id = randomUUID();
  await client.query(
    `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)`,
    [id, m.checksum, m.name],
  );
  try {
    await client.query(m.sql);
  } catch (e) {
    await client.query(`UPDATE "_prisma_migrations" SET rolled_back_at = now(), logs = $2 WHERE id = $1`, [
      id,
      (e as Error).message,
    ]);
    throw new MigrationError(
      `migration ${m.name} (outside a transaction) failed: ${(e as Error).message}; drop whatever it left half-built (e.g. an INVALID index) and run migrate again`,
    );
  }
  await client.query(`UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`, [
    id,
  ]);
}
