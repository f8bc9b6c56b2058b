import { randomUUID } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { contextFrom, runInSpan, SpanKind, tracer, type TLogger } from "@truecopy/config";

// A caller's id is kept when it looks like one (a proxy's or another service's), so one id follows
// a request across services; anything else is replaced rather than echoed into our logs.
const CALLER_ID = /^[A-Za-z0-9._:-]{8,100}$/;

/**
 * Gives every request an id (response header `x-request-id`, `res.locals.requestId`), one log line
 * and a server span (child of the caller's trace when it sent a `traceparent`), active while the
 * request is handled so database writes and queued jobs join the trace.
 */
export function requestContext(log: TLogger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const header = req.headers["x-request-id"];
    const requestId = typeof header === "string" && CALLER_ID.test(header) ? header : randomUUID();
    res.locals.requestId = requestId;
    res.setHeader("x-request-id", requestId);
    const started = performance.now();
    const incoming = req.headers.traceparent;
    const span = tracer().startSpan(
      `${req.method} ${req.path}`,
      {
        kind: SpanKind.SERVER,
        attributes: { "http.request.method": req.method, "url.path": req.path, "truecopy.request_id": requestId },
      },
      contextFrom(typeof incoming === "string" ? incoming : null),
    );
    res.on("finish", () => {
      span.setAttribute("http.response.status_code", res.statusCode);
      span.end();
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
    runInSpan(span, next);
  };
}
