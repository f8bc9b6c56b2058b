import type { Request } from "express";
import { findApiKey, findSession, type TDatabase, type TPrincipal } from "@truecopy/db";
import { AppError } from "@truecopy/core";

export const SESSION_COOKIE = "tc_session";

export function readCookie(req: Request, name: string): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

/** A bearer API key wins over a session cookie; a bad key is an error, not an anonymous request. */
export async function authenticate(req: Request, db: TDatabase): Promise<TPrincipal | null> {
  const authz = req.headers.authorization;
  if (authz) {
    const m = /^Bearer\s+(\S+)$/i.exec(authz);
    const principal = m ? await findApiKey(db.pool, m[1]!) : null;
    if (!principal) throw new AppError("UNAUTHENTICATED", "invalid or revoked API key");
    return principal;
  }
  const token = readCookie(req, SESSION_COOKIE);
  return token ? findSession(db.pool, token) : null;
}
