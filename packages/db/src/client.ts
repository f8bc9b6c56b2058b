import pg from "pg";
import { currentTraceparent } from "@truecopy/config";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client.js";

export type TDatabase = {
  prisma: PrismaClient;
  /** The same pool Prisma uses: bulk paths (import, vectors, outbox) use plain parameterised SQL. */
  pool: pg.Pool;
  close(): Promise<void>;
};

// numeric → number and bigint → number for ids of append-only tables (well inside 2^53).
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export function createDatabase(url: string, options: { poolMax?: number; applicationName?: string } = {}): TDatabase {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolMax ?? 10,
    application_name: options.applicationName ?? "truecopy",
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client that loses its server (restart) must not crash the process; the pool replaces it.
  pool.on("error", () => undefined);
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  let closed = false;
  return {
    prisma,
    pool,
    async close() {
      if (closed) return;
      closed = true;
      await prisma.$disconnect();
      await pool.end().catch(() => undefined);
    },
  };
}

/** Runs `fn` in one transaction on one pooled connection; rolls back on any error. */
export function withTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return runTransaction(pool, fn, { commitSent: false });
}

async function runTransaction<T>(
  pool: pg.Pool,
  fn: (client: pg.PoolClient) => Promise<T>,
  state: { commitSent: boolean },
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  // A checked-out client whose server goes away between statements emits 'error'; unheard, that
  // would crash the process. The pending or next query fails anyway, and the client is discarded.
  const onError = (e: Error) => {
    broken = e;
  };
  client.on("error", onError);
  try {
    await client.query("BEGIN");
    // Outbox rows written by this transaction take the trace along (their column default reads it),
    // so the job they become continues the request's trace in the worker.
    const traceparent = currentTraceparent();
    if (traceparent) await client.query("SELECT set_config('truecopy.traceparent', $1, true)", [traceparent]);
    const result = await fn(client);
    state.commitSent = true;
    await client.query("COMMIT");
    return result;
  } catch (e) {
    await client.query("ROLLBACK").catch((rollbackError: Error) => {
      broken = rollbackError;
    });
    throw e;
  } finally {
    client.off("error", onError);
    // A connection that cannot even roll back (its server restarted) is closed, never reused.
    client.release(broken);
  }
}

export type TQueryable = Pick<pg.PoolClient, "query">;

// Deadlock and serialization failures roll back cleanly and succeed when run again.
const RETRYABLE = new Set(["40P01", "40001"]);
// The server went away or is starting up: the transaction is gone, and so is everything it wrote.
const CONNECTION_LOST = new Set([
  "57P01",
  "57P02",
  "57P03",
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
]);
/** True when `e` means the database could not be reached or dropped the connection (not a query error). */
export const isConnectionError = (e: unknown): boolean => {
  const { code, message } = e as { code?: string; message?: string };
  return code ? CONNECTION_LOST.has(code) : /Connection terminated|connection timeout/i.test(message ?? "");
};

/**
 * withTransaction, retried with jittered backoff when PostgreSQL aborts it as a deadlock victim, or
 * when the connection is lost before COMMIT was sent (a restart or failover): nothing was written
 * then. A connection lost during COMMIT is not retried: the transaction may have committed.
 */
export async function withRetriedTransaction<T>(
  pool: pg.Pool,
  fn: (client: pg.PoolClient) => Promise<T>,
  attempts = 6,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const state = { commitSent: false };
    try {
      return await runTransaction(pool, fn, state);
    } catch (e) {
      const code = (e as { code?: string }).code;
      const conflict = code !== undefined && RETRYABLE.has(code);
      const lost = !state.commitSent && isConnectionError(e);
      if (!(conflict || lost) || attempt >= attempts) throw e;
      // A restart takes seconds, a lock conflict milliseconds.
      const base = lost ? 250 : 20;
      await new Promise((r) => setTimeout(r, base * 2 ** attempt * (0.5 + Math.random())));
    }
  }
}
