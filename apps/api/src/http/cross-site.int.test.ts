import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { createApiKey, createUser, type TDatabase } from "@truecopy/db";
import { openTestDatabase } from "@truecopy/db/testing";
import type { TApiServer } from "../server.js";
import { startTestApi } from "../testing.js";

// What a page of another site can make a signed-in browser send to the API, refused before anything
// runs: simple requests (form posts, text/plain, GETs) by Apollo's CSRF prevention, requests the
// browser marks as cross-site or from a foreign Origin by the API itself. The dashboard's server-side
// bridge (JSON, session cookie, no Origin) and API keys still work.

let db: TDatabase;
let api: TApiServer;
let cookie: string;
let analystKey: string;
const email = `csrf-${randomUUID().slice(0, 8)}@test.local`;

beforeAll(async () => {
  db = await openTestDatabase();
  api = await startTestApi(`csrf-${randomUUID().slice(0, 8)}`);
  await createUser(db.pool, { email, name: "Csrf", role: "ADMIN", password: "secret-pass-1" });
  analystKey = (await createApiKey(db.pool, { name: "csrf-analyst", role: "ANALYST" })).key;
});
afterAll(async () => {
  await api?.stop();
  await db?.close();
});

/** A fresh session for each test: a refused logout must leave it signed in. */
async function signIn(): Promise<string> {
  const res = await fetch(`${api.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      query: `mutation($e: String!) { login(email: $e, password: "secret-pass-1") { user { role } } }`,
      variables: { e: email },
    }),
  });
  expect(res.status).toBe(200);
  return res.headers.get("set-cookie")!.split(";")[0]!;
}

const me = async (session: string) => {
  const res = await fetch(`${api.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: session },
    body: JSON.stringify({ query: "{ me { email } }" }),
  });
  return ((await res.json()) as { data?: { me: { email: string } | null } }).data?.me ?? null;
};

const LOGOUT = "mutation { logout }";

async function post(body: string | URLSearchParams | FormData, headers: Record<string, string>) {
  const res = await fetch(`${api.url}/graphql`, { method: "POST", headers, body });
  const text = await res.text();
  return { status: res.status, text };
}

describe("cross-site requests to the API", () => {
  beforeAll(async () => {
    cookie = await signIn();
  });

  it("refuses simple requests a form or a no-cors fetch can send, and runs nothing", async () => {
    const attempts = [
      post(JSON.stringify({ query: LOGOUT }), { "content-type": "text/plain", cookie }),
      post(new URLSearchParams({ query: LOGOUT }), { cookie }),
      (() => {
        const form = new FormData();
        form.set("operations", JSON.stringify({ query: LOGOUT }));
        return post(form, { cookie });
      })(),
    ];
    for (const r of await Promise.all(attempts)) {
      expect(r.status).toBe(400);
      expect(r.text).toMatch(/CSRF/i);
    }
    expect(await me(cookie)).toEqual({ email });
  });

  it("refuses GET for queries without a preflight header and for mutations in any case", async () => {
    const get = (query: string, headers: Record<string, string>) =>
      fetch(`${api.url}/graphql?query=${encodeURIComponent(query)}`, { headers });
    const query = await get("{ me { email } }", { cookie });
    expect(query.status).toBe(400);
    expect(await query.text()).toMatch(/CSRF/i);
    expect((await get(LOGOUT, { cookie })).status).toBe(400);
    // Even with the header a page cannot send cross-site, a mutation is never run from a GET.
    const mutation = await get(LOGOUT, { cookie, "apollo-require-preflight": "1" });
    expect(mutation.status).toBe(405);
    expect(await me(cookie)).toEqual({ email });
  });

  it("refuses a session sent from another origin or marked cross-site by the browser", async () => {
    const json = { "content-type": "application/json", cookie };
    const body = JSON.stringify({ query: LOGOUT });
    const refused = [
      { ...json, origin: "https://evil.example" },
      { ...json, origin: "null" },
      { ...json, origin: `http://localhost:${api.port + 1}` },
      { ...json, "sec-fetch-site": "cross-site" },
      { ...json, "sec-fetch-site": "same-site" },
      { ...json, "sec-fetch-site": "cross-site", origin: api.url },
    ];
    for (const headers of refused) {
      const r = await post(body, headers);
      expect(r.status, JSON.stringify(headers)).toBe(403);
      expect(JSON.parse(r.text).errors[0].extensions.code).toBe("FORBIDDEN");
    }
    expect(await me(cookie)).toEqual({ email });
  });

  it("grants no CORS access to another origin", async () => {
    const res = await fetch(`${api.url}/graphql`, {
      method: "OPTIONS",
      headers: {
        origin: "https://evil.example",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type",
      },
    });
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    expect(res.headers.get("access-control-allow-credentials")).toBeNull();
  });

  it("serves the dashboard's bridge, same-origin pages and API keys", async () => {
    const session = await signIn();
    expect(await me(session)).toEqual({ email });
    const sameOrigin = await post(JSON.stringify({ query: "{ me { email } }" }), {
      "content-type": "application/json",
      cookie: session,
      origin: api.url,
      "sec-fetch-site": "same-origin",
    });
    expect(sameOrigin.status).toBe(200);
    expect(JSON.parse(sameOrigin.text).data.me).toEqual({ email });
    // A key is sent on purpose by its holder, never added by the browser: Origin does not matter.
    const keyed = await post(JSON.stringify({ query: "{ me { role } }" }), {
      "content-type": "application/json",
      authorization: `Bearer ${analystKey}`,
      origin: "https://tools.example",
    });
    expect(JSON.parse(keyed.text).data.me).toEqual({ role: "ANALYST" });
    // And the bridge's logout does log out.
    const out = await post(JSON.stringify({ query: LOGOUT }), { "content-type": "application/json", cookie: session });
    expect(out.status).toBe(200);
    expect(await me(session)).toBeNull();
  });
});
