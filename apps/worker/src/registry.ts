import { UnrecoverableError, Worker, type Job } from "bullmq";
import { Counter, Histogram, type Registry } from "prom-client";
import type { Redis } from "ioredis";
import { InvalidPayloadError, TRACE_KEY, type TQueueName } from "@truecopy/jobs";
import { contextFrom, inSpan, SpanKind, type TLogger } from "@truecopy/config";

export type TProcessorDefinition = {
  queue: TQueueName;
  concurrency: number;
  process(job: Job): Promise<unknown>;
  onFinalFailure?(job: Job): Promise<void>;
};

export type TWorkerStats = { completed: number; failed: number; active: number };

/**
 * Wraps every processor the same way: malformed payloads fail without retries, other errors retry
 * with the queue's backoff, and the final failure is handed to the processor to record.
 */
export function startWorkers(o: {
  connection: Redis;
  prefix: string;
  definitions: TProcessorDefinition[];
  log: TLogger;
  lockMs: number;
  faultDelayMs: number;
  /** Prometheus registry for job timings and outcomes (the worker's /metrics). */
  metrics: Registry;
}) {
  const stats = new Map<TQueueName, TWorkerStats>();
  const duration = new Histogram({
    name: "truecopy_job_duration_seconds",
    help: "Job attempts by queue and outcome (ok, retry: will be retried, failed: final)",
    labelNames: ["queue", "outcome"] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [o.metrics],
  });
  const finalFailures = new Counter({
    name: "truecopy_job_failures_total",
    help: "Jobs that failed for good (retries exhausted or unrecoverable), by queue",
    labelNames: ["queue"] as const,
    registers: [o.metrics],
  });
  const workers = o.definitions.map((def) => {
    const s: TWorkerStats = { completed: 0, failed: 0, active: 0 };
    stats.set(def.queue, s);
    const worker = new Worker(
      def.queue,
      async (job) => {
        s.active += 1;
        const started = performance.now();
        const end = duration.startTimer({ queue: def.queue });
        try {
          if (o.faultDelayMs) await new Promise((r) => setTimeout(r, o.faultDelayMs));
          // The job continues the trace of the request that caused it (carried through the outbox).
          const traceparent = (job.data as Record<string, unknown> | null)?.[TRACE_KEY];
          const result = await inSpan(
            `job ${def.queue}`,
            {
              parent: contextFrom(typeof traceparent === "string" ? traceparent : null),
              kind: SpanKind.CONSUMER,
              attributes: { "messaging.destination.name": def.queue, "messaging.message.id": job.id ?? "" },
            },
            () => def.process(job),
          );
          end({ outcome: "ok" });
          o.log.info("job completed", { queue: def.queue, jobId: job.id, ms: Math.round(performance.now() - started) });
          return result;
        } catch (e) {
          const unrecoverable = e instanceof InvalidPayloadError || e instanceof UnrecoverableError;
          const last = unrecoverable || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
          end({ outcome: last ? "failed" : "retry" });
          if (e instanceof InvalidPayloadError) throw new UnrecoverableError(e.message);
          throw e;
        } finally {
          s.active -= 1;
        }
      },
      {
        connection: o.connection,
        prefix: o.prefix,
        concurrency: def.concurrency,
        autorun: true,
        lockDuration: o.lockMs,
        stalledInterval: o.lockMs,
      },
    );
    worker.on("completed", () => {
      s.completed += 1;
    });
    worker.on("failed", (job, error) => {
      s.failed += 1;
      if (!job) return;
      const final = error instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
      if (final) finalFailures.inc({ queue: def.queue });
      o.log[final ? "error" : "warn"]("job failed", {
        queue: def.queue,
        jobId: job.id,
        attempt: job.attemptsMade,
        final,
        error: error.message,
      });
      if (final && def.onFinalFailure) {
        def
          .onFinalFailure(job)
          .catch((err: unknown) => o.log.error("recording a failed job failed", { error: String(err) }));
      }
    });
    worker.on("error", (error) => o.log.error("worker error", { queue: def.queue, error: error.message }));
    return worker;
  });
  return {
    stats,
    /**
     * Lets active jobs finish. If Redis is down a graceful close never returns, so after `graceMs`
     * the workers are closed by force: their jobs' locks expire and another worker takes them over.
     */
    async close(graceMs = 10_000) {
      const graceful = Promise.all(workers.map((w) => w.close())).then(() => true);
      const timedOut = new Promise<false>((r) => setTimeout(() => r(false), graceMs).unref());
      if (await Promise.race([graceful, timedOut])) return;
      o.log.warn("workers did not stop in time; closing them by force", { graceMs });
      await Promise.race([
        Promise.all(workers.map((w) => w.close(true))),
        new Promise((r) => setTimeout(r, 2_000).unref()),
      ]);
    },
  };
}
