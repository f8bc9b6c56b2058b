import { NextResponse } from "next/server";
import type { NextRequest } from "next/server";
import { dashboardEnv } from "./env";
import { contentSecurityPolicy } from "./lib/csp";
import { SESSION_COOKIE } from "./lib/session-cookie";

const PUBLIC_PATHS = new Set(["/login"]);

export function proxy(request: NextRequest): NextResponse {
  const { pathname, search } = request.nextUrl;

  // Cheap gate: without a session cookie there is nothing to render. A present but expired cookie is
  // caught by the client's `me` check.
  if (!PUBLIC_PATHS.has(pathname) && !request.cookies.has(SESSION_COOKIE)) {
    const login = new URL("/login", request.url);
    if (pathname !== "/") login.searchParams.set("next", `${pathname}${search}`);
    return NextResponse.redirect(login);
  }

  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy({ nonce, isDevelopment: dashboardEnv().isDevelopment });
  const requestHeaders = new Headers(request.headers);
  // Next.js reads the nonce from the request's policy and puts it on its own scripts.
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  matcher: [
    {
      source: "/((?!api/|_next/static|_next/image|favicon.ico|icon.svg).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
