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

export function auditHash(prevHash: string | null, content: Record<string, unknown>): string {
  const { before, after, ...rest } = content;
  return createHash("sha256")
    .update(prevHash ?? "")
    .update("\n")
    .update(stableStringify({ ...rest, before: before ?? null, after: after ?? null }))
    .digest("hex");
}
