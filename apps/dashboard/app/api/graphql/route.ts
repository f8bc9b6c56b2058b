import { dashboardEnv } from "../../../env";

// Same-origin bridge to the API so the httpOnly session cookie lives on the dashboard's origin and
// the browser never talks to the API directly.

export const dynamic = "force-dynamic";

const UPSTREAM_TIMEOUT_MS = 120_000;
// Request headers the API needs; everything else (host, connection, browser noise) stays here.
const FORWARDED_REQUEST_HEADERS = ["content-type", "accept", "cookie", "apollo-require-preflight", "user-agent"];

function errorResponse(status: number, code: string, message: string): Response {
  return Response.json({ errors: [{ message, extensions: { code } }] }, { status });
}

function isSameOrigin(request: Request): boolean {
  // Browsers send Origin on every cross-origin POST; a mismatch means another site is calling us.
  const origin = request.headers.get("origin");
  if (origin === null) return true;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

// The cookie must belong to the dashboard's host, whatever domain the API would scope it to.
function rescopeSetCookie(cookie: string): string {
  return cookie
    .split(";")
    .filter((part) => !/^\s*domain\s*=/i.test(part))
    .join(";");
}

export async function POST(request: Request): Promise<Response> {
  if (!isSameOrigin(request)) return errorResponse(403, "FORBIDDEN", "Cross-origin requests are not allowed.");

  const headers = new Headers();
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = request.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  const forwardedFor = request.headers.get("x-forwarded-for");
  if (forwardedFor !== null) headers.set("x-forwarded-for", forwardedFor);

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
  for (const cookie of upstream.headers.getSetCookie()) responseHeaders.append("set-cookie", rescopeSetCookie(cookie));

  return new Response(upstream.body, { status: upstream.status, headers: responseHeaders });
}
