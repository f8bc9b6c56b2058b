import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { createLogger } from "@truecopy/config";
import { createApiKey, type TDatabase } from "@truecopy/db";
import { openTestDatabase } from "@truecopy/db/testing";
import { loadEnv } from "../env.js";
import { startApiServer, type TApiServer } from "../server.js";

// GraphQL requests are rate limited per caller: one key's burst does not slow another key down.

let db: TDatabase;
let api: TApiServer;
const keys: string[] = [];

beforeAll(async () => {
  db = await openTestDatabase();
  api = await startApiServer(
    loadEnv({
      API_PORT: "0",
      TRUECOPY_QUEUE_PREFIX: `rl-${randomUUID().slice(0, 8)}`,
      LOG_LEVEL: "error",
      GRAPHQL_RATE_PER_SECOND: "0.5",
      GRAPHQL_RATE_BURST: "3",
    }),
    createLogger("test", "error"),
  );
  for (const name of ["rl-a", "rl-b"]) keys.push((await createApiKey(db.pool, { name, role: "ANALYST" })).key);
});
afterAll(async () => {
  await api?.stop();
  await db?.close();
});

const call = (key: string) =>
  fetch(`${api.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify({ query: "{ me { role } }" }),
  });

describe("GraphQL rate limit", () => {
  it("refuses a caller past its burst with 429 and Retry-After, and leaves other callers alone", async () => {
    for (let i = 0; i < 3; i++) expect((await call(keys[0]!)).status).toBe(200);
    const limited = await call(keys[0]!);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    const body = (await limited.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe("RATE_LIMITED");
    expect((await call(keys[1]!)).status).toBe(200);
  });
});
