import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { hashSecret } from "@truecopy/core";
import type * as RouteModule from "./route";

type TRoute = typeof RouteModule;

// The dashboard's GraphQL bridge in front of the built API: what a page of another site can make a
// signed-in browser send is refused here, before the API sees it; the dashboard's own pages sign in,
// read and sign out through it.

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../..");
const apiMain = path.join(repoRoot, "apps/api/dist/main.js");
// The services `npm test` hands every test (a _test database and a Redis).
// eslint-disable-next-line no-restricted-properties -- a test reads where its services are, like e2e/env.ts
const inherited = process.env;
const DASHBOARD = "http://dash.test:3000";

let api: ChildProcess;
let route: TRoute;
let pool: pg.Pool;
const email = `bridge-${randomUUID().slice(0, 8)}@test.local`;
const password = `pw-${randomUUID()}`;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  if (!existsSync(apiMain)) throw new Error("the bridge test runs the built API: build apps/api first");
  const databaseUrl = inherited.DATABASE_URL ?? "";
  if (!/_test(\?|$)/.test(databaseUrl)) throw new Error("DATABASE_URL must name a database ending in _test");
  pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  await pool.query(
    `INSERT INTO "User" (id, email, name, role, "passwordHash", "updatedAt")
     VALUES (gen_random_uuid(), $1, 'Bridge', 'ANALYST', $2, now())`,
    [email, await hashSecret(password)],
  );
  const port = await freePort();
  api = spawn(process.execPath, [apiMain], {
    cwd: repoRoot,
    env: {
      ...inherited,
      API_PORT: String(port),
      API_HOST: "127.0.0.1",
      LOG_LEVEL: "error",
      TRUECOPY_QUEUE_PREFIX: `bridge-${randomUUID().slice(0, 8)}`,
    },
    stdio: "ignore",
  });
  const apiUrl = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    const up = await fetch(`${apiUrl}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (i > 600 || api.exitCode !== null) throw new Error(`the API did not start (exit ${api.exitCode})`);
    await new Promise((r) => setTimeout(r, 100));
  }
  // The bridge reads API_URL once, on its first request.
  inherited.API_URL = apiUrl;
  route = await import("./route");
}, 120_000);

afterAll(async () => {
  if (api && api.exitCode === null) {
    const exited = new Promise((r) => api.once("exit", r));
    api.kill("SIGTERM");
    await exited;
  }
  await pool?.end();
});

/** A request to the bridge as the dashboard at DASHBOARD receives it. */
function bridge(o: { body?: string; headers?: Record<string, string>; method?: string }): Promise<Response> {
  const request = new Request(`${DASHBOARD}/api/graphql`, {
    method: o.method ?? "POST",
    headers: { host: "dash.test:3000", ...o.headers },
    ...(o.body === undefined ? {} : { body: o.body }),
  });
  return o.method === "GET" ? Promise.resolve(route.GET()) : route.POST(request);
}

const page = (cookie?: string) => ({
  "content-type": "application/json",
  origin: DASHBOARD,
  "sec-fetch-site": "same-origin",
  ...(cookie ? { cookie } : {}),
});
const gql = (query: string, variables: Record<string, unknown> = {}) => JSON.stringify({ query, variables });

async function signIn(): Promise<string> {
  const res = await bridge({
    body: gql(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { user { email } } }`, {
      e: email,
      p: password,
    }),
    headers: page(),
  });
  expect(res.status).toBe(200);
  const cookie = res.headers.get("set-cookie") ?? "";
  expect(cookie).toMatch(/^tc_session=/);
  expect(cookie).not.toMatch(/domain=/i);
  return cookie.split(";")[0]!;
}

async function me(cookie: string): Promise<{ email: string } | null> {
  const res = await bridge({ body: gql("{ me { email } }"), headers: page(cookie) });
  const body = (await res.json()) as { data?: { me: { email: string } | null } };
  return body.data?.me ?? null;
}

describe("the dashboard's GraphQL bridge", () => {
  it("serves the dashboard's own pages: sign in, read, sign out", async () => {
    const cookie = await signIn();
    expect(await me(cookie)).toEqual({ email });
    const out = await bridge({ body: gql("mutation { logout }"), headers: page(cookie) });
    expect(out.status).toBe(200);
    expect(await me(cookie)).toBeNull();
  });

  it("refuses what another site's page can send, and the session stays as it was", async () => {
    const cookie = await signIn();
    const logout = gql("mutation { logout }");
    const attempts: [string, { body?: string; headers?: Record<string, string>; method?: string }, number][] = [
      ["foreign Origin", { body: logout, headers: { ...page(cookie), origin: "https://evil.example" } }, 403],
      ["Origin null", { body: logout, headers: { ...page(cookie), origin: "null" } }, 403],
      ["cookie without Origin", { body: logout, headers: { "content-type": "application/json", cookie } }, 403],
      ["marked cross-site", { body: logout, headers: { ...page(cookie), "sec-fetch-site": "cross-site" } }, 403],
      ["marked same-site", { body: logout, headers: { ...page(cookie), "sec-fetch-site": "same-site" } }, 403],
      [
        "form post",
        {
          body: "query=mutation%7Blogout%7D",
          headers: { ...page(cookie), "content-type": "application/x-www-form-urlencoded" },
        },
        415,
      ],
      ["text/plain", { body: logout, headers: { ...page(cookie), "content-type": "text/plain" } }, 415],
      [
        "multipart",
        { body: "--x\r\n\r\n--x--", headers: { ...page(cookie), "content-type": "multipart/form-data; boundary=x" } },
        415,
      ],
      ["GET mutation", { method: "GET", headers: { cookie } }, 405],
    ];
    for (const [what, attempt, status] of attempts) {
      const res = await bridge(attempt);
      expect(res.status, what).toBe(status);
      const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
      expect(body.errors[0]?.extensions.code, what).toMatch(/^(FORBIDDEN|UNSUPPORTED_MEDIA_TYPE|METHOD_NOT_ALLOWED)$/);
    }
    expect(await me(cookie)).toEqual({ email });
  });
});
