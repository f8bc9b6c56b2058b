import { Arg, Authorized, Ctx, ID, Int, Query, Resolver } from "type-graphql";
import type { TContext } from "../context.js";
import { getJobRun, listJobRuns } from "../services/job-run.service.js";
import { JobRun, JobRunConnection, JobRunFilter } from "./types.js";

@Resolver(() => JobRun)
export class JobRunResolver {
  @Authorized("jobs:read")
  @Query(() => JobRunConnection)
  jobRuns(
    @Ctx() ctx: TContext,
    @Arg("filter", () => JobRunFilter, { nullable: true }) filter?: JobRunFilter,
    @Arg("first", () => Int, { nullable: true, defaultValue: 20 }) first?: number,
    @Arg("after", () => String, { nullable: true }) after?: string,
  ) {
    return listJobRuns(ctx, filter, first, after);
  }

  @Authorized("jobs:read")
  @Query(() => JobRun, { nullable: true })
  jobRun(@Ctx() ctx: TContext, @Arg("id", () => ID) id: string) {
    return getJobRun(ctx, id);
  }
}
