import type pg from "pg";
import type { TQueryable } from "./client.js";

export type TOutboxMessage = {
  id: number;
  queue: string;
  jobName: string;
  payload: unknown;
  attempts: number;
  /** W3C trace context of the request that wrote the row, when it was traced. */
  traceparent: string | null;
};

// A claimed message is hidden for the lease; if the relay dies before marking it dispatched it
// becomes visible again and is re-enqueued under the same job id, which BullMQ deduplicates.
const LEASE_SECONDS = 30;
export const OUTBOX_MAX_ATTEMPTS = 20;

export async function claimOutbox(pool: pg.Pool, limit: number): Promise<TOutboxMessage[]> {
  const { rows } = await pool.query<TOutboxMessage>(
    `UPDATE "Outbox" SET attempts = attempts + 1, "availableAt" = now() + make_interval(secs => $2)
     WHERE id IN (SELECT id FROM "Outbox" WHERE status = 'PENDING' AND "availableAt" <= now()
                  ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
     RETURNING id, queue, "jobName", payload, attempts, traceparent`,
    [limit, LEASE_SECONDS],
  );
  return rows.sort((a, b) => a.id - b.id);
}

export async function markOutboxDispatched(pool: pg.Pool, ids: number[]): Promise<void> {
  if (!ids.length) return;
  await pool.query(
    `UPDATE "Outbox" SET status = 'DISPATCHED', "dispatchedAt" = now(), "lastError" = NULL WHERE id = ANY($1::bigint[])`,
    [ids],
  );
}

/**
 * Backs off exponentially; gives up (FAILED, kept for inspection) after OUTBOX_MAX_ATTEMPTS.
 * Returns true when it gave up, so the caller can close what waits on the message.
 */
export async function markOutboxFailed(
  pool: pg.Pool,
  message: Pick<TOutboxMessage, "id" | "attempts">,
  error: string,
): Promise<boolean> {
  const delay = Math.min(300, 2 ** Math.min(message.attempts, 8));
  const { rows } = await pool.query<{ status: string }>(
    `UPDATE "Outbox" SET "lastError" = $2, "availableAt" = now() + make_interval(secs => $3),
       status = CASE WHEN attempts >= $4 THEN 'FAILED'::"OutboxStatus" ELSE status END
     WHERE id = $1 RETURNING status`,
    [message.id, error.slice(0, 2000), delay, OUTBOX_MAX_ATTEMPTS],
  );
  return rows[0]?.status === "FAILED";
}

export async function outboxBacklog(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Outbox" WHERE status = 'PENDING'`);
  return rows[0]?.n ?? 0;
}

/**
 * Writes outbox messages for `ids` in batches of `batchSize`, each payload `{ jobRunId?, [key]: batch }`,
 * inside the caller's transaction. Returns how many messages were written.
 */
export async function writeOutboxBatches(
  tx: TQueryable,
  o: {
    queue: string;
    jobName: string;
    key: string;
    ids: readonly string[];
    batchSize: number;
    jobRunId?: string | null;
  },
): Promise<number> {
  const payloads: string[] = [];
  for (let i = 0; i < o.ids.length; i += o.batchSize) {
    const chunk = o.ids.slice(i, i + o.batchSize);
    payloads.push(JSON.stringify(o.jobRunId ? { jobRunId: o.jobRunId, [o.key]: chunk } : { [o.key]: chunk }));
  }
  if (payloads.length)
    await tx.query(
      `INSERT INTO "Outbox" (queue, "jobName", payload) SELECT $2, $3, p::jsonb FROM unnest($1::text[]) AS p`,
      [payloads, o.queue, o.jobName],
    );
  return payloads.length;
}

/** A QUEUED job run whose batches the worker will record; returns its id. */
export async function createQueuedJobRun(
  tx: TQueryable,
  o: { queue: string; name: string; digest: string; merchantId: string; total: number; actorId: string | null },
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO "JobRun" (id, queue, name, "payloadDigest", status, total, "merchantId", "createdById", "updatedAt")
     VALUES (gen_random_uuid(), $1, $2, $3, 'QUEUED', $4, $5, $6, now()) RETURNING id`,
    [o.queue, o.name, o.digest, o.total, o.merchantId, o.actorId],
  );
  return rows[0]!.id;
}

/**
 * The job run of an import's follow-up work on one queue (lint, image checks): the first batch of
 * the import creates it; a later batch grows it (and reopens it if the worker already finished).
 */
export async function importJobRun(
  tx: TQueryable,
  o: { queue: string; name: string; importRunId: string; merchantId: string; count: number; actorId: string | null },
): Promise<string> {
  const digest = `import:${o.importRunId}`;
  const grown = await tx.query<{ id: string }>(
    `UPDATE "JobRun" SET total = total + $3,
       status = CASE WHEN status IN ('COMPLETED', 'FAILED') THEN 'RUNNING'::"JobStatus" ELSE status END,
       "finishedAt" = NULL, "updatedAt" = now()
     WHERE id = (SELECT id FROM "JobRun" WHERE queue = $1 AND "payloadDigest" = $2 ORDER BY "createdAt" LIMIT 1)
     RETURNING id`,
    [o.queue, digest, o.count],
  );
  return (
    grown.rows[0]?.id ??
    createQueuedJobRun(tx, {
      queue: o.queue,
      name: o.name,
      digest,
      merchantId: o.merchantId,
      total: o.count,
      actorId: o.actorId,
    })
  );
}
