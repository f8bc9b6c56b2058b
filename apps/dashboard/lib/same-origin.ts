// Helpers of the GraphQL bridge (app/api/graphql/route.ts), kept apart so they can be tested alone.

/** Browsers send Origin on every cross-origin POST; a mismatch means another site is calling us. */
export function isSameOriginRequest(headers: Headers): boolean {
  const origin = headers.get("origin");
  if (origin === null) return true;
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export type TRefusal = { status: number; code: string; message: string };

// What the dashboard's own pages send (lib/graphql-client.ts). Everything else a page of another site
// could send without a CORS preflight (form posts, text/plain) is refused before it reaches the API.
const JSON_CONTENT_TYPE = /^application\/json\s*(;|$)/i;

/**
 * Decides whether a request to the GraphQL bridge may go on to the API; null when it may. Browsers
 * mark every request with Sec-Fetch-Site and every POST made by a page with Origin, so a request
 * from another site, or one that carries the session but not its origin, is refused here.
 */
export function crossSiteRefusal(headers: Headers): TRefusal | null {
  const site = headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin")
    return { status: 403, code: "FORBIDDEN", message: `Cross-site requests are not allowed (${site}).` };
  if (!isSameOriginRequest(headers))
    return { status: 403, code: "FORBIDDEN", message: "Cross-origin requests are not allowed." };
  if (headers.get("origin") === null && headers.has("cookie"))
    return { status: 403, code: "FORBIDDEN", message: "A request with the session cookie must carry its Origin." };
  if (!JSON_CONTENT_TYPE.test(headers.get("content-type") ?? ""))
    return {
      status: 415,
      code: "UNSUPPORTED_MEDIA_TYPE",
      message: "GraphQL requests must be sent as application/json.",
    };
  return null;
}

/** The session cookie must belong to the dashboard's host, whatever domain the API scoped it to. */
export function withoutCookieDomain(setCookie: string): string {
  return setCookie
    .split(";")
    .filter((part) => !/^\s*domain\s*=/i.test(part))
    .join(";");
}
