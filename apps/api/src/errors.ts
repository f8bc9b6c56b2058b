import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";
import { AppError } from "@truecopy/core";
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
