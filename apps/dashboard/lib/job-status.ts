import type { TJobStatus } from "./graphql/generated/graphql";

export const ACTIVE_JOB_STATUSES: ReadonlySet<TJobStatus> = new Set(["QUEUED", "RUNNING"]);

export function isJobActive(job: { status: TJobStatus }): boolean {
  return ACTIVE_JOB_STATUSES.has(job.status);
}
