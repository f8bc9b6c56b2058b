import { randomUUID } from "node:crypto";
import { testEnv } from "@truecopy/config";
import { validateProductRow, type TProductRow } from "@truecopy/core";
import { createDatabase, type TDatabase } from "./client.js";
import { migrate } from "./migrate.js";
import { ensureMerchant } from "./merchant.repo.js";

/** A migrated test database (name must end in _test) and a merchant of the test's own. */
export async function openTestDatabase(): Promise<TDatabase & { url: string }> {
  const { DATABASE_URL } = testEnv();
  await migrate(DATABASE_URL);
  return Object.assign(createDatabase(DATABASE_URL, { poolMax: 6, applicationName: "truecopy-test" }), {
    url: DATABASE_URL,
  });
}

export type TOwnTestDatabase = TDatabase & { url: string; drop(): Promise<void> };

/**
 * A migrated database of the test's own, beside the shared test database. For tests whose workers
 * must not meet another run's: in a shared database, any other worker's outbox relay could take
 * their messages. `drop()` closes it and removes it.
 */
export async function openOwnTestDatabase(label: string): Promise<TOwnTestDatabase> {
  // The name goes into CREATE DATABASE, where no parameter can stand.
  if (!/^[a-z][a-z0-9_]{0,30}$/.test(label)) throw new Error(`test database label "${label}" is not [a-z][a-z0-9_]*`);
  const shared = testEnv().DATABASE_URL;
  const name = `truecopy_${label}_${randomUUID().slice(0, 8)}_test`;
  const url = Object.assign(new URL(shared), { pathname: `/${name}` }).toString();
  const onServer = async (sql: string) => {
    const admin = createDatabase(shared, { poolMax: 1 });
    try {
      await admin.pool.query(sql);
    } finally {
      await admin.close();
    }
  };
  const dropDatabase = () => onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await onServer(`CREATE DATABASE "${name}"`);
  try {
    await migrate(url);
  } catch (error) {
    await dropDatabase();
    throw error;
  }
  const db = createDatabase(url, { poolMax: 4 });
  return Object.assign(db, {
    url,
    async drop() {
      await db.close();
      await dropDatabase();
    },
  });
}

export async function createTestMerchant(db: TDatabase, label = "m"): Promise<{ id: string; slug: string }> {
  const slug = `${label}-${randomUUID().slice(0, 8)}`;
  return { id: await ensureMerchant(db.pool, { slug, name: `Test ${slug}` }), slug };
}

/** A product row written by hand in a test: invalid means the test itself is wrong. */
export function testProductRow(raw: Record<string, unknown>): TProductRow {
  const r = validateProductRow(raw, 1);
  if (!r.ok) throw new Error(`invalid test row: ${JSON.stringify(r)}`);
  return r.value;
}

/** Polls `read` until it gives something truthy (workers finish on their own time). */
export async function until<T>(
  what: string,
  read: () => Promise<T | null | undefined | false>,
  { timeoutMs = 90_000, intervalMs = 100 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
