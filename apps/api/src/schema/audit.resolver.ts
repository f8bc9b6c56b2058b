import { Arg, Authorized, Ctx, FieldResolver, Int, Query, Resolver, Root } from "type-graphql";
import type { TContext } from "../context.js";
import { auditEvents } from "../services/audit.service.js";
import { AuditEvent, AuditEventConnection, AuditEventFilter, ReviewActor } from "./review.types.js";

@Resolver(() => AuditEvent)
export class AuditResolver {
  @Authorized("audit:read")
  @Query(() => AuditEventConnection, {
    description: "The audit log, newest first: every decision, publish, import, key and rule edit with before/after",
  })
  auditEvents(
    @Ctx() ctx: TContext,
    @Arg("filter", () => AuditEventFilter, { nullable: true }) filter?: AuditEventFilter,
    @Arg("first", () => Int, { nullable: true, defaultValue: 20 }) first?: number,
    @Arg("after", () => String, { nullable: true }) after?: string,
  ) {
    return auditEvents(ctx, filter, first, after);
  }

  @FieldResolver(() => ReviewActor, { nullable: true, description: "The user or API key; null for system events" })
  actor(@Root() e: AuditEvent, @Ctx() ctx: TContext) {
    return e.actorId ? ctx.loaders.reviewActor.load(e.actorId) : null;
  }
}
