import type { NextFunction, Request, Response } from "express";
import { readCookie, SESSION_COOKIE } from "../auth/authenticate.js";

/**
 * The session cookie is an ambient credential: a page of another site can make the browser send it.
 * Apollo's CSRF prevention refuses the requests such a page can send without a CORS preflight (form
 * posts, text/plain, GETs without a custom header); this also refuses any request that carries the
 * session and that the browser marks as coming from elsewhere (Sec-Fetch-Site, Origin). The dashboard
 * reaches the API through its own server, which sends neither header; API keys are not ambient.
 */
export function refuseCrossSiteSessions() {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.headers.authorization || readCookie(req, SESSION_COOKIE) === null) return next();
    const site = req.headers["sec-fetch-site"];
    const origin = req.headers.origin;
    let foreign = typeof site === "string" && site !== "same-origin";
    if (!foreign && typeof origin === "string") {
      try {
        foreign = new URL(origin).host !== req.headers.host;
      } catch {
        foreign = true; // "null" (sandboxed frames, file: pages) or garbage
      }
    }
    if (!foreign) return next();
    res.status(403).json({
      errors: [
        {
          message: "requests signed in with the session cookie must come from the dashboard's own origin",
          extensions: { code: "FORBIDDEN" },
        },
      ],
    });
  };
}
