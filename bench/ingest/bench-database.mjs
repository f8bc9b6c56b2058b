import pg from "pg";

export const OWN_DATABASE = "truecopy_bench_test";
const SERVER_URL = "postgres://postgres@127.0.0.1:5432/postgres";

/** The database a postgres:// URL names, or null when it names none. */
export function databaseNameOf(url) {
  try {
    const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));
    return name || null;
  } catch {
    return null;
  }
}

/** Benches write and delete rows: they only ever touch a database whose name ends with _test. */
export function assertTestDatabase(url) {
  const name = databaseNameOf(url);
  if (!name?.endsWith("_test")) {
    throw new Error(
      `refusing to run: DATABASE_URL names database "${name ?? ""}"; benches need a database whose name ends with _test`,
    );
  }
  return name;
}

const quoteIdent = (name) => `"${name.replaceAll('"', '""')}"`;

async function onServer(url, fn) {
  const client = new pg.Client({ connectionString: url, application_name: "truecopy-bench" });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * The database the bench writes to: DATABASE_URL when set (after the _test check), else a fresh
 * `truecopy_bench_test` on the local server that `drop()` removes again.
 */
export async function openBenchDatabase({ databaseUrl, log }) {
  if (databaseUrl) {
    assertTestDatabase(databaseUrl);
    return { url: databaseUrl, created: false, drop: async () => undefined };
  }
  const url = new URL(SERVER_URL);
  url.pathname = `/${OWN_DATABASE}`;
  await onServer(SERVER_URL, async (client) => {
    // A leftover from an interrupted run holds no data anyone wants; a database in use makes this fail loudly.
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(OWN_DATABASE)}`);
    await client.query(`CREATE DATABASE ${quoteIdent(OWN_DATABASE)}`);
  });
  log(`created database ${OWN_DATABASE}`);
  let dropped = false;
  return {
    url: url.toString(),
    created: true,
    async drop() {
      if (dropped) return;
      dropped = true;
      await onServer(SERVER_URL, (client) =>
        client.query(`DROP DATABASE IF EXISTS ${quoteIdent(OWN_DATABASE)} WITH (FORCE)`),
      );
      log(`dropped database ${OWN_DATABASE}`);
    },
  };
}

/**
 * Removes what a bench created for its merchant `slug` (its products, its API keys named
 * `${slug}-key`, the merchant). Best effort: the bench's result is already printed, and a database
 * the bench created itself is dropped anyway.
 */
export async function removeBenchMerchant(pool, slug) {
  await pool
    .query(`DELETE FROM "Product" WHERE "merchantId" = (SELECT id FROM "Merchant" WHERE slug = $1)`, [slug])
    .catch(() => undefined);
  await pool.query(`DELETE FROM "ApiKey" WHERE name = $1`, [`${slug}-key`]).catch(() => undefined);
  await pool.query(`DELETE FROM "Merchant" WHERE slug = $1`, [slug]).catch(() => undefined);
}

/**
 * Removes the merchants a bench wrote into a shared _test database, with their products (whose rows
 * go with them). `db`: anything with `query` (a pool or a client).
 */
export async function removeBenchMerchants(db, merchantIds) {
  await db.query(`DELETE FROM "Product" WHERE "merchantId" = ANY($1::uuid[])`, [merchantIds]);
  await db.query(`DELETE FROM "Merchant" WHERE id = ANY($1::uuid[])`, [merchantIds]);
}
