import type { TQueryable } from "./client.js";

// Reading the audit log (audit:read): newest first, keyset-paged on the append-only id.

export type TAuditFilter = {
  entityType?: string | null;
  entityId?: string | null;
  actorId?: string | null;
  action?: string | null;
  since?: Date | null;
  until?: Date | null;
};

export type TAuditEventRow = {
  id: number;
  actorId: string | null;
  actorKind: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
  hash: string;
  createdAt: Date;
};

const WHERE = `($1::text IS NULL OR "entityType" = $1) AND ($2::text IS NULL OR "entityId" = $2)
  AND ($3::uuid IS NULL OR "actorId" = $3::uuid) AND ($4::text IS NULL OR action = $4)
  AND ($5::timestamptz IS NULL OR "createdAt" >= $5) AND ($6::timestamptz IS NULL OR "createdAt" < $6)`;

const args = (f: TAuditFilter) => [
  f.entityType ?? null,
  f.entityId ?? null,
  f.actorId ?? null,
  f.action ?? null,
  f.since ?? null,
  f.until ?? null,
];

export async function listAuditEvents(
  db: TQueryable,
  o: { filter: TAuditFilter; first: number; afterId: number | null },
): Promise<{ rows: TAuditEventRow[]; hasNextPage: boolean; totalCount: number }> {
  const [page, count] = await Promise.all([
    db.query<TAuditEventRow>(
      `SELECT id, "actorId", "actorKind", action, "entityType", "entityId", before, after, "requestId", hash, "createdAt"
       FROM "AuditEvent" WHERE ${WHERE} AND ($7::bigint IS NULL OR id < $7::bigint)
       ORDER BY id DESC LIMIT $8`,
      [...args(o.filter), o.afterId, o.first + 1],
    ),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditEvent" WHERE ${WHERE}`, args(o.filter)),
  ]);
  return {
    rows: page.rows.slice(0, o.first),
    hasNextPage: page.rows.length > o.first,
    totalCount: count.rows[0]?.n ?? 0,
  };
}
