import { randomUUID } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import type { TLogger } from "@truecopy/config";

// A caller's id is kept when it looks like one (a proxy's or another service's), so one id follows
// a request across services; anything else is replaced rather than echoed into our logs.
const CALLER_ID = /^[A-Za-z0-9._:-]{8,100}$/;

/** Gives every request an id (response header `x-request-id`, `res.locals.requestId`) and one log line. */
export function requestContext(log: TLogger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const header = req.headers["x-request-id"];
    const requestId = typeof header === "string" && CALLER_ID.test(header) ? header : randomUUID();
    res.locals.requestId = requestId;
    res.setHeader("x-request-id", requestId);
    const started = performance.now();
    res.on("finish", () => {
      const fields = {
        requestId,
        method: req.method,
        path: req.path,
        status: res.statusCode,
        ms: Math.round((performance.now() - started) * 10) / 10,
      };
      if (res.statusCode >= 500) log.warn("request failed", fields);
      else log.debug("request", fields);
    });
    next();
  };
}
