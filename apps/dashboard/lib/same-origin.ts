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

/** The session cookie must belong to the dashboard's host, whatever domain the API scoped it to. */
export function withoutCookieDomain(setCookie: string): string {
  return setCookie
    .split(";")
    .filter((part) => !/^\s*domain\s*=/i.test(part))
    .join(";");
}
