import "reflect-metadata";
import {
  Arg,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  Float,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  registerEnumType,
  Resolver,
  Root,
} from "type-graphql";
import type { TContext } from "../context.js";
import {
  cancelJob,
  listQueueJobs,
  listQueues,
  retryAllFailed,
  retryJob,
  type TQueueJobState,
} from "../services/queue.service.js";
import type { TQueueName } from "@truecopy/jobs";

export enum QueueJobState {
  WAITING = "waiting",
  ACTIVE = "active",
  DELAYED = "delayed",
  PRIORITIZED = "prioritized",
  COMPLETED = "completed",
  FAILED = "failed",
}
registerEnumType(QueueJobState, { name: "QueueJobState", description: "Where a job is in its BullMQ queue" });

@ObjectType({ description: "How many jobs a queue holds in each state" })
export class QueueCounts {
  @Field(() => Int) waiting!: number;
  @Field(() => Int) active!: number;
  @Field(() => Int) delayed!: number;
  @Field(() => Int, { description: "Waiting with a priority" }) prioritized!: number;
  @Field(() => Int, { description: "Kept for a day (at most 10,000)" }) completed!: number;
  @Field(() => Int) failed!: number;
  @Field(() => Int, { description: "Of the waiting jobs, those held because the queue is paused" }) paused!: number;
}

@ObjectType({ description: "One job of a queue" })
export class QueueJob {
  @Field(() => ID) id!: string;
  @Field(() => String) queue!: string;
  @Field(() => String) name!: string;
  @Field(() => QueueJobState) state!: QueueJobState;
  @Field(() => Int) attemptsMade!: number;
  @Field(() => Int) maxAttempts!: number;
  @Field(() => Float, { nullable: true, description: "0..1 when the processor reports progress" })
  progress!: number | null;
  @Field(() => String, { nullable: true, description: "The last attempt's error" }) failedReason!: string | null;
  @Field(() => String, { description: "The payload in one line: ids shortened, lists counted" })
  payloadSummary!: string;
  @Field(() => ID, { nullable: true, description: "The job run this job advances, if any" })
  jobRunId!: string | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true }) processedAt!: Date | null;
  @Field(() => Date, { nullable: true }) finishedAt!: Date | null;
  @Field(() => Date, { nullable: true, description: "When a delayed job becomes due" }) runAt!: Date | null;
}

@ObjectType({ description: "A BullMQ queue of packages/jobs" })
export class QueueStatus {
  @Field(() => String) name!: TQueueName;
  @Field(() => Boolean) paused!: boolean;
  @Field(() => QueueCounts) counts!: QueueCounts;
}

const DEFAULT_LISTED_STATES = [
  QueueJobState.ACTIVE,
  QueueJobState.WAITING,
  QueueJobState.DELAYED,
  QueueJobState.FAILED,
];

@Resolver(() => QueueStatus)
export class QueueResolver {
  @Authorized("jobs:read")
  @Query(() => [QueueStatus], { description: "Every queue (or the named ones) with its job counts" })
  queues(@Ctx() ctx: TContext, @Arg("names", () => [String], { nullable: true }) names?: string[] | null) {
    return listQueues(ctx, names);
  }

  @Authorized("jobs:read")
  @FieldResolver(() => [QueueJob], {
    description:
      "Jobs in the given states (default active, waiting, delayed, failed), newest first; a merchant-bound caller sees its own merchant's jobs only",
  })
  jobs(
    @Ctx() ctx: TContext,
    @Root() queue: QueueStatus,
    @Arg("states", () => [QueueJobState], { nullable: true }) states?: QueueJobState[] | null,
    @Arg("first", () => Int, { defaultValue: 20 }) first?: number,
  ) {
    // The enum's values are BullMQ's state names.
    const wanted = (states?.length ? states : DEFAULT_LISTED_STATES).map((state) => state as TQueueJobState);
    return listQueueJobs(ctx, queue.name, wanted, first ?? 20);
  }

  @Authorized("jobs:manage")
  @Mutation(() => QueueJob, { description: "Moves a failed job back to waiting (audited)" })
  retryJob(@Ctx() ctx: TContext, @Arg("queue", () => String) queue: string, @Arg("id", () => ID) id: string) {
    return retryJob(ctx, queue, id);
  }

  @Authorized("jobs:manage")
  @Mutation(() => Boolean, { description: "Removes a waiting or delayed job before it runs (audited)" })
  cancelJob(@Ctx() ctx: TContext, @Arg("queue", () => String) queue: string, @Arg("id", () => ID) id: string) {
    return cancelJob(ctx, queue, id);
  }

  @Authorized("jobs:manage")
  @Mutation(() => Int, { description: "Retries every failed job of a queue; returns how many (audited)" })
  retryAllFailed(@Ctx() ctx: TContext, @Arg("queue", () => String) queue: string) {
    return retryAllFailed(ctx, queue);
  }
}
