import { AppError } from "@truecopy/core";
import { appendAudit, withTransaction } from "@truecopy/db";
import { isQueueName, QUEUES, type TQueueName, type TQueues } from "@truecopy/jobs";
import type { TContext } from "../context.js";
import { merchantScope, requirePrincipal } from "../auth/auth-checker.js";
import { summarisePayload } from "./queue-payload.js";

// The jobs page: every BullMQ queue of packages/jobs with its counts and jobs, and the operator's
// retry / cancel actions. Jobs are BullMQ's, not ours: this reads and acts through the Queue API.

// BullMQ's types through the queues packages/jobs hands out (the api does not depend on bullmq).
type TQueue = ReturnType<TQueues["get"]>;
type Job = NonNullable<Awaited<ReturnType<TQueue["getJob"]>>>;
type TJobTypes = Parameters<TQueue["getJobs"]>[0];

export const QUEUE_JOB_STATES = ["waiting", "active", "delayed", "prioritized", "completed", "failed"] as const;
export type TQueueJobState = (typeof QUEUE_JOB_STATES)[number];

/** `paused`: jobs waiting while the queue is paused (BullMQ 6 keeps them in its wait list). */
export type TQueueCounts = Record<TQueueJobState | "paused", number>;

export type TQueueJob = {
  id: string;
  queue: TQueueName;
  name: string;
  state: TQueueJobState;
  attemptsMade: number;
  maxAttempts: number;
  /** 0..1 when the processor reports a number; null otherwise. */
  progress: number | null;
  failedReason: string | null;
  payloadSummary: string;
  jobRunId: string | null;
  createdAt: Date;
  processedAt: Date | null;
  finishedAt: Date | null;
  /** When a delayed job becomes due. */
  runAt: Date | null;
};

export type TQueueStatus = { name: TQueueName; paused: boolean; counts: TQueueCounts };

const MAX_JOBS_LISTED = 100;
const RETRY_ALL_BATCH = 1_000;

export function queueNames(): TQueueName[] {
  return Object.keys(QUEUES).filter(isQueueName);
}

function queueOf(ctx: TContext, name: string) {
  if (!isQueueName(name)) {
    throw new AppError("BAD_USER_INPUT", `unknown queue "${name}"; queues: ${queueNames().join(", ")}`, {
      field: "queue",
    });
  }
  return { name, queue: ctx.services.queues.get(name) };
}

export async function listQueues(ctx: TContext, names?: string[] | null): Promise<TQueueStatus[]> {
  const selected = names?.length ? names.map((name) => queueOf(ctx, name)) : queueNames().map((n) => queueOf(ctx, n));
  return Promise.all(
    selected.map(async ({ name, queue }) => {
      const [counts, paused] = await Promise.all([queue.getJobCounts(...QUEUE_JOB_STATES), queue.isPaused()]);
      const byState = Object.fromEntries(QUEUE_JOB_STATES.map((state) => [state, counts[state] ?? 0])) as Record<
        TQueueJobState,
        number
      >;
      return { name, paused, counts: { ...byState, paused: paused ? byState.waiting : 0 } };
    }),
  );
}

function progressOf(job: Job): number | null {
  const progress: unknown = job.progress;
  if (typeof progress !== "number" || !Number.isFinite(progress)) return null;
  // BullMQ leaves the scale to the processor; ours report percentages.
  return Math.min(1, Math.max(0, progress > 1 ? progress / 100 : progress));
}

const dateOrNull = (ms: number | undefined | null) => (typeof ms === "number" && ms > 0 ? new Date(ms) : null);

function toQueueJob(queue: TQueueName, job: Job, state: TQueueJobState): TQueueJob {
  const data: unknown = job.data;
  const jobRunId =
    data !== null && typeof data === "object" && typeof (data as { jobRunId?: unknown }).jobRunId === "string"
      ? (data as { jobRunId: string }).jobRunId
      : null;
  return {
    id: job.id ?? "",
    queue,
    name: job.name,
    state,
    attemptsMade: job.attemptsMade,
    maxAttempts: job.opts.attempts ?? 1,
    progress: progressOf(job),
    failedReason: job.failedReason ? job.failedReason.slice(0, 2_000) : null,
    payloadSummary: summarisePayload(data),
    jobRunId,
    createdAt: new Date(job.timestamp),
    processedAt: dateOrNull(job.processedOn),
    finishedAt: dateOrNull(job.finishedOn),
    runAt: state === "delayed" && job.delay > 0 ? new Date(job.timestamp + job.delay) : null,
  };
}

/**
 * Jobs in the given states, newest first. A merchant-bound caller sees only the jobs of its own
 * merchant's job runs (queue counts stay system-wide: they are load figures, not data).
 */
export async function listQueueJobs(
  ctx: TContext,
  queueName: TQueueName,
  states: readonly TQueueJobState[],
  first: number,
): Promise<TQueueJob[]> {
  const { queue } = queueOf(ctx, queueName);
  const take = Math.min(MAX_JOBS_LISTED, Math.max(1, first));
  const perState = await Promise.all(
    states.map(async (state) => {
      const jobs = await queue.getJobs([state] as TJobTypes, 0, take - 1, false);
      return jobs
        .filter((job): job is Job => job !== undefined && job !== null)
        .map((j) => toQueueJob(queueName, j, state));
    }),
  );
  const jobs = perState
    .flat()
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
    .slice(0, take);
  const merchantId = merchantScope(ctx);
  if (merchantId === null) return jobs;
  const runIds = [...new Set(jobs.map((job) => job.jobRunId).filter((id): id is string => id !== null))];
  if (runIds.length === 0) return [];
  const own = await ctx.services.db.prisma.jobRun.findMany({
    where: { id: { in: runIds }, merchantId },
    select: { id: true },
  });
  const ownIds = new Set(own.map((run) => run.id));
  return jobs.filter((job) => job.jobRunId !== null && ownIds.has(job.jobRunId));
}

async function findJob(ctx: TContext, queueName: string, id: string) {
  const { name, queue } = queueOf(ctx, queueName);
  const job = await queue.getJob(id);
  if (!job) throw new AppError("NOT_FOUND", `no job ${id} in queue ${name}`);
  const state = (await job.getState()) as TQueueJobState | "unknown";
  return { name, queue, job, state };
}

async function audit(ctx: TContext, action: string, entityId: string, before: unknown, after: unknown): Promise<void> {
  const principal = requirePrincipal(ctx);
  await withTransaction(ctx.services.db.pool, (tx) =>
    appendAudit(tx, {
      actorId: principal.id,
      actorKind: principal.kind,
      action,
      entityType: "QueueJob",
      entityId,
      before,
      after,
      requestId: ctx.requestId,
    }),
  );
}

/** Moves a failed job back to waiting; its attempts start again. */
export async function retryJob(ctx: TContext, queueName: string, id: string): Promise<TQueueJob> {
  const { name, job, state } = await findJob(ctx, queueName, id);
  if (state !== "failed") throw new AppError("CONFLICT", `job ${id} is ${state}; only failed jobs can be retried`);
  const before = { state, attemptsMade: job.attemptsMade, failedReason: job.failedReason ?? null };
  await job.retry("failed");
  await audit(ctx, "job.retry", `${name}:${id}`, before, { state: "waiting" });
  const after = await findJob(ctx, name, id);
  return toQueueJob(name, after.job, after.state === "unknown" ? "waiting" : after.state);
}

/** Removes a job that has not started (waiting, delayed or prioritized); running jobs finish. */
export async function cancelJob(ctx: TContext, queueName: string, id: string): Promise<boolean> {
  const { name, job, state } = await findJob(ctx, queueName, id);
  if (state !== "waiting" && state !== "delayed" && state !== "prioritized") {
    throw new AppError("CONFLICT", `job ${id} is ${state}; only waiting or delayed jobs can be cancelled`);
  }
  const before = { state, name: job.name, payload: summarisePayload(job.data) };
  try {
    await job.remove();
  } catch (e) {
    // A worker took it between the state check and the removal.
    throw new AppError("CONFLICT", `job ${id} could not be cancelled: ${(e as Error).message}`);
  }
  await audit(ctx, "job.cancel", `${name}:${id}`, before, null);
  return true;
}

/** Retries every failed job of a queue; returns how many were failed when asked. */
export async function retryAllFailed(ctx: TContext, queueName: string): Promise<number> {
  const { name, queue } = queueOf(ctx, queueName);
  const failed = await queue.getFailedCount();
  if (failed === 0) return 0;
  await queue.retryJobs({ state: "failed", count: RETRY_ALL_BATCH });
  await audit(ctx, "queue.retry_all_failed", name, { failed }, { retried: failed });
  return failed;
}
