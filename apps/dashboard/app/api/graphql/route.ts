import { dashboardEnv } from "../../../env";
import { crossSiteRefusal, withoutCookieDomain } from "../../../lib/same-origin";

// Same-origin bridge to the API so the httpOnly session cookie lives on the dashboard's origin and
// the browser never talks to the API directly.

export const dynamic = "force-dynamic";

const UPSTREAM_TIMEOUT_MS = 120_000;
// Request headers the API needs; everything else stays here. X-Forwarded-For in particular is not
// passed on: the API trusts it from loopback, and here it would be whatever the browser claims.
// Nor is apollo-require-preflight: it would switch off the API's own CSRF check for whoever sends it.
const FORWARDED_REQUEST_HEADERS = ["content-type", "accept", "cookie", "user-agent"];

function errorResponse(status: number, code: string, message: string, headers?: HeadersInit): Response {
  return Response.json({ errors: [{ message, extensions: { code } }] }, { status, headers: headers ?? {} });
}

// A GET can be caused by any link or image on another site: queries and mutations alike go by POST.
export function GET(): Response {
  return errorResponse(405, "METHOD_NOT_ALLOWED", "Send GraphQL requests by POST.", { allow: "POST" });
}

export async function POST(request: Request): Promise<Response> {
  const refusal = crossSiteRefusal(request.headers);
  if (refusal) return errorResponse(refusal.status, refusal.code, refusal.message);

  const headers = new Headers();
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = request.headers.get(name);
    if (value !== null) headers.set(name, value);
  }

  let upstream: Response;
  try {
    upstream = await fetch(`${dashboardEnv().apiUrl}/graphql`, {
      method: "POST",
      headers,
      body: await request.arrayBuffer(),
      cache: "no-store",
      redirect: "manual",
      signal: AbortSignal.any([request.signal, AbortSignal.timeout(UPSTREAM_TIMEOUT_MS)]),
    });
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === "TimeoutError";
    return errorResponse(
      timedOut ? 504 : 502,
      "API_UNAVAILABLE",
      timedOut ? "The API did not answer in time." : "The API cannot be reached.",
    );
  }

  const responseHeaders = new Headers({ "cache-control": "no-store" });
  const contentType = upstream.headers.get("content-type");
  if (contentType !== null) responseHeaders.set("content-type", contentType);
  for (const cookie of upstream.headers.getSetCookie())
    responseHeaders.append("set-cookie", withoutCookieDomain(cookie));

  return new Response(upstream.body, { status: upstream.status, headers: responseHeaders });
}
