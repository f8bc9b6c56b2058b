import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { testEnv } from "@truecopy/config";
import { validateProductRow } from "@truecopy/core";
import { appendAudit, verifyAuditChain } from "./audit.repo.js";
import { migrate } from "./migrate.js";
import { ensureMerchant } from "./merchant.repo.js";
import { importProductBatch } from "./product-import.repo.js";
import { withTransaction } from "./client.js";

// The restore test of docs/operations.md, run for real: a logical dump of a database with data is
// restored into an empty one, which then migrates as current, verifies its audit chain and holds
// the same rows — and a tampered audit log in the restored copy is detected.

const admin = new pg.Pool({ connectionString: testEnv().DATABASE_URL, max: 1 });
const suffix = randomUUID().slice(0, 8);
const source = `backup_src_${suffix}_test`;
const target = `backup_dst_${suffix}_test`;
const urlOf = (db: string) => {
  const u = new URL(testEnv().DATABASE_URL);
  u.pathname = `/${db}`;
  return u.toString();
};
const workdir = mkdtempSync(path.join(tmpdir(), "truecopy-backup-"));
const pools: pg.Pool[] = [];
const poolOf = (db: string) => {
  const p = new pg.Pool({ connectionString: urlOf(db), max: 2 });
  p.on("error", () => undefined); // the databases are dropped WITH (FORCE) at the end
  pools.push(p);
  return p;
};

beforeAll(async () => {
  await admin.query(`CREATE DATABASE ${source}`);
  await admin.query(`CREATE DATABASE ${target}`);
});
afterAll(async () => {
  await Promise.all(pools.map((p) => p.end()));
  await admin.query(`DROP DATABASE IF EXISTS ${source} WITH (FORCE)`);
  await admin.query(`DROP DATABASE IF EXISTS ${target} WITH (FORCE)`);
  await admin.end();
  rmSync(workdir, { recursive: true, force: true });
});

const counts = async (pool: pg.Pool) =>
  (
    await pool.query(
      `SELECT (SELECT count(*)::int FROM "Product") AS products, (SELECT count(*)::int FROM "Variant") AS variants,
              (SELECT count(*)::int FROM "ProductReview") AS reviews, (SELECT count(*)::int FROM "AuditEvent") AS audit,
              (SELECT count(*)::int FROM "Outbox") AS outbox`,
    )
  ).rows[0] as Record<string, number>;

describe("backup and restore", () => {
  it("restores a dump that migrates as current, keeps every row and verifies its audit chain", async () => {
    await migrate(urlOf(source));
    const src = poolOf(source);
    const merchantId = await ensureMerchant(src, { slug: "backup", name: "Backup" });
    const rows = Array.from({ length: 40 }, (_, i) => {
      const r = validateProductRow(
        { sku: `b-${i}`, title: `备份商品 ${i}`, description: "续航14天", reviews: [{ text: "很好", rating: 5 }] },
        i + 1,
      );
      if (!r.ok) throw new Error("invalid row");
      return r.value;
    });
    const actor = { actorId: null, actorKind: "system" as const, requestId: "backup-test" };
    await importProductBatch(src, { merchantId, rows, actor, jobRunId: null, source: "backup-test" });
    await withTransaction(src, (tx) =>
      appendAudit(tx, { actorId: null, actorKind: "cli", action: "backup.check", entityType: "System", entityId: "1" }),
    );
    const before = await counts(src);
    expect(before.products).toBe(40);

    const dump = path.join(workdir, "truecopy.dump");
    const dumped = spawnSync("pg_dump", ["--format=custom", "--no-owner", `--file=${dump}`, urlOf(source)], {
      encoding: "utf8",
    });
    expect(dumped.stderr).toBe("");
    expect(dumped.status).toBe(0);
    const restored = spawnSync("pg_restore", ["--no-owner", `--dbname=${urlOf(target)}`, dump], { encoding: "utf8" });
    expect(restored.stderr).toBe("");
    expect(restored.status).toBe(0);

    expect((await migrate(urlOf(target))).applied).toEqual([]);
    const dst = poolOf(target);
    expect(await counts(dst)).toEqual(before);
    expect(await verifyAuditChain(dst)).toMatchObject({ checked: before.audit, firstBrokenId: null });

    // The restored log is still append-only, and editing it behind the trigger's back is detected.
    await expect(dst.query(`DELETE FROM "AuditEvent"`)).rejects.toThrow();
    await dst.query(`ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_no_update"`);
    const victim = await dst.query<{ id: number }>(`SELECT id FROM "AuditEvent" ORDER BY id LIMIT 1`);
    await dst.query(`UPDATE "AuditEvent" SET action = 'forged' WHERE id = $1`, [victim.rows[0]!.id]);
    expect(await verifyAuditChain(dst)).toMatchObject({ firstBrokenId: victim.rows[0]!.id });
  }, 120_000);
});
