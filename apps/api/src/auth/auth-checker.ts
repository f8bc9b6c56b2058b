import type { AuthChecker } from "type-graphql";
import { AppError, can, isMerchantBound, type TPermission } from "@truecopy/core";
import type { TContext } from "../context.js";

/**
 * `@Authorized("catalog:read")` names permissions, not roles: the matrix in core decides.
 * An anonymous caller gets UNAUTHENTICATED, a signed-in one without the permission FORBIDDEN.
 */
export const authChecker: AuthChecker<TContext, TPermission> = ({ context }, permissions) => {
  const principal = context.principal;
  if (!principal) throw new AppError("UNAUTHENTICATED", "sign in or send an API key");
  if (permissions.every((p) => can(principal.role, p))) return true;
  throw new AppError("FORBIDDEN", `role ${principal.role} may not ${permissions.join(", ")}`);
};

export function requirePrincipal(ctx: TContext) {
  if (!ctx.principal) throw new AppError("UNAUTHENTICATED", "sign in or send an API key");
  return ctx.principal;
}

/** Merchant-bound principals only ever see their own merchant; others may pass any (or none). */
export function merchantScope(ctx: TContext, requested?: string | null): string | null {
  const p = requirePrincipal(ctx);
  if (isMerchantBound(p.role)) {
    // The database refuses such accounts; an old row must still not widen into "every merchant".
    if (!p.merchantId) throw new AppError("FORBIDDEN", `this ${p.role} account is not bound to a merchant`);
    if (requested && requested !== p.merchantId)
      throw new AppError("FORBIDDEN", "you may only access your own merchant");
    return p.merchantId;
  }
  return requested ?? null;
}
