// Shapes from the API contract (docs/graphql-contract.md, apps/api/schema.graphql) that the
// dashboard reads. Dates arrive as ISO strings.

export type TRole = "ADMIN" | "MODERATOR" | "MERCHANDISER" | "ANALYST" | "SERVICE";
export type TJobStatus = "QUEUED" | "RUNNING" | "COMPLETED" | "FAILED" | "CANCELLED";
export type TImportFormat = "CSV" | "JSONL";

export type TUser = { id: string; email: string; name: string; role: TRole; merchantId: string | null };

export type TMerchant = { id: string; slug: string; name: string; productCount: number };

export type TPageInfo = { hasNextPage: boolean; endCursor: string | null };

export type TJobRun = {
  id: string;
  queue: string;
  name: string;
  status: TJobStatus;
  total: number;
  processed: number;
  failed: number;
  progress: number;
  error: string | null;
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
};

export type TImportRowError = { row: number; sku: string | null; field: string; message: string };

export type TImportResult = {
  received: number;
  created: number;
  updated: number;
  unchanged: number;
  invalid: number;
  errors: TImportRowError[];
  jobRun: TJobRun | null;
};

export const ACTIVE_JOB_STATUSES: ReadonlySet<TJobStatus> = new Set(["QUEUED", "RUNNING"]);

export function isJobActive(job: Pick<TJobRun, "status">): boolean {
  return ACTIVE_JOB_STATUSES.has(job.status);
}
