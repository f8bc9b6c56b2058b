// One error model for every process: codes map to GraphQL `extensions.code` and CLI exit messages.
export const ERROR_CODES = [
  "BAD_USER_INPUT",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  "RATE_LIMITED",
  "UNAVAILABLE",
  "INTERNAL_SERVER_ERROR",
] as const;
export type TErrorCode = (typeof ERROR_CODES)[number];

export class AppError extends Error {
  readonly code: TErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: TErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
