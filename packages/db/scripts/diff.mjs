#!/usr/bin/env node
// Writes the SQL that takes the database from the last migration's schema to prisma/schema.prisma.
// Usage: pnpm --filter @truecopy/db db:diff <migration_name>
// Prisma 7's migrate engine cannot be downloaded offline, so this drives Prisma 6's wasm engine;
// Prisma 6 needs a datasource url in the schema, which Prisma 7 forbids: we add it to temp copies.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../../..");
const schemaPath = join(root, "prisma/schema.prisma");
const migrationsDir = join(root, "prisma/migrations");
const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: db:diff <migration_name>  (lower-case letters, digits and _)");
  process.exit(2);
}

const tmp = mkdtempSync(join(tmpdir(), "truecopy-diff-"));
const withUrl = (src) => src.replace(/datasource db \{/, 'datasource db {\n  url = env("DIFF_DATABASE_URL")');
const target = join(tmp, "target.prisma");
writeFileSync(target, withUrl(readFileSync(schemaPath, "utf8")));

// The schema as of the last migration is kept next to it (schema.prisma snapshot) so diffs are exact.
const existing = existsSync(migrationsDir)
  ? readdirSync(migrationsDir)
      .filter((d) => /^\d{14}_/.test(d))
      .sort()
  : [];
const last = existing.at(-1);
const from = last && existsSync(join(migrationsDir, last, "schema.prisma")) ? join(tmp, "from.prisma") : null;
if (from) writeFileSync(from, withUrl(readFileSync(join(migrationsDir, last, "schema.prisma"), "utf8")));

const env = {
  ...process.env,
  CHECKPOINT_DISABLE: "1",
  PRISMA_QUERY_ENGINE_LIBRARY: process.env.PRISMA_QUERY_ENGINE_LIBRARY ?? "/bin/true",
  DIFF_DATABASE_URL: process.env.DIFF_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
};
const cli = join(here, "../node_modules/prisma-migrate-diff/build/index.js");
const args = [
  "migrate",
  "diff",
  "--config",
  join(here, "../prisma6.config.ts"),
  ...(from ? ["--from-schema-datamodel", from] : ["--from-empty"]),
  "--to-schema-datamodel",
  target,
  "--script",
];
const sql = execFileSync(process.execPath, [cli, ...args], { env, cwd: join(here, ".."), encoding: "utf8" });
if (/^-- This is an empty migration/m.test(sql) || sql.trim() === "") {
  console.log("schema unchanged: no migration written");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = join(migrationsDir, `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, "migration.sql"), sql);
writeFileSync(join(dir, "schema.prisma"), readFileSync(schemaPath, "utf8"));
console.log(`wrote ${dir}/migration.sql (${createHash("sha256").update(sql).digest("hex").slice(0, 12)})`);
