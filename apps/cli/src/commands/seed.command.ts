import { ROLES, type TRole } from "@truecopy/core";
import {
  createApiKey,
  createCatalogImporter,
  createSegment,
  ensureUser,
  ensureMerchant,
  revokeApiKeysNamed,
  type TDatabase,
} from "@truecopy/db";
import type { TCliEnv } from "@truecopy/config";
import { demoCatalog, demoMerchants } from "../seed/demo-catalog.js";

export type TSeedResult = {
  products: { received: number; created: number; updated: number; unchanged: number; invalid: number };
  admin: { email: string; password: string };
  users: { email: string; role: TRole }[];
  apiKey: string | null;
};

// One demo user per role (password = the admin password) so every screen can be tried.
const ROLE_USERS: { role: TRole; local: string; merchantIndex?: number }[] = [
  { role: "MODERATOR", local: "moderator" },
  { role: "MERCHANDISER", local: "merchandiser", merchantIndex: 0 },
  { role: "ANALYST", local: "analyst" },
];

const DEMO_AUDIENCES = [
  { key: "运动", name: "运动 / sports" },
  { key: "健康", name: "健康 / health" },
  { key: "时尚", name: "时尚 / fashion" },
  { key: "价格", name: "价格 / price-conscious" },
] as const;

/**
 * Idempotent: merchants, the demo catalog, demo users, the demo audiences and an API key. Existing users keep their
 * passwords and roles: running it against a real database never resets an account.
 */
export async function seedCommand(db: TDatabase, env: TCliEnv, o: { adminOnly?: boolean } = {}): Promise<TSeedResult> {
  const merchantIds: string[] = [];
  for (const m of demoMerchants()) merchantIds.push(await ensureMerchant(db.pool, m));

  const admin = await ensureUser(db.pool, {
    email: env.DEMO_ADMIN_EMAIL,
    name: "Demo Admin",
    role: "ADMIN",
    password: env.DEMO_ADMIN_PASSWORD,
  });
  const users: TSeedResult["users"] = [{ email: env.DEMO_ADMIN_EMAIL, role: "ADMIN" }];
  const domain = env.DEMO_ADMIN_EMAIL.split("@")[1] ?? "truecopy.local";
  for (const u of ROLE_USERS) {
    const email = `${u.local}@${domain}`;
    await ensureUser(db.pool, {
      email,
      name: `Demo ${u.role.toLowerCase()}`,
      role: u.role,
      password: env.DEMO_ADMIN_PASSWORD,
      merchantId: u.merchantIndex === undefined ? null : (merchantIds[u.merchantIndex] ?? null),
    });
    users.push({ email, role: u.role });
  }

  let products: TSeedResult["products"] = { received: 0, created: 0, updated: 0, unchanged: 0, invalid: 0 };
  if (!o.adminOnly) {
    const importer = createCatalogImporter(db.pool, {
      actor: { actorId: null, actorKind: "system", requestId: null },
      source: "seed",
      defaultMerchantId: null,
    });
    let row = 0;
    for (const p of demoCatalog()) await importer.add(p, ++row);
    const t = await importer.finish();
    if (t.invalid)
      throw new Error(`demo catalog has ${t.invalid} invalid rows: ${JSON.stringify(t.errors.slice(0, 3))}`);
    products = {
      received: t.received,
      created: t.created,
      updated: t.updated,
      unchanged: t.unchanged,
      invalid: t.invalid,
    };
  }

  // The four audiences of the serving examples, shared by every merchant; kept if they exist.
  const existing = await db.pool.query<{ key: string }>(`SELECT key FROM "Segment" WHERE "merchantId" IS NULL`);
  const have = new Set(existing.rows.map((r) => r.key));
  for (const a of DEMO_AUDIENCES) {
    if (have.has(a.key)) continue;
    await createSegment(db.pool, {
      merchantId: null,
      key: a.key,
      name: a.name,
      rules: { any: [{ interest: a.key }] },
      actor: { actorId: admin.id, actorKind: "cli", requestId: null },
    });
  }

  // With DEMO_API_KEY the same key is (re)registered; without it a fresh key replaces the last one.
  if (!env.DEMO_API_KEY) await revokeApiKeysNamed(db.pool, "demo");
  const key = await createApiKey(db.pool, {
    name: "demo",
    role: "ADMIN",
    createdById: admin.id,
    ...(env.DEMO_API_KEY ? { key: env.DEMO_API_KEY } : {}),
  });
  return {
    products,
    admin: { email: env.DEMO_ADMIN_EMAIL, password: env.DEMO_ADMIN_PASSWORD },
    users,
    apiKey: key.key,
  };
}

export const isRole = (s: string): s is TRole => (ROLES as readonly string[]).includes(s);
