import { AppError } from "@truecopy/core";
import { listAuditEvents } from "@truecopy/db";
import type { TContext } from "../context.js";
import type { AuditEventConnection, AuditEventFilter } from "../schema/review.types.js";
import { clampFirst } from "./cursor.js";
import { assertUuid } from "./product.service.js";

const encode = (id: number) => Buffer.from(`a:${id}`).toString("base64url");
function decode(cursor: string): number {
  const m = /^a:(\d{1,18})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!m) throw new AppError("BAD_USER_INPUT", "invalid cursor: pass endCursor from a previous page");
  return Number(m[1]);
}

export async function auditEvents(
  ctx: TContext,
  filter: AuditEventFilter | undefined,
  first: number | undefined,
  after: string | undefined,
): Promise<AuditEventConnection> {
  const take = clampFirst(first);
  if (filter?.actorId) assertUuid(filter.actorId, "actorId");
  for (const [name, v] of Object.entries({
    entityType: filter?.entityType,
    entityId: filter?.entityId,
    action: filter?.action,
  })) {
    if (v != null && v.length > 200)
      throw new AppError("BAD_USER_INPUT", `${name} is limited to 200 characters`, { field: name });
  }
  const page = await listAuditEvents(ctx.services.db.pool, {
    filter: filter ?? {},
    first: take,
    afterId: after ? decode(after) : null,
  });
  const edges = page.rows.map((r) => ({ node: { ...r, id: String(r.id) }, cursor: encode(r.id) }));
  return {
    edges,
    totalCount: page.totalCount,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: Boolean(after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
