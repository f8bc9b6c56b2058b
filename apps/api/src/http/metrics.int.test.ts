import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { createLogger } from "@truecopy/config";
import { startApiServer, type TApiServer } from "../server.js";
import { loadEnv } from "../env.js";

// /metrics against a real server: HTTP, GraphQL and queue series appear after traffic, and the
// optional token is enforced.

let api: TApiServer;
const token = "metrics-token-0123456789";
beforeAll(async () => {
  api = await startApiServer(
    loadEnv({
      API_PORT: "0",
      TRUECOPY_QUEUE_PREFIX: `m-${randomUUID().slice(0, 8)}`,
      LOG_LEVEL: "error",
      METRICS_TOKEN: token,
    }),
    createLogger("api-test", "error"),
  );
});
afterAll(async () => api?.stop());

describe("/metrics", () => {
  it("refuses a scrape without the token", async () => {
    expect((await fetch(`${api.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${api.url}/metrics`, { headers: { authorization: "Bearer wrong" } })).status).toBe(401);
  });

  it("reports request, operation, resolver, error and queue series", async () => {
    await fetch(`${api.url}/healthz`);
    const gql = await fetch(`${api.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-request-id": "caller-request-0001" },
      body: JSON.stringify({ query: "query Probe { me { id } products(first: 1) { totalCount } }" }),
    });
    expect(gql.headers.get("x-request-id")).toBe("caller-request-0001");
    const body = await (await fetch(`${api.url}/metrics`, { headers: { authorization: `Bearer ${token}` } })).text();
    expect(body).toMatch(
      /truecopy_http_request_duration_seconds_count\{method="GET",route="\/healthz",status="200"\} 1/,
    );
    expect(body).toMatch(
      /truecopy_graphql_operation_duration_seconds_count\{operation="Probe",type="query",outcome="error"\} 1/,
    );
    expect(body).toMatch(/truecopy_graphql_resolver_duration_seconds_count\{field="Query.me",outcome="ok"\} 1/);
    expect(body).toMatch(/truecopy_graphql_errors_total\{code="UNAUTHENTICATED"\} 1/);
    expect(body).toMatch(/truecopy_queue_jobs\{queue="analyze",state="waiting"\} 0/);
    expect(body).toMatch(/truecopy_api_process_cpu_user_seconds_total/);
  });

  it("replaces a request id that does not look like one", async () => {
    const res = await fetch(`${api.url}/healthz`, { headers: { "x-request-id": "<script>" } });
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});
