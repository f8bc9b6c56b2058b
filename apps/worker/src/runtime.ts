import { createServer } from "node:http";
import { Registry, collectDefaultMetrics } from "prom-client";
import { llmSettings, type TLogger, type TWorkerEnv } from "@truecopy/config";
import { MATCHER_MODEL } from "@truecopy/core";
import { createDatabase, queueReembedding } from "@truecopy/db";
import { createQueues, createRedis } from "@truecopy/jobs";
import { createOcr, createSentimentClassifier, createTextEmbedder } from "@truecopy/ml";
import { analyzeProcessor } from "./features/analyze/analyze.processor.js";
import { webhookProcessor } from "./features/webhook/webhook.processor.js";
import { lintProcessor } from "./features/lint/lint.processor.js";
import { dedupeProcessor } from "./features/dedupe/dedupe.processor.js";
import { generateProcessor } from "./features/generate/generate.processor.js";
import { learnProcessor, scheduleLearning } from "./features/learn/learn.processor.js";
import { visionProcessor } from "./features/vision/vision.processor.js";
import { startOutboxRelay } from "./outbox/outbox-relay.js";
import { startWorkers } from "./registry.js";

export type TWorkerRuntime = { stop(): Promise<void> };

/** Everything a worker process runs; also started in-process by integration tests. */
export async function startWorkerRuntime(env: TWorkerEnv, log: TLogger): Promise<TWorkerRuntime> {
  const db = createDatabase(env.DATABASE_URL, { poolMax: env.DATABASE_POOL_MAX, applicationName: "truecopy-worker" });
  const workerRedis = createRedis(env.REDIS_URL, "worker");
  const producerRedis = createRedis(env.REDIS_URL, "worker");
  const queues = createQueues(producerRedis, env.TRUECOPY_QUEUE_PREFIX);
  // One ONNX session per process, loaded before the first job so a broken model fails the start.
  const embedder = createTextEmbedder();
  // The matcher's name cosines come from the model it was trained with (often not the default).
  const matcherEmbedder = createTextEmbedder(MATCHER_MODEL.embeddingModel);
  const sentiment = createSentimentClassifier();
  await Promise.all([embedder.embed(["warm-up"]), matcherEmbedder.embed(["warm-up"]), sentiment.classify(["warm-up"])]);

  const metrics = new Registry();
  collectDefaultMetrics({ register: metrics, prefix: "truecopy_worker_" });
  const workers = startWorkers({
    metrics,
    connection: workerRedis,
    prefix: env.TRUECOPY_QUEUE_PREFIX,
    definitions: [
      analyzeProcessor({ db, embedder, sentiment }, env.WORKER_CONCURRENCY),
      webhookProcessor({ db, env, log }, env.WORKER_CONCURRENCY),
      lintProcessor({ db, log }, env.WORKER_CONCURRENCY),
      generateProcessor(
        { db, redis: producerRedis, queues, prefix: env.TRUECOPY_QUEUE_PREFIX, log, llm: llmSettings(env) },
        env.WORKER_CONCURRENCY,
      ),
      dedupeProcessor({ db, embedder, matcherEmbedder }, env.WORKER_CONCURRENCY),
      // OCR models load on the first image (most workers never see one before they are needed).
      visionProcessor({ db, env, log, ocr: createOcr() }, env.VISION_CONCURRENCY),
      learnProcessor({ db, redis: producerRedis, prefix: env.TRUECOPY_QUEUE_PREFIX, log }),
    ],
    log,
    lockMs: env.WORKER_LOCK_MS,
    faultDelayMs: env.WORKER_FAULT_DELAY_MS,
  });
  const relay = startOutboxRelay({ db, queues, pollMs: env.OUTBOX_POLL_MS, log });
  // A new embedding model: products analysed with the old one are queued again (one worker does it).
  const { name: model, version } = embedder.model;
  void queueReembedding(db.pool, { model, version, batchSize: 500 }).then(
    (r) => r.products && log.info("re-embedding products for a new model", { model: embedder.model.name, ...r }),
    (e: Error) => log.warn("could not queue re-embedding", { error: e.message }),
  );
  void scheduleLearning(queues).catch((e: Error) =>
    log.warn("could not schedule the learning job", { error: e.message }),
  );
  const health = env.WORKER_HEALTH_PORT
    ? createServer((req, res) => {
        if (req.url === "/metrics") {
          if (env.METRICS_TOKEN && req.headers.authorization !== `Bearer ${env.METRICS_TOKEN}`) {
            res.writeHead(401).end();
            return;
          }
          metrics.metrics().then(
            (text) => res.writeHead(200, { "content-type": metrics.contentType }).end(text),
            (e: Error) => res.writeHead(503).end(e.message),
          );
          return;
        }
        res.writeHead(req.url === "/healthz" ? 200 : 404, { "content-type": "application/json" });
        res.end(JSON.stringify({ status: "ok", queues: Object.fromEntries(workers.stats) }));
      }).listen(env.WORKER_HEALTH_PORT)
    : null;
  log.info("worker started", { prefix: env.TRUECOPY_QUEUE_PREFIX, model: embedder.model.name });

  return {
    // Order matters: stop taking work, let active jobs finish, then close Redis, then the database.
    async stop() {
      await relay.stop();
      await workers.close();
      await queues.close();
      workerRedis.disconnect();
      producerRedis.disconnect();
      health?.close();
      await db.close();
    },
  };
}
