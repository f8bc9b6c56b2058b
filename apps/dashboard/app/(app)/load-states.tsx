"use client";

import { errorMessage, GraphQLRequestError } from "../../lib/graphql-client";
import { useT } from "../../lib/i18n/i18n-provider";

/** The API says the record is not there (or the id cannot be one): a not-found page, not an error. */
export function isNotFoundError(error: unknown): boolean {
  return error instanceof GraphQLRequestError && ["NOT_FOUND", "BAD_USER_INPUT"].includes(error.code);
}

/** A page whose data could not be loaded: the reason and a retry. */
export function LoadErrorCard({ error, onRetry, title }: { error: unknown; onRetry: () => void; title?: string }) {
  const t = useT();
  return (
    <div className="card error-card" role="alert">
      {title !== undefined && <h2>{title}</h2>}
      <p>{errorMessage(error)}</p>
      <button type="button" className="button" onClick={onRetry}>
        {t("common.retry")}
      </button>
    </div>
  );
}

export function LoadingLine() {
  const t = useT();
  return <p className="muted loading-line">{t("common.loading")}</p>;
}

/** A list that failed to load (or to load more): the message and a retry, above what is shown. */
export function RetryLine({ message, onRetry }: { message: string; onRetry: () => void }) {
  const t = useT();
  return (
    <div className="error-text" role="alert">
      {message}{" "}
      <button type="button" className="button small" onClick={onRetry}>
        {t("common.retry")}
      </button>
    </div>
  );
}
