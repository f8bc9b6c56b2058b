import type { Request, Response, Router } from "express";
import express from "express";
import { AppError, can, csvLine, isMerchantBound, PUBLISHED_EXPORT_COLUMNS } from "@truecopy/core";
import { iteratePublishedVariants, toPublishedExportRow, type TDatabase } from "@truecopy/db";
import type { TLogger } from "@truecopy/config";
import { authenticate } from "../auth/authenticate.js";

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function fail(res: Response, status: number, code: string, message: string) {
  res.status(status).json({ error: { code, message } });
}

const STATUS: Partial<Record<AppError["code"], number>> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, BAD_USER_INPUT: 400 };

/**
 * GET /export/published.jsonl and /export/published.csv (?merchantId=&since=): every live text,
 * streamed page by page with backpressure, for shops that sync by file. Authenticated like GraphQL
 * (API key or session) and needs variants:export; merchant-bound keys get their own merchant only.
 * CSV cells that a spreadsheet would run as formulas are neutralised.
 */
export function publishedExportRouter(db: TDatabase, log: TLogger): Router {
  const router = express.Router();
  router.get(/^\/export\/published\.(jsonl|csv)$/, async (req: Request, res: Response) => {
    const format = req.path.endsWith(".csv") ? "csv" : "jsonl";
    let merchantId: string | null;
    let since: Date | null = null;
    try {
      const principal = await authenticate(req, db);
      if (!principal) throw new AppError("UNAUTHENTICATED", "send an API key or sign in");
      if (!can(principal.role, "variants:export"))
        throw new AppError("FORBIDDEN", `role ${principal.role} may not variants:export`);
      const asked = typeof req.query.merchantId === "string" && req.query.merchantId ? req.query.merchantId : null;
      if (asked && !UUID_RE.test(asked)) throw new AppError("BAD_USER_INPUT", "merchantId must be a UUID");
      if (isMerchantBound(principal.role)) {
        if (!principal.merchantId) throw new AppError("FORBIDDEN", "this key is not bound to a merchant");
        if (asked && asked !== principal.merchantId)
          throw new AppError("FORBIDDEN", "you may only export your own merchant");
        merchantId = principal.merchantId;
      } else merchantId = asked;
      if (typeof req.query.since === "string" && req.query.since) {
        since = new Date(req.query.since);
        if (Number.isNaN(since.getTime())) throw new AppError("BAD_USER_INPUT", "since must be an ISO date-time");
      }
    } catch (e) {
      if (e instanceof AppError) return fail(res, STATUS[e.code] ?? 400, e.code, e.message);
      log.error("export authentication failed", { error: (e as Error).message });
      return fail(res, 503, "UNAVAILABLE", "authentication is unavailable, try again");
    }

    res.status(200);
    res.setHeader("content-type", format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8");
    res.setHeader("content-disposition", `attachment; filename="published.${format}"`);
    res.setHeader("cache-control", "no-store");
    res.setHeader("x-content-type-options", "nosniff");
    const write = (chunk: string) =>
      res.write(chunk) ? Promise.resolve() : new Promise<void>((resolve) => res.once("drain", () => resolve()));
    let aborted = false;
    req.on("close", () => {
      aborted = !res.writableFinished;
    });
    try {
      if (format === "csv") await write(`\uFEFF${csvLine(PUBLISHED_EXPORT_COLUMNS)}`);
      for await (const row of iteratePublishedVariants(db.pool, { merchantId, since })) {
        if (aborted) return;
        const r = toPublishedExportRow(row);
        await write(format === "csv" ? csvLine(PUBLISHED_EXPORT_COLUMNS.map((c) => r[c])) : `${JSON.stringify(r)}\n`);
      }
      res.end();
    } catch (e) {
      // Headers are gone: the only honest signal left is a broken stream.
      log.error("published export failed", { error: (e as Error).message });
      res.destroy(e as Error);
    }
  });
  return router;
}
