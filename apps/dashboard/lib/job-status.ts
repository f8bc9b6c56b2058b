import type { TJobStatus } from "./graphql/generated/graphql";

// Not finished (a paused run is resumed or cancelled later): views keep polling these.
export const ACTIVE_JOB_STATUSES: ReadonlySet<TJobStatus> = new Set(["QUEUED", "RUNNING", "PAUSED"]);

// A paused run moves only when someone resumes or cancels it: the view that did so refetches at
// once, so this slow poll only catches another user's action.
export const PAUSED_POLL_MS = 10_000;

export function isJobActive(job: { status: TJobStatus }): boolean {
  return ACTIVE_JOB_STATUSES.has(job.status);
}

/**
 * For `pollWhile`: true (poll at the view's pace) while any job is queued or running, the slow
 * pace while the only unfinished ones are paused, false once all have finished.
 */
export function jobsPollPace(jobs: readonly { status: TJobStatus }[]): boolean | number {
  if (jobs.some((job) => job.status === "QUEUED" || job.status === "RUNNING")) return true;
  return jobs.some((job) => job.status === "PAUSED") ? PAUSED_POLL_MS : false;
}
