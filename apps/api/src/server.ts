import "reflect-metadata";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { ApolloServer } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import depthLimit from "graphql-depth-limit";
import { GraphQLError, printSchema } from "graphql";
import { AppError, TokenBuckets } from "@truecopy/core";
import type { TApiEnv, TLogger } from "@truecopy/config";
import { createDatabase } from "@truecopy/db";
import { createQueues, createRedis } from "@truecopy/jobs";
import { createTextEmbedder } from "@truecopy/ml";
import { authenticate } from "./auth/authenticate.js";
import type { TContext, TServices } from "./context.js";
import { createErrorFormatter } from "./errors.js";
import { graphiqlRouter } from "./http/graphiql.js";
import { healthRouter } from "./http/health.js";
import { publishedExportRouter } from "./http/published-export.js";
import { startServing } from "./http/serve.js";
import { aliasLimit, complexityPlugin, documentSizeLimit, nulInLiterals, nulInVariablesPlugin } from "./http/limits.js";
import { refuseCrossSiteSessions } from "./http/cross-site.js";
import { createApiMetrics } from "./http/metrics.js";
import { requestContext } from "./http/request-context.js";
import { createLoaders } from "./loaders.js";
import { getSchema } from "./schema/build-schema.js";
import { createSimilarity } from "./services/similarity.js";

export type TApiServer = { url: string; port: number; stop(): Promise<void>; services: TServices };

/** Builds and starts the HTTP API; used by main.ts and, in-process, by integration tests. */
export async function startApiServer(env: TApiEnv, log: TLogger): Promise<TApiServer> {
  const db = createDatabase(env.DATABASE_URL, { poolMax: env.DATABASE_POOL_MAX, applicationName: "truecopy-api" });
  const redis = createRedis(env.REDIS_URL, "producer");
  redis.on("error", () => undefined); // readiness reports it; reconnects on its own
  const queues = createQueues(redis, env.TRUECOPY_QUEUE_PREFIX);
  const metrics = createApiMetrics({ db, queues });
  const graphqlRate = new TokenBuckets({ ratePerSecond: env.GRAPHQL_RATE_PER_SECOND, burst: env.GRAPHQL_RATE_BURST });
  const serving = await startServing({ db, redis, prefix: env.TRUECOPY_QUEUE_PREFIX, log });
  const embedder = createTextEmbedder();
  const services: TServices = {
    db,
    env,
    log,
    embedder,
    queues,
    similarity: createSimilarity(db, { name: embedder.model.name, dim: embedder.model.dim }),
  };

  const schema = await getSchema();
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");
  // /serve is answered ahead of Express: it is the shops' hot path (docs/serving.md).
  const httpServer: Server = createServer((req, res) => {
    if (!serving.handle(req, res)) app(req, res);
  });
  const production = env.NODE_ENV === "production";
  const introspection = env.GRAPHQL_INTROSPECTION || !production;

  const apollo = new ApolloServer<TContext>({
    schema,
    introspection,
    csrfPrevention: true,
    // main.ts owns signal handling and the shutdown order.
    stopOnTerminationSignals: false,
    validationRules: [depthLimit(env.GRAPHQL_MAX_DEPTH), aliasLimit(env.GRAPHQL_MAX_ALIASES), nulInLiterals],
    formatError: createErrorFormatter(log, !production),
    includeStacktraceInErrorResponses: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: 5_000 }),
      ApolloServerPluginLandingPageDisabled(),
      nulInVariablesPlugin,
      complexityPlugin(schema, env.GRAPHQL_MAX_COMPLEXITY),
      metrics.graphqlPlugin,
    ],
  });
  await apollo.start();

  app.use(requestContext(log));
  app.use(metrics.http);
  app.use(metrics.router(env.METRICS_TOKEN));
  app.use(healthRouter(db, redis));
  app.use(publishedExportRouter(db, log));
  app.use(serving.router);
  if (introspection) app.use(graphiqlRouter("/graphql"));
  app.get("/schema.graphql", (_req, res) => {
    if (!introspection) return res.status(404).end();
    res.type("text/plain").send(printSchema(schema));
  });
  app.use(
    "/graphql",
    refuseCrossSiteSessions(),
    express.json({ limit: "25mb" }),
    documentSizeLimit(env.GRAPHQL_MAX_DOCUMENT_BYTES),
    expressMiddleware(apollo, {
      context: async ({ req, res }): Promise<TContext> => {
        const requestId = String(res.locals.requestId);
        let principal = null;
        try {
          principal = await authenticate(req, db);
        } catch (e) {
          // Errors thrown here bypass formatError: they must already be GraphQLErrors with a status.
          if (e instanceof AppError)
            throw new GraphQLError(e.message, { extensions: { code: e.code, http: { status: 401 } } });
          log.error("authentication failed", { error: (e as Error).message });
          throw new GraphQLError("authentication is unavailable, try again", {
            extensions: { code: "UNAVAILABLE", http: { status: 503 } },
          });
        }
        // Per caller: the API key or user, else the client address (anonymous calls are logins).
        const t = graphqlRate.take(principal ? `p:${principal.id}` : `ip:${req.ip ?? "unknown"}`, Date.now());
        if (!t.ok) {
          res.setHeader("retry-after", String(t.retryAfterSeconds));
          throw new GraphQLError(`too many requests; retry in ${t.retryAfterSeconds} s`, {
            extensions: { code: "RATE_LIMITED", http: { status: 429 } },
          });
        }
        return { services, principal, loaders: createLoaders(db), requestId, req, res };
      },
    }),
  );

  await new Promise<void>((resolve) => httpServer.listen(env.API_PORT, env.API_HOST, resolve));
  const port = (httpServer.address() as AddressInfo).port;
  log.info("api listening", { port, graphql: `http://localhost:${port}/graphql` });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    services,
    async stop() {
      // Keep-alive sockets (the dashboard's proxy) would hold the drain open until its grace period.
      httpServer.closeIdleConnections();
      await apollo.stop();
      await serving.stop();
      await queues.close();
      redis.disconnect();
      await db.close();
    },
  };
}
