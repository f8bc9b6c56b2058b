import type pg from "pg";
import { withTransaction } from "./client.js";
import { appendAudit, type TAuditInput } from "./audit.repo.js";
import {
  hashSecret,
  newApiKey,
  newSessionToken,
  parseApiKey,
  sha256Hex,
  verifySecret,
  type TRole,
} from "@truecopy/core";

type TAuditActor = Pick<TAuditInput, "actorId" | "actorKind" | "requestId">;

export type TPrincipal = {
  kind: "user" | "api_key";
  id: string; // user id or api key id
  userId: string | null;
  email: string | null;
  name: string;
  role: TRole;
  merchantId: string | null;
};

type TUserRow = {
  id: string;
  email: string;
  name: string;
  role: TRole;
  merchantId: string | null;
  passwordHash: string;
  disabledAt: Date | null;
};

export async function createUser(
  pool: pg.Pool,
  u: { email: string; name: string; role: TRole; password: string; merchantId?: string | null },
): Promise<{ id: string; created: boolean }> {
  const passwordHash = await hashSecret(u.password);
  const { rows } = await pool.query<{ id: string; created: boolean }>(
    `INSERT INTO "User" (id, email, name, role, "merchantId", "passwordHash", "updatedAt")
     VALUES (gen_random_uuid(), lower($1), $2, $3::"Role", $4, $5, now())
     ON CONFLICT (email) DO UPDATE SET name = EXCLUDED.name, role = EXCLUDED.role, "merchantId" = EXCLUDED."merchantId",
       "passwordHash" = EXCLUDED."passwordHash", "updatedAt" = now()
     RETURNING id, (xmax = 0) AS created`,
    [u.email, u.name, u.role, u.merchantId ?? null, passwordHash],
  );
  return rows[0]!;
}

/** Creates the user unless the email exists; an existing user (and their password) is left alone. */
export async function ensureUser(
  pool: pg.Pool,
  u: { email: string; name: string; role: TRole; password: string; merchantId?: string | null },
): Promise<{ id: string; created: boolean }> {
  const existing = await pool.query<{ id: string }>(`SELECT id FROM "User" WHERE email = lower($1)`, [u.email]);
  if (existing.rows[0]) return { id: existing.rows[0].id, created: false };
  const passwordHash = await hashSecret(u.password);
  const { rows } = await pool.query<{ id: string; created: boolean }>(
    `INSERT INTO "User" (id, email, name, role, "merchantId", "passwordHash", "updatedAt")
     VALUES (gen_random_uuid(), lower($1), $2, $3::"Role", $4, $5, now())
     ON CONFLICT (email) DO UPDATE SET email = EXCLUDED.email
     RETURNING id, (xmax = 0) AS created`,
    [u.email, u.name, u.role, u.merchantId ?? null, passwordHash],
  );
  return rows[0]!;
}

/** Returns the user when the password matches; the same work is done for unknown emails (no timing oracle). */
export async function verifyLogin(pool: pg.Pool, email: string, password: string): Promise<TPrincipal | null> {
  const { rows } = await pool.query<TUserRow>(
    `SELECT id, email, name, role, "merchantId", "passwordHash", "disabledAt" FROM "User" WHERE email = lower($1)`,
    [email],
  );
  const user = rows[0];
  const ok = await verifySecret(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok || user.disabledAt) return null;
  return {
    kind: "user",
    id: user.id,
    userId: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    merchantId: user.merchantId,
  };
}
const DUMMY_HASH = "scrypt$16384$8$1$c2FsdHNhbHRzYWx0c2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

export async function createSession(
  pool: pg.Pool,
  userId: string,
  ttlHours: number,
): Promise<{ token: string; expiresAt: Date }> {
  const token = newSessionToken();
  const expiresAt = new Date(Date.now() + ttlHours * 3600_000);
  await pool.query(
    `INSERT INTO "UserSession" (id, "tokenHash", "userId", "expiresAt") VALUES (gen_random_uuid(), $1, $2, $3)`,
    [sha256Hex(token), userId, expiresAt],
  );
  return { token, expiresAt };
}

export async function findSession(pool: pg.Pool, token: string): Promise<TPrincipal | null> {
  const { rows } = await pool.query<TUserRow & { sessionId: string }>(
    `SELECT u.id, u.email, u.name, u.role, u."merchantId", s.id AS "sessionId"
     FROM "UserSession" s JOIN "User" u ON u.id = s."userId"
     WHERE s."tokenHash" = $1 AND s."expiresAt" > now() AND u."disabledAt" IS NULL`,
    [sha256Hex(token)],
  );
  const u = rows[0];
  return u
    ? { kind: "user", id: u.id, userId: u.id, email: u.email, name: u.name, role: u.role, merchantId: u.merchantId }
    : null;
}

export async function deleteSession(pool: pg.Pool, token: string): Promise<void> {
  await pool.query(`DELETE FROM "UserSession" WHERE "tokenHash" = $1`, [sha256Hex(token)]);
}

export async function createApiKey(
  pool: pg.Pool,
  k: {
    name: string;
    role: TRole;
    merchantId?: string | null;
    createdById?: string | null;
    key?: string;
    actor?: TAuditActor;
  },
): Promise<{ id: string; key: string }> {
  const parsed = k.key ? parseApiKey(k.key) : null;
  if (k.key && !parsed) throw new Error("API key must look like tc_<12 letters or digits>_<20+ characters>");
  const { key, prefix, secret } = parsed ? { key: k.key!, ...parsed } : newApiKey();
  const secretHash = await hashSecret(secret);
  return withTransaction(pool, async (tx) => {
    // Re-seeding with the same DEMO_API_KEY keeps one row (prefix is unique).
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO "ApiKey" (id, name, prefix, "secretHash", role, "merchantId", "createdById")
       VALUES (gen_random_uuid(), $1, $2, $3, $4::"Role", $5, $6)
       ON CONFLICT (prefix) DO UPDATE SET name = EXCLUDED.name, "secretHash" = EXCLUDED."secretHash", role = EXCLUDED.role,
         "merchantId" = EXCLUDED."merchantId", "revokedAt" = NULL
       RETURNING id`,
      [k.name, prefix, secretHash, k.role, k.merchantId ?? null, k.createdById ?? null],
    );
    const id = rows[0]!.id;
    await appendAudit(tx, {
      ...(k.actor ?? { actorId: k.createdById ?? null, actorKind: "system" }),
      action: "apikey.create",
      entityType: "ApiKey",
      entityId: id,
      after: { name: k.name, role: k.role, merchantId: k.merchantId ?? null, prefix },
    });
    return { id, key };
  });
}

// scrypt costs ~15 ms of a libuv thread: verified keys are remembered briefly (by a digest of the
// whole key, never the key itself), so a busy integration pays it once a minute, not per request.
// Revocation therefore takes effect within API_KEY_CACHE_MS.
export const API_KEY_CACHE_MS = 60_000;
const API_KEY_CACHE_MAX = 10_000;
const verifiedKeys = new Map<string, { principal: TPrincipal; until: number }>();

export async function findApiKey(pool: pg.Pool, key: string): Promise<TPrincipal | null> {
  const parsed = parseApiKey(key);
  if (!parsed) return null;
  const digest = sha256Hex(key);
  const cached = verifiedKeys.get(digest);
  if (cached && cached.until > Date.now()) return cached.principal;
  verifiedKeys.delete(digest);
  const { rows } = await pool.query<{
    id: string;
    name: string;
    role: TRole;
    merchantId: string | null;
    secretHash: string;
  }>(
    `SELECT id, name, role, "merchantId", "secretHash" FROM "ApiKey"
     WHERE prefix = $1 AND "revokedAt" IS NULL AND ("expiresAt" IS NULL OR "expiresAt" > now())`,
    [parsed.prefix],
  );
  const row = rows[0];
  if (!row || !(await verifySecret(parsed.secret, row.secretHash))) return null;
  void pool.query(`UPDATE "ApiKey" SET "lastUsedAt" = now() WHERE id = $1`, [row.id]).catch(() => undefined);
  const principal: TPrincipal = {
    kind: "api_key",
    id: row.id,
    userId: null,
    email: null,
    name: row.name,
    role: row.role,
    merchantId: row.merchantId,
  };
  if (verifiedKeys.size >= API_KEY_CACHE_MAX) verifiedKeys.delete(verifiedKeys.keys().next().value!);
  verifiedKeys.set(digest, { principal, until: Date.now() + API_KEY_CACHE_MS });
  return principal;
}

/** Forgets verified keys (after a revocation in this process, and in tests). */
export function clearApiKeyCache(): void {
  verifiedKeys.clear();
}

/** Revokes every live key with this name (the seed replaces its generated demo key on each run). */
export async function revokeApiKeysNamed(pool: pg.Pool, name: string): Promise<number> {
  clearApiKeyCache();
  const r = await pool.query(`UPDATE "ApiKey" SET "revokedAt" = now() WHERE name = $1 AND "revokedAt" IS NULL`, [name]);
  return r.rowCount ?? 0;
}
