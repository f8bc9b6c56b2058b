import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";
import { AppError } from "@truecopy/core";
import { isConnectionError } from "@truecopy/db";
import type { TLogger } from "@truecopy/config";

/** AppErrors keep their code and message; anything unexpected is logged and hidden from clients. */
export function createErrorFormatter(log: TLogger, exposeInternal: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof AppError) {
      return {
        message: original.message,
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { code: original.code, ...(original.details ? { details: original.details } : {}) },
      };
    }
    if (isConnectionError(original) || isRedisOutage(original)) {
      log.warn("a backing service is unavailable", { error: (original as Error).message });
      return {
        message: "the service is temporarily unavailable (database or queue unreachable); try again shortly",
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { code: "UNAVAILABLE" },
      };
    }
    const dataException = postgresDataException(original);
    if (dataException) {
      // A value the database refused (a malformed uuid, a number out of range): the caller's input,
      // which a resolver should have validated; logged so that it gets validated there.
      log.warn("input reached the database unvalidated", { error: dataException });
      return {
        message: `invalid input: ${dataException}`,
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { code: "BAD_USER_INPUT" },
      };
    }
    const code = formatted.extensions?.code;
    if (code && code !== "INTERNAL_SERVER_ERROR") return formatted; // validation, parse, auth errors from graphql itself
    log.error("unexpected error", {
      error: original instanceof Error ? (original.stack ?? original.message) : String(original),
    });
    return {
      message: exposeInternal && original instanceof Error ? original.message : "Internal server error",
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: "INTERNAL_SERVER_ERROR" },
    };
  };
}

export const graphQLErrorFor = (e: AppError) => new GraphQLError(e.message, { extensions: { code: e.code } });

// ioredis, with the offline queue off, refuses commands while disconnected with these messages.
const isRedisOutage = (e: unknown) =>
  e instanceof Error && /enableOfflineQueue|Connection is closed|ECONNREFUSED/.test(e.message);

/**
 * PostgreSQL's class 22 errors (data exceptions) are about the values sent, not the server: from
 * pg directly (`code`) or wrapped by Prisma's adapter (the code in its message). Returns the message.
 */
function postgresDataException(e: unknown): string | null {
  if (!(e instanceof Error)) return null;
  const code = (e as { code?: unknown }).code;
  if (typeof code === "string" && /^22[0-9A-Z]{3}$/.test(code)) return e.message;
  const wrapped = /Code: `22[0-9A-Z]{3}`\. Message: `([^`]*)`/.exec(e.message);
  return wrapped ? wrapped[1]! : null;
}
