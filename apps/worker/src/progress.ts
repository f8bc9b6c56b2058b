import type { Job } from "bullmq";

/** Reports how far a job is, from 0 to 1; the jobs page draws it as a bar. */
export type TProgress = (fraction: number) => Promise<void>;

export const noProgress: TProgress = () => Promise.resolve();

// Stored as a whole percentage (BullMQ's convention), only when it moves, so a job of many small
// chunks does not write to Redis for every one.
export function jobProgress(job: Job): TProgress {
  let last = -1;
  return async (fraction) => {
    const percent = Math.round(100 * Math.min(1, Math.max(0, fraction)));
    if (percent === last) return;
    last = percent;
    await job.updateProgress(percent);
  };
}
