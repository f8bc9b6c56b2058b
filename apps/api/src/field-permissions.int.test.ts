import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { getMetadataStorage } from "type-graphql";
import { can, isMerchantBound, ROLES, type TPermission, type TRole } from "@truecopy/core";
import { createApiKey, decideVariant, type TDatabase } from "@truecopy/db";
import { createTestMerchant, openTestDatabase } from "@truecopy/db/testing";
import { getSchema } from "./schema/build-schema.js";
import type { TApiServer } from "./server.js";
import { startTestApi } from "./testing.js";

// The permission matrix (permission-matrix.int.test.ts) covers every Query and Mutation; this covers
// the fields below them that need a permission of their own (`@Authorized` on a field or field
// resolver), × every role and anonymous callers. Each is reached through a path the caller may or
// may not take: a caller refused on the way gets the way's refusal; one that may take it gets the
// field, or FORBIDDEN at the field itself. A guarded field added without an entry fails the first test.

type TCaller = TRole | "ANONYMOUS";
const CALLERS: TCaller[] = [...ROLES, "ANONYMOUS"];
type TCall = { query: string; variables?: Record<string, unknown> };
type TFieldEntry = {
  /** The field's own permission. */
  access: TPermission;
  /** What the path to it needs (its root query and the fields on the way). */
  via: TPermission[];
  call: () => TCall;
  /** The field's value in an allowed answer. */
  pick: (data: any) => unknown;
};

let db: TDatabase;
let api: TApiServer;
const keys = {} as Record<TRole, string>;
let productId: string;

beforeAll(async () => {
  db = await openTestDatabase();
  api = await startTestApi(`fields-${randomUUID().slice(0, 8)}`);
  const merchant = await createTestMerchant(db, "fields");
  for (const role of ROLES)
    keys[role] = (
      await createApiKey(db.pool, {
        name: `fields-${role.toLowerCase()}`,
        role,
        merchantId: isMerchantBound(role) ? merchant.id : null,
      })
    ).key;
  // A product of the merchant-bound roles' own merchant: an original, a decided generated variant
  // and a finding on it, written through SQL and repositories (not through the API under test).
  const { rows } = await db.pool.query<{ id: string }>(
    `INSERT INTO "Product" (id, "merchantId", sku, title, description, locale, "contentHash", "updatedAt")
     VALUES (gen_random_uuid(), $1, $2, 'Field watch', 'A watch with a strap', 'en-US', 'h', now()) RETURNING id`,
    [merchant.id, `f-${randomUUID().slice(0, 8)}`],
  );
  productId = rows[0]!.id;
  await db.pool.query(
    `INSERT INTO "Variant" (id, "productId", field, locale, text, origin, status, "updatedAt")
     VALUES (gen_random_uuid(), $1, 'TITLE', 'en-US', 'Field watch', 'ORIGINAL', 'PUBLISHED', now())`,
    [productId],
  );
  const generated = await db.pool.query<{ id: string }>(
    `INSERT INTO "Variant" (id, "productId", field, locale, text, origin, generator, status, "updatedAt")
     VALUES (gen_random_uuid(), $1, 'DESCRIPTION', 'en-US', 'The best field watch', 'GENERATED', 'fields', 'PENDING_REVIEW', now())
     RETURNING id`,
    [productId],
  );
  const variantId = generated.rows[0]!.id;
  await db.pool.query(
    `INSERT INTO "Finding" (id, "variantId", "ruleId", "rulePackVersion", category, severity, start, "end", match, message, suggestion)
     VALUES (gen_random_uuid(), $1, 'en.absolute.best', 'en-US@1', 'ABSOLUTE', 'HIGH', 4, 8, 'best', 'superlative', 'good')`,
    [variantId],
  );
  await decideVariant(db.pool, {
    variantId,
    action: "REJECT",
    reasonCode: "EXAGGERATION",
    actor: {
      actorId: randomUUID(),
      userId: null,
      actorKind: "api_key",
      requestId: null,
      role: "MODERATOR",
      scopeMerchantId: null,
    },
  });
});
afterAll(async () => {
  await api?.stop();
  await db?.close();
});

const onProduct = (selection: string): TCall => ({
  query: `query($id: ID!) { product(id: $id) { id ${selection} } }`,
  variables: { id: productId },
});
/** Values of `field` across the product's variants (one list per variant). */
const ofVariants = (field: string) => (data: any) =>
  (data?.product?.variants as any[] | undefined)?.map((v) => v[field]);

const FIELDS: Record<string, TFieldEntry> = {
  "Product.duplicates": {
    access: "duplicates:read",
    via: ["catalog:read"],
    call: () => onProduct("duplicates { id }"),
    pick: (d) => d?.product?.duplicates,
  },
  "Product.quality": {
    access: "catalog:read",
    via: ["catalog:read"],
    call: () => onProduct("quality { score grade }"),
    pick: (d) => d?.product?.quality?.grade,
  },
  "Variant.findings": {
    access: "findings:read",
    via: ["catalog:read"],
    call: () => onProduct("variants { id findings { id } }"),
    pick: (d) => ofVariants("findings")(d)?.flat().length || undefined,
  },
  "Finding.feedback": {
    access: "findings:feedback",
    via: ["catalog:read", "findings:read"],
    call: () => onProduct("variants { id findings { id feedback { id } } }"),
    pick: (d) =>
      ofVariants("findings")(d)
        ?.flat()
        .map((f: any) => f.feedback),
  },
  "Variant.decisions": {
    access: "review:read",
    via: ["catalog:read"],
    call: () => onProduct("variants { id decisions { id action } }"),
    pick: (d) => ofVariants("decisions")(d)?.flat().length || undefined,
  },
  "Variant.claim": {
    access: "review:read",
    via: ["catalog:read"],
    call: () => onProduct("variants { id claim { expiresAt } }"),
    pick: (d) => ofVariants("claim")(d),
  },
  "QueueStatus.jobs": {
    access: "jobs:read",
    via: ["jobs:read"],
    call: () => ({ query: `{ queues(names: ["analyze"]) { name jobs(first: 5) { id } } }` }),
    pick: (d) => d?.queues?.[0]?.jobs,
  },
};

/** Fields that need a permission of their own, as `Type.field` with their permissions, from type-graphql. */
async function guardedFields(): Promise<Map<string, string[]>> {
  await getSchema();
  const storage = getMetadataStorage();
  const typeName = (target: unknown) => storage.objectTypes.find((o) => o.target === target)?.name;
  const operations = new Set(
    [...storage.queries, ...storage.mutations, ...storage.subscriptions].map((o) => `${o.target.name}.${o.methodName}`),
  );
  const fields = new Map<string, string[]>();
  for (const a of storage.authorizedFields) {
    if (operations.has(`${a.target.name}.${a.fieldName}`)) continue;
    const resolver = storage.resolverClasses.find((r) => r.target === a.target);
    const type = typeName(a.target) ?? (resolver ? typeName(resolver.getObjectType()) : undefined);
    const field =
      storage.fieldResolvers.find((f) => f.target === a.target && f.methodName === a.fieldName)?.schemaName ??
      a.fieldName;
    fields.set(`${type ?? a.target.name}.${field}`, a.roles as string[]);
  }
  return fields;
}

async function run(caller: TCaller, c: TCall) {
  const res = await fetch(`${api.url}/graphql`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(caller === "ANONYMOUS" ? {} : { authorization: `Bearer ${keys[caller]}` }),
    },
    body: JSON.stringify(c),
  });
  return (await res.json()) as {
    data?: any;
    errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } }[];
  };
}

const allowed = (caller: TCaller, permissions: TPermission[]) =>
  caller !== "ANONYMOUS" && permissions.every((p) => can(caller, p));

describe("field permissions", () => {
  it("has an entry, with the same permission, for every field that needs one", async () => {
    const guarded = await guardedFields();
    expect(guarded.size).toBeGreaterThanOrEqual(7);
    expect([...guarded.keys()].filter((f) => !FIELDS[f]).sort(), "guarded fields without an entry").toEqual([]);
    expect(
      Object.keys(FIELDS).filter((f) => !guarded.has(f)),
      "entries for fields that are not guarded",
    ).toEqual([]);
    for (const [field, roles] of guarded) expect(roles, field).toEqual([FIELDS[field]!.access]);
  });

  for (const [field, entry] of Object.entries(FIELDS)) {
    it(`${field}: ${entry.access} (via ${entry.via.join(", ")})`, async () => {
      const name = field.split(".")[1]!;
      const outcomes: string[] = [];
      const expected: string[] = [];
      for (const caller of CALLERS) {
        const r = await run(caller, entry.call());
        const error = r.errors?.[0];
        const code = error?.extensions?.code;
        const outcome = !error
          ? entry.pick(r.data) === undefined || entry.pick(r.data) === null
            ? `allowed but no ${name} in ${JSON.stringify(r.data)}`
            : "allowed"
          : code === "FORBIDDEN" && error.path?.at(-1) === name
            ? "FORBIDDEN at the field"
            : code === "FORBIDDEN" || code === "UNAUTHENTICATED"
              ? `${code} on the way`
              : `error ${code} ${error.message}`;
        outcomes.push(`${caller}: ${outcome}`);
        expected.push(
          `${caller}: ${
            !allowed(caller, entry.via)
              ? `${caller === "ANONYMOUS" ? "UNAUTHENTICATED" : "FORBIDDEN"} on the way`
              : allowed(caller, [entry.access])
                ? "allowed"
                : "FORBIDDEN at the field"
          }`,
        );
      }
      expect(outcomes).toEqual(expected);
    });
  }
});
