import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { testEnv } from "@truecopy/config";
import { migrate, MigrationError } from "./migrate.js";

// The migration runner against a scratch database of its own: transactional and non-transactional
// migrations, refusal of edited migrations, and concurrent runners.

const admin = new pg.Pool({ connectionString: testEnv().DATABASE_URL, max: 1 });
const name = `migrate_${randomUUID().slice(0, 8)}_test`;
const url = (() => {
  const u = new URL(testEnv().DATABASE_URL);
  u.pathname = `/${name}`;
  return u.toString();
})();
let scratch: pg.Pool;

beforeAll(async () => {
  await admin.query(`CREATE DATABASE ${name}`);
  scratch = new pg.Pool({ connectionString: url, max: 2 });
  // DROP DATABASE … WITH (FORCE) below may reach a connection that is still closing.
  scratch.on("error", () => undefined);
});
afterAll(async () => {
  await scratch?.end();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
});

function migrationsDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "truecopy-migrations-"));
  for (const [folder, sql] of Object.entries(files)) {
    mkdirSync(path.join(dir, folder));
    writeFileSync(path.join(dir, folder, "migration.sql"), sql);
  }
  return dir;
}

const base = {
  "20260101000000_items": `CREATE TABLE item (id int PRIMARY KEY, label text NOT NULL);`,
  "20260101000001_items_label_idx": `-- truecopy:no-transaction\nCREATE INDEX CONCURRENTLY item_label_idx ON item (label);`,
};

describe("migrate", () => {
  it("applies transactional and non-transactional migrations once, concurrently safe", async () => {
    const dir = migrationsDir(base);
    const [a, b] = await Promise.all([migrate(url, { dir }), migrate(url, { dir })]);
    expect([...a.applied, ...b.applied].sort()).toEqual(Object.keys(base).sort());
    expect([...a.alreadyApplied, ...b.alreadyApplied].sort()).toEqual(Object.keys(base).sort());
    const idx = await scratch.query(
      `SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = 'item_label_idx'`,
    );
    expect(idx.rows).toEqual([{ indisvalid: true }]);
    expect(await migrate(url, { dir })).toEqual({ applied: [], alreadyApplied: Object.keys(base) });
  });

  it("rolls a failed transactional migration back entirely", async () => {
    const dir = migrationsDir({
      ...base,
      "20260101000002_broken": `CREATE TABLE half (id int); SELECT no_such_function();`,
    });
    await expect(migrate(url, { dir })).rejects.toThrow(/20260101000002_broken failed and was rolled back/);
    expect((await scratch.query(`SELECT to_regclass('half') AS t`)).rows[0]).toEqual({ t: null });
  });

  it("records a failed non-transactional migration as rolled back, then applies the fixed one", async () => {
    await scratch.query(`INSERT INTO item VALUES (1, 'a'), (2, 'a')`);
    const broken = migrationsDir({
      ...base,
      "20260101000003_unique_label": `-- truecopy:no-transaction\nCREATE UNIQUE INDEX CONCURRENTLY item_label_key ON item (label);`,
    });
    const error = await migrate(url, { dir: broken }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as Error).message).toMatch(/outside a transaction.*INVALID index/);
    const rec = await scratch.query(
      `SELECT finished_at IS NULL AS unfinished, rolled_back_at IS NOT NULL AS rolled_back FROM "_prisma_migrations" WHERE migration_name = '20260101000003_unique_label'`,
    );
    expect(rec.rows).toEqual([{ unfinished: true, rolled_back: true }]);

    await scratch.query(`DROP INDEX item_label_key; UPDATE item SET label = 'b' WHERE id = 2`);
    expect((await migrate(url, { dir: broken })).applied).toEqual(["20260101000003_unique_label"]);
  });

  it("refuses a migration edited after it was applied", async () => {
    const dir = migrationsDir({ ...base, "20260101000000_items": `${base["20260101000000_items"]} -- edited` });
    await expect(migrate(url, { dir })).rejects.toThrow(/20260101000000_items was changed after it was applied/);
  });
});
