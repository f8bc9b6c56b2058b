import type { TDatabase } from "@truecopy/db";
import { createProgress } from "../progress.js";

/** Polls job runs until every one is finished; throws if one failed or time runs out. */
export async function waitForJobRuns(
  db: TDatabase,
  ids: string[],
  show: boolean,
  timeoutMs = 30 * 60_000,
): Promise<void> {
  const progress = createProgress("analyze", show);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await db.pool.query<{ status: string; total: number; done: number; error: string | null }>(
      `SELECT status, total, processed + failed AS done, error FROM "JobRun" WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    const total = rows.reduce((s, r) => s + r.total, 0);
    const done = rows.reduce((s, r) => s + r.done, 0);
    progress.update(done, total, `${done}/${total} products`);
    const failed = rows.find((r) => r.status === "FAILED");
    if (failed) throw new Error(`analysis failed: ${failed.error ?? "unknown error"}`);
    if (rows.length === ids.length && rows.every((r) => r.status === "COMPLETED")) {
      progress.finish(`${total} products`);
      return;
    }
    if (Date.now() > deadline) throw new Error("timed out waiting for analysis; is a worker running?");
    await new Promise((r) => setTimeout(r, 250));
  }
}
