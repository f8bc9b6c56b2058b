import { afterAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { Queue, QueueEvents, Worker } from "bullmq";
import { testEnv } from "@truecopy/config";
import { createRedis } from "@truecopy/jobs";
import { jobProgress } from "./progress.js";

// Progress goes to BullMQ as whole percentages, written only when the number changes, and stays on
// the finished job (the jobs page reads it from there).

const prefix = `progress-${randomUUID().slice(0, 8)}`;
const connection = createRedis(testEnv().REDIS_URL, "worker");
const closers: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const close of closers.reverse()) await close();
  connection.disconnect();
});

describe("jobProgress", () => {
  it("stores percentages on the job, once per change, clamped to 0..100", async () => {
    const queue = new Queue("progress", { connection, prefix });
    const events = new QueueEvents("progress", { connection: createRedis(testEnv().REDIS_URL, "worker"), prefix });
    closers.push(
      () => queue.obliterate({ force: true }).then(() => queue.close()),
      () => events.close(),
    );
    await events.waitUntilReady();
    const seen: unknown[] = [];
    events.on("progress", ({ data }) => seen.push(data));
    const worker = new Worker(
      "progress",
      async (job) => {
        const progress = jobProgress(job);
        for (const f of [0.1, 0.1004, 0.5, 0.5, 1.2]) await progress(f);
      },
      { connection, prefix },
    );
    closers.push(() => worker.close());
    const job = await queue.add("p", {});
    await job.waitUntilFinished(events, 10_000);
    const done = await queue.getJob(job.id!);
    expect(done?.progress).toBe(100);
    await expect.poll(() => seen).toEqual([10, 50, 100]);
  });
});
