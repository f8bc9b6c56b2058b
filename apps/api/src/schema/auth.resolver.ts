import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { AppError, isMerchantBound } from "@truecopy/core";
import { createApiKey, createSession, deleteSession, verifyLogin } from "@truecopy/db";
import type { TContext } from "../context.js";
import { readCookie, SESSION_COOKIE } from "../auth/authenticate.js";
import { ApiKeyCreated, LoginResult, Role, User } from "./types.js";

const toUser = (p: NonNullable<TContext["principal"]>): User => ({
  id: p.userId ?? p.id,
  email: p.email ?? `${p.name}@api-key`,
  name: p.name,
  role: p.role,
  merchantId: p.merchantId,
});

@Resolver()
export class AuthResolver {
  @Query(() => User, { nullable: true, description: "The signed-in user or API key; null when anonymous" })
  me(@Ctx() ctx: TContext) {
    return ctx.principal ? toUser(ctx.principal) : null;
  }

  @Mutation(() => LoginResult)
  async login(
    @Ctx() ctx: TContext,
    @Arg("email", () => String) email: string,
    @Arg("password", () => String) password: string,
  ) {
    if (email.length > 320 || password.length > 1024)
      throw new AppError("BAD_USER_INPUT", "email or password too long");
    const principal = await verifyLogin(ctx.services.db.pool, email.trim(), password);
    if (!principal) throw new AppError("UNAUTHENTICATED", "wrong email or password");
    const { env } = ctx.services;
    const session = await createSession(ctx.services.db.pool, principal.id, env.SESSION_TTL_HOURS);
    ctx.res.cookie(SESSION_COOKIE, session.token, {
      httpOnly: true,
      sameSite: "lax",
      secure: env.COOKIE_SECURE || env.NODE_ENV === "production",
      path: "/",
      expires: session.expiresAt,
    });
    return { user: toUser(principal), expiresAt: session.expiresAt };
  }

  @Mutation(() => Boolean)
  async logout(@Ctx() ctx: TContext) {
    const token = readCookie(ctx.req, SESSION_COOKIE);
    if (token) await deleteSession(ctx.services.db.pool, token);
    ctx.res.clearCookie(SESSION_COOKIE, { path: "/" });
    return true;
  }

  @Authorized("apikeys:manage")
  @Mutation(() => ApiKeyCreated, { description: "Creates an API key; the key is returned once and stored hashed" })
  async createApiKey(
    @Ctx() ctx: TContext,
    @Arg("name", () => String) name: string,
    @Arg("role", () => Role) role: (typeof Role)[keyof typeof Role],
    @Arg("merchantId", () => ID, { nullable: true }) merchantId?: string,
  ) {
    if (!name.trim() || name.length > 100)
      throw new AppError("BAD_USER_INPUT", "name must be 1-100 characters", { field: "name" });
    if (isMerchantBound(role) && !merchantId)
      throw new AppError("BAD_USER_INPUT", `a ${role} key needs a merchantId`, { field: "merchantId" });
    if (merchantId && !(await ctx.loaders.merchant.load(merchantId).catch(() => null))) {
      throw new AppError("NOT_FOUND", `merchant ${merchantId} not found`, { field: "merchantId" });
    }
    const created = await createApiKey(ctx.services.db.pool, {
      name: name.trim(),
      role,
      merchantId: merchantId ?? null,
      createdById: ctx.principal!.userId,
      actor: { actorId: ctx.principal!.id, actorKind: ctx.principal!.kind, requestId: ctx.requestId },
    });
    return { id: created.id, name: name.trim(), role, key: created.key };
  }
}
