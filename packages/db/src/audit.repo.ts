import { createHash } from "node:crypto";
import { stableStringify } from "@truecopy/core";
import type { TQueryable } from "./client.js";

export type TAuditInput = {
  actorId: string | null;
  actorKind: "user" | "api_key" | "system" | "cli";
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  requestId?: string | null;
};

const AUDIT_LOCK = 724_110_002;

/**
 * Appends one audit event inside the caller's transaction. Each event hashes its predecessor's hash
 * with its own content, so editing or deleting history breaks the chain (`truecopy audit:verify`).
 * The transaction-scoped lock orders concurrent writers so the chain stays linear.
 */
export async function appendAudit(tx: TQueryable, e: TAuditInput): Promise<void> {
  await tx.query("SELECT pg_advisory_xact_lock($1)", [AUDIT_LOCK]);
  const prev = await tx.query<{ hash: string }>(`SELECT hash FROM "AuditEvent" ORDER BY id DESC LIMIT 1`);
  const prevHash = prev.rows[0]?.hash ?? null;
  const createdAt = new Date();
  const hash = auditHash(prevHash, { ...e, createdAt: createdAt.toISOString() });
  await tx.query(
    `INSERT INTO "AuditEvent" ("actorId", "actorKind", action, "entityType", "entityId", before, after, "requestId", "prevHash", hash, "createdAt")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      e.actorId,
      e.actorKind,
      e.action,
      e.entityType,
      e.entityId,
      json(e.before),
      json(e.after),
      e.requestId ?? null,
      prevHash,
      hash,
      createdAt,
    ],
  );
}

const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));

/**
 * The hash of one event over exactly what its row stores (absent values as null), so that
 * `verifyAuditChain` can recompute it from the table.
 */
export function auditHash(
  prevHash: string | null,
  content: Omit<TAuditInput, "requestId"> & { requestId?: string | null; createdAt: string },
): string {
  const canonical = {
    actorId: content.actorId ?? null,
    actorKind: content.actorKind,
    action: content.action,
    entityType: content.entityType,
    entityId: content.entityId,
    before: content.before ?? null,
    after: content.after ?? null,
    requestId: content.requestId ?? null,
    createdAt: content.createdAt,
  };
  return createHash("sha256")
    .update(prevHash ?? "")
    .update("\n")
    .update(stableStringify(canonical))
    .digest("hex");
}

export type TAuditVerification = { checked: number; firstBrokenId: number | null; reason: string | null };

/**
 * Walks the chain in id order, recomputing every hash; stops at the first event that does not match.
 * `afterId` starts after a trusted event (whose hash then anchors the rest).
 */
export async function verifyAuditChain(
  db: TQueryable,
  o: { afterId?: number; pageSize?: number } = {},
): Promise<TAuditVerification> {
  const pageSize = o.pageSize ?? 5_000;
  let after = o.afterId ?? 0;
  let prev: string | null = null;
  if (o.afterId) {
    const anchor = await db.query<{ hash: string }>(`SELECT hash FROM "AuditEvent" WHERE id = $1`, [o.afterId]);
    if (!anchor.rows[0]) return { checked: 0, firstBrokenId: o.afterId, reason: "the anchor event does not exist" };
    prev = anchor.rows[0].hash;
  }
  let checked = 0;
  for (;;) {
    const { rows } = await db.query<{
      id: number;
      actorId: string | null;
      actorKind: TAuditInput["actorKind"];
      action: string;
      entityType: string;
      entityId: string;
      before: unknown;
      after: unknown;
      requestId: string | null;
      prevHash: string | null;
      hash: string;
      createdAt: Date;
    }>(
      `SELECT id, "actorId", "actorKind", action, "entityType", "entityId", before, after, "requestId", "prevHash", hash, "createdAt"
       FROM "AuditEvent" WHERE id > $1 ORDER BY id LIMIT $2`,
      [after, pageSize],
    );
    if (!rows.length) return { checked, firstBrokenId: null, reason: null };
    for (const r of rows) {
      if (r.prevHash !== prev)
        return { checked, firstBrokenId: r.id, reason: "prevHash does not match the previous event" };
      if (auditHash(r.prevHash, { ...r, createdAt: r.createdAt.toISOString() }) !== r.hash) {
        return { checked, firstBrokenId: r.id, reason: "content does not match its hash" };
      }
      prev = r.hash;
      checked += 1;
    }
    after = rows.at(-1)!.id;
  }
}
