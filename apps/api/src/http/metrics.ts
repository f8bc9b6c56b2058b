import type { NextFunction, Request, Response, Router } from "express";
import express from "express";
import type { ApolloServerPlugin } from "@apollo/server";
import { unwrapResolverError } from "@apollo/server/errors";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { TDatabase } from "@truecopy/db";
import { QueueName, type TQueues } from "@truecopy/jobs";
import type { GraphQLError } from "graphql";
import { isAppError } from "@truecopy/core";
import type { TContext } from "../context.js";

const SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
// Aggregates over big tables are read at most this often, however often Prometheus scrapes.
const TABLE_STATS_TTL_MS = 15_000;

// Errors reach this hook before formatError gives them their public code (Apollo has marked
// every resolver error INTERNAL_SERVER_ERROR by then).
const errorCode = (e: GraphQLError): string => {
  const original = unwrapResolverError(e);
  if (isAppError(original)) return original.code;
  return typeof e.extensions?.code === "string" ? e.extensions.code : "INTERNAL_SERVER_ERROR";
};

export type TApiMetrics = {
  registry: Registry;
  /** Times every HTTP request by route template (never the raw path: ids would explode the label set). */
  http: (req: Request, res: Response, next: NextFunction) => void;
  graphqlPlugin: ApolloServerPlugin<TContext>;
  router(token: string | undefined): Router;
};

/** Prometheus metrics for one API server; a registry per server so in-process tests stay apart. */
export function createApiMetrics(o: { db: TDatabase; queues: TQueues }): TApiMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "truecopy_api_" });

  const httpDuration = new Histogram({
    name: "truecopy_http_request_duration_seconds",
    help: "HTTP requests by method, route template and status",
    labelNames: ["method", "route", "status"] as const,
    buckets: SECONDS,
    registers: [registry],
  });
  const operationDuration = new Histogram({
    name: "truecopy_graphql_operation_duration_seconds",
    help: "GraphQL operations by operation name and outcome",
    labelNames: ["operation", "type", "outcome"] as const,
    buckets: SECONDS,
    registers: [registry],
  });
  const resolverDuration = new Histogram({
    name: "truecopy_graphql_resolver_duration_seconds",
    help: "Root query and mutation resolvers by field",
    labelNames: ["field", "outcome"] as const,
    buckets: SECONDS,
    registers: [registry],
  });
  const graphqlErrors = new Counter({
    name: "truecopy_graphql_errors_total",
    help: "GraphQL errors by code",
    labelNames: ["code"] as const,
    registers: [registry],
  });

  new Gauge({
    name: "truecopy_queue_jobs",
    help: "BullMQ jobs by queue and state",
    labelNames: ["queue", "state"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      await Promise.all(
        Object.values(QueueName).map(async (queue) => {
          const counts = await o.queues
            .get(queue)
            .getJobCounts("waiting", "active", "completed", "failed", "delayed", "prioritized");
          for (const [state, n] of Object.entries(counts)) this.set({ queue, state }, n);
        }),
      );
    },
  });

  let tableStats: {
    at: number;
    findings: { category: string; n: number }[];
    runs: { queue: string; status: string; n: number }[];
  } | null = null;
  const readTableStats = async () => {
    if (tableStats && Date.now() - tableStats.at < TABLE_STATS_TTL_MS) return tableStats;
    const [findings, runs] = await Promise.all([
      o.db.pool.query<{ category: string; n: number }>(
        `SELECT category, count(*)::int AS n FROM "Finding" GROUP BY category`,
      ),
      o.db.pool.query<{ queue: string; status: string; n: number }>(
        `SELECT queue, status, count(*)::int AS n FROM "JobRun" GROUP BY queue, status`,
      ),
    ]);
    tableStats = { at: Date.now(), findings: findings.rows, runs: runs.rows };
    return tableStats;
  };
  new Gauge({
    name: "truecopy_findings",
    help: "Stored linter findings by category",
    labelNames: ["category"] as const,
    registers: [registry],
    async collect() {
      const s = await readTableStats();
      this.reset();
      for (const r of s.findings) this.set({ category: r.category }, r.n);
    },
  });
  new Gauge({
    name: "truecopy_job_runs",
    help: "Tracked job runs (imports, analyses, lint passes) by queue and status",
    labelNames: ["queue", "status"] as const,
    registers: [registry],
    async collect() {
      const s = await readTableStats();
      this.reset();
      for (const r of s.runs) this.set({ queue: r.queue, status: r.status }, r.n);
    },
  });

  const routeOf = (req: Request) => {
    const route = (req.route as { path?: unknown } | undefined)?.path;
    if (typeof route === "string") return `${req.baseUrl}${route}`;
    return req.baseUrl || "unmatched";
  };

  return {
    registry,
    http: (req, res, next) => {
      const end = httpDuration.startTimer();
      res.on("finish", () => end({ method: req.method, route: routeOf(req), status: String(res.statusCode) }));
      next();
    },
    graphqlPlugin: {
      requestDidStart() {
        const started = performance.now();
        return Promise.resolve({
          executionDidStart() {
            return Promise.resolve({
              willResolveField({ info }) {
                if (info.path.prev !== undefined) return; // root fields only: one series per operation kind
                const end = resolverDuration.startTimer({ field: `${info.parentType.name}.${info.fieldName}` });
                return (error) => end({ outcome: error ? "error" : "ok" });
              },
            });
          },
          willSendResponse({ operationName, operation, errors }) {
            for (const e of errors ?? []) graphqlErrors.inc({ code: errorCode(e) });
            operationDuration.observe(
              {
                operation: operationName ?? "anonymous",
                type: operation?.operation ?? "unknown",
                outcome: errors?.length ? "error" : "ok",
              },
              (performance.now() - started) / 1000,
            );
            return Promise.resolve();
          },
        });
      },
    },
    router(token) {
      const router = express.Router();
      router.get("/metrics", async (req, res) => {
        // Optional bearer token: metrics name queues and volumes, which is operational information.
        if (token && req.headers.authorization !== `Bearer ${token}`) return res.status(401).end();
        try {
          res.type(registry.contentType).send(await registry.metrics());
        } catch (e) {
          res
            .status(503)
            .type("text/plain")
            .send(`metrics unavailable: ${(e as Error).message}`);
        }
      });
      return router;
    },
  };
}
