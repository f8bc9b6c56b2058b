import type { TQueryable } from "./client.js";

export async function markJobRunStarted(db: TQueryable, jobRunId: string): Promise<void> {
  await db.query(
    `UPDATE "JobRun" SET status = 'RUNNING', "startedAt" = COALESCE("startedAt", now()), "updatedAt" = now()
     WHERE id = $1 AND status = 'QUEUED'`,
    [jobRunId],
  );
}

/**
 * Adds one finished unit of work to a run, once: a retried job finds its batch recorded and adds
 * nothing. The run completes when every item is accounted for (a batch that was already running
 * when its run was paused can be the last); it fails if every item failed.
 */
export async function recordJobRunBatch(
  db: TQueryable,
  o: { jobRunId: string; batchKey: string; processed: number; failed: number; error?: string | null },
): Promise<boolean> {
  const inserted = await db.query(
    `INSERT INTO "JobRunBatch" ("jobRunId", "batchKey", processed, failed) VALUES ($1, $2, $3, $4)
     ON CONFLICT DO NOTHING`,
    [o.jobRunId, o.batchKey, o.processed, o.failed],
  );
  if (!inserted.rowCount) return false;
  await db.query(
    `UPDATE "JobRun" SET
       processed = processed + $2,
       failed = failed + $3,
       error = COALESCE($4, error),
       "updatedAt" = now()
     WHERE id = $1`,
    [o.jobRunId, o.processed, o.failed, o.error ?? null],
  );
  await db.query(
    `UPDATE "JobRun" SET
       status = (CASE WHEN failed > 0 AND processed = 0 THEN 'FAILED' ELSE 'COMPLETED' END)::"JobStatus",
       "finishedAt" = now(), "updatedAt" = now()
     WHERE id = $1 AND processed + failed >= total AND status IN ('QUEUED', 'RUNNING', 'PAUSED')`,
    [o.jobRunId],
  );
  return true;
}
