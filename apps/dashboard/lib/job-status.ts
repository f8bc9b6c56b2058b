import type { TJobStatus } from "./graphql/generated/graphql";

// Not finished (a paused run is resumed or cancelled later): views keep polling these.
export const ACTIVE_JOB_STATUSES: ReadonlySet<TJobStatus> = new Set(["QUEUED", "RUNNING", "PAUSED"]);

export function isJobActive(job: { status: TJobStatus }): boolean {
  return ACTIVE_JOB_STATUSES.has(job.status);
}
