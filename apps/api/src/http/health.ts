import type { Router } from "express";
import express from "express";
import type { TDatabase } from "@truecopy/db";
import type { Redis } from "ioredis";

const withTimeout = <T>(p: Promise<T>, ms: number) =>
  Promise.race([
    p,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms).unref()),
  ]);

/** /healthz: the process is alive. /readyz: it can serve (database and Redis answer). */
export function healthRouter(db: TDatabase, redis: Redis): Router {
  const router = express.Router();
  router.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  router.get("/readyz", async (_req, res) => {
    const checks: Record<string, string> = {};
    await Promise.all([
      withTimeout(db.pool.query("SELECT 1"), 2_000).then(
        () => (checks.database = "ok"),
        (e: Error) => (checks.database = e.message),
      ),
      withTimeout(redis.ping(), 2_000).then(
        () => (checks.redis = "ok"),
        (e: Error) => (checks.redis = e.message),
      ),
    ]);
    const ready = Object.values(checks).every((v) => v === "ok");
    res.status(ready ? 200 : 503).json({ status: ready ? "ready" : "not ready", checks });
  });
  return router;
}
