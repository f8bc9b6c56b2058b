import type { Prisma } from "@truecopy/db";
import type { TContext } from "../context.js";
import { merchantScope } from "../auth/auth-checker.js";
import type { JobRun, JobRunConnection, JobRunFilter, JobStatus } from "../schema/types.js";
import { afterCursor, clampFirst, toConnection } from "./cursor.js";
import { assertUuid } from "./product.service.js";

type TJobRunRecord = Omit<JobRun, "progress" | "status"> & { status: string };

export function toJobRun(r: TJobRunRecord): JobRun {
  const finished = r.status === "COMPLETED" || r.status === "FAILED" || r.status === "CANCELLED";
  const progress = r.total > 0 ? Math.min(1, (r.processed + r.failed) / r.total) : finished ? 1 : 0;
  return { ...r, status: r.status as JobStatus, progress };
}

const scopeWhere = (ctx: TContext): Prisma.JobRunWhereInput => {
  const merchantId = merchantScope(ctx);
  return merchantId ? { merchantId } : {};
};

export async function listJobRuns(
  ctx: TContext,
  filter: JobRunFilter | undefined,
  first: number | undefined,
  after: string | undefined,
): Promise<JobRunConnection> {
  const take = clampFirst(first);
  const where: Prisma.JobRunWhereInput = {
    ...scopeWhere(ctx),
    ...(filter?.status?.length ? { status: { in: filter.status } } : {}),
    ...(filter?.queue ? { queue: filter.queue } : {}),
  };
  const prisma = ctx.services.db.prisma;
  const [rows, totalCount] = await Promise.all([
    prisma.jobRun.findMany({
      where: afterCursor(where, after),
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: take + 1,
    }),
    prisma.jobRun.count({ where }),
  ]);
  return toConnection(rows.map(toJobRun), take, totalCount, after);
}

export async function getJobRun(ctx: TContext, id: string): Promise<JobRun | null> {
  assertUuid(id);
  const row = await ctx.services.db.prisma.jobRun.findFirst({ where: { id, ...scopeWhere(ctx) } });
  return row ? toJobRun(row) : null;
}
