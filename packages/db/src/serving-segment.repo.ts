import type pg from "pg";
import { AppError } from "@truecopy/core";
import { withTransaction } from "./client.js";
import { appendAudit, type TAuditInput } from "./audit.repo.js";
import { segmentById, type TSegmentRow } from "./serving.repo.js";

// Audiences are created, changed and deleted with an audit event in the same transaction.

type TActor = Pick<TAuditInput, "actorId" | "actorKind" | "requestId">;

const uniqueViolation = (e: unknown) => (e as { code?: string }).code === "23505";

export async function createSegment(
  pool: pg.Pool,
  s: { merchantId: string | null; key: string; name: string; rules: unknown; actor: TActor },
): Promise<TSegmentRow> {
  try {
    return await withTransaction(pool, async (tx) => {
      const { rows } = await tx.query<TSegmentRow>(
        `INSERT INTO "Segment" (id, "merchantId", key, name, rules) VALUES (gen_random_uuid(), $1, $2, $3, $4)
         RETURNING id, "merchantId", key, name, rules, "createdAt"`,
        [s.merchantId, s.key, s.name, JSON.stringify(s.rules)],
      );
      const row = rows[0]!;
      await appendAudit(tx, {
        ...s.actor,
        action: "segment.create",
        entityType: "Segment",
        entityId: row.id,
        after: { merchantId: s.merchantId, key: s.key, name: s.name, rules: s.rules },
      });
      return row;
    });
  } catch (e) {
    if (uniqueViolation(e)) throw new AppError("CONFLICT", `an audience with key "${s.key}" exists`, { field: "key" });
    throw e;
  }
}

export async function updateSegment(
  pool: pg.Pool,
  s: { id: string; name?: string | null; rules?: unknown; actor: TActor },
): Promise<TSegmentRow> {
  return withTransaction(pool, async (tx) => {
    const before = await segmentById(tx, s.id);
    if (!before) throw new AppError("NOT_FOUND", `audience ${s.id} not found`);
    const { rows } = await tx.query<TSegmentRow>(
      `UPDATE "Segment" SET name = COALESCE($2, name), rules = COALESCE($3::jsonb, rules) WHERE id = $1
       RETURNING id, "merchantId", key, name, rules, "createdAt"`,
      [s.id, s.name ?? null, s.rules === undefined ? null : JSON.stringify(s.rules)],
    );
    await appendAudit(tx, {
      ...s.actor,
      action: "segment.update",
      entityType: "Segment",
      entityId: s.id,
      before: { name: before.name, rules: before.rules },
      after: { name: rows[0]!.name, rules: rows[0]!.rules },
    });
    return rows[0]!;
  });
}

export async function deleteSegment(pool: pg.Pool, s: { id: string; actor: TActor }): Promise<boolean> {
  return withTransaction(pool, async (tx) => {
    const before = await segmentById(tx, s.id);
    if (!before) return false;
    await tx.query(`DELETE FROM "Segment" WHERE id = $1`, [s.id]);
    await appendAudit(tx, {
      ...s.actor,
      action: "segment.delete",
      entityType: "Segment",
      entityId: s.id,
      before: { merchantId: before.merchantId, key: before.key, name: before.name, rules: before.rules },
    });
    return true;
  });
}
