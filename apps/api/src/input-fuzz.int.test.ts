import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
} from "graphql";
import { createLogger } from "@truecopy/config";
import { createApiKey, type TDatabase } from "@truecopy/db";
import { openTestDatabase } from "@truecopy/db/testing";
import { loadEnv } from "./env.js";
import { getSchema } from "./schema/build-schema.js";
import { startApiServer, type TApiServer } from "./server.js";

// Every query of the schema, called by an admin with hostile arguments built from its own argument
// types: SQL and JSON injection, NUL bytes, lone surrogates, huge and negative numbers, long text.
// Every answer must be data or a clear client error — never an internal error — and the process,
// the database and its tables must be intact afterwards.

const HOSTILE = [
  `' OR '1'='1`,
  `'; DROP TABLE "Product"; --`,
  `") OR 1=1 --`,
  `%' OR sku LIKE '%`,
  `\\`,
  `$1`,
  `\u0000`,
  `\uD800`,
  `<script>alert(1)</script>`,
  `{"$gt": ""}`,
  `.*(`,
  `😀🇨🇳`,
  "x".repeat(20_000),
  "",
  " ",
  randomUUID(),
  "00000000-0000-0000-0000-000000000000",
  "2026-13-45T25:61:00Z",
];
const hostileString = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ unit: "binary", maxLength: 64 }));
const hostileInt = fc.oneof(fc.constantFrom(-1, 0, 1, 2 ** 31 - 1, -(2 ** 31)), fc.integer());
const hostileFloat = fc.oneof(
  fc.constantFrom(-1, 0, 1e308, -1e308, 0.5),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

function valueFor(type: GraphQLInputType, depth = 0): fc.Arbitrary<unknown> {
  const inner = getNullableType(type);
  const nullable = !isNonNullType(type);
  let arb: fc.Arbitrary<unknown>;
  if (isListType(inner)) arb = fc.array(valueFor(inner.ofType, depth + 1), { maxLength: 3 });
  else if (isEnumType(inner)) arb = fc.constantFrom(...inner.getValues().map((v) => v.value as unknown));
  else if (isInputObjectType(inner)) {
    const fields = Object.values(inner.getFields());
    const entries: Record<string, fc.Arbitrary<unknown>> = {};
    for (const f of fields) if (depth < 3 || isNonNullType(f.type)) entries[f.name] = valueFor(f.type, depth + 1);
    arb = fc.record(entries, { requiredKeys: fields.filter((f) => isNonNullType(f.type)).map((f) => f.name) });
  } else if (isScalarType(inner)) {
    switch (inner.name) {
      case "Int":
        arb = hostileInt;
        break;
      case "Float":
        arb = hostileFloat;
        break;
      case "Boolean":
        arb = fc.boolean();
        break;
      case "JSON":
      case "JSONObject":
        arb = fc.oneof(fc.jsonValue(), fc.dictionary(hostileString, hostileString));
        break;
      default: // String, ID, DateTime and other custom scalars get text
        arb = hostileString;
    }
  } else arb = fc.constant(null);
  return nullable ? fc.option(arb, { nil: null, freq: 5 }) : arb;
}

const argsFor = (args: readonly GraphQLArgument[]) =>
  fc.record(Object.fromEntries(args.map((a) => [a.name, valueFor(a.type)])), {
    requiredKeys: args.filter((a) => isNonNullType(a.type)).map((a) => a.name),
  });

function documentFor(field: GraphQLField<unknown, unknown>, present: string[]): string {
  const decls = field.args.filter((a) => present.includes(a.name)).map((a) => `$${a.name}: ${a.type.toString()}`);
  const call = present.length ? `(${present.map((n) => `${n}: $${n}`).join(", ")})` : "";
  const named = getNamedType(field.type);
  const selection = isScalarType(named) || isEnumType(named) ? "" : " { __typename }";
  return `query Fuzz${decls.length ? `(${decls.join(", ")})` : ""} { ${field.name}${call}${selection} }`;
}

let db: TDatabase;
let api: TApiServer;
let adminKey: string;

beforeAll(async () => {
  db = await openTestDatabase();
  api = await startApiServer(
    loadEnv({
      API_PORT: "0",
      TRUECOPY_QUEUE_PREFIX: `fz-${randomUUID().slice(0, 8)}`,
      LOG_LEVEL: "error",
      GRAPHQL_RATE_PER_SECOND: "100000", // thousands of calls from one key, on purpose
    }),
    createLogger("test", "error"),
  );
  adminKey = (await createApiKey(db.pool, { name: "fuzz-admin", role: "ADMIN" })).key;
});
afterAll(async () => {
  await api?.stop();
  await db?.close();
});

describe("GraphQL inputs under hostile arguments", () => {
  it("answers every query with data or a client error, and leaves everything intact", async () => {
    const schema = await getSchema();
    const fields = Object.values(schema.getQueryType()!.getFields()).filter((f) => f.args.length > 0);
    expect(fields.length).toBeGreaterThan(5);
    const before = (await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Product"`)).rows[0]!.n;
    let calls = 0;
    for (const field of fields) {
      await fc.assert(
        fc.asyncProperty(argsFor(field.args), async (variables) => {
          const present = Object.keys(variables);
          const res = await fetch(`${api.url}/graphql`, {
            method: "POST",
            headers: { "content-type": "application/json", authorization: `Bearer ${adminKey}` },
            body: JSON.stringify({ query: documentFor(field, present), variables }),
          });
          calls += 1;
          expect(res.status, field.name).toBeLessThan(500);
          const body = (await res.json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
          for (const e of body.errors ?? []) {
            expect(e.extensions?.code, `${field.name}: ${e.message}`).not.toBe("INTERNAL_SERVER_ERROR");
          }
        }),
        { numRuns: 40 },
      );
    }
    expect(calls).toBeGreaterThan(fields.length * 30);
    expect((await fetch(`${api.url}/healthz`)).status).toBe(200);
    const after = (await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Product"`)).rows[0]!.n;
    expect(after).toBeGreaterThanOrEqual(before);
  }, 300_000);
});
