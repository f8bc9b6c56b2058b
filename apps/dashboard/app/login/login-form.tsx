"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { FormEvent } from "react";
import { GraphQLRequestError, graphqlRequest } from "../../lib/graphql-client";
import { LoginDocument } from "../../lib/graphql/generated/graphql";
import { useT } from "../../lib/i18n/i18n-provider";
import type { TTranslate } from "../../lib/i18n/translate";

function loginErrorText(error: unknown, t: TTranslate): string {
  if (error instanceof GraphQLRequestError) {
    switch (error.code) {
      case "UNAUTHENTICATED":
      case "BAD_USER_INPUT":
      case "FORBIDDEN":
        return t("login.wrong");
      case "RATE_LIMITED":
        return t("login.rateLimited");
      case "NETWORK_ERROR":
      case "API_UNAVAILABLE":
        return t("login.unreachable");
      default:
        return t("login.failed", { message: error.message });
    }
  }
  return t("login.failedGeneric");
}

export function LoginForm({ next }: { next: string }) {
  const router = useRouter();
  const t = useT();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setSubmitting(true);
    setError(null);
    try {
      await graphqlRequest(LoginDocument, { email: email.trim(), password });
      router.replace(next);
      router.refresh();
    } catch (caught) {
      setError(loginErrorText(caught, t));
      setSubmitting(false);
    }
  }

  return (
    <form className="stack" onSubmit={(event) => void onSubmit(event)}>
      <label className="field">
        <span>{t("login.email")}</span>
        <input
          data-testid="login-email"
          type="email"
          name="email"
          autoComplete="username"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
      </label>
      <label className="field">
        <span>{t("login.password")}</span>
        <input
          data-testid="login-password"
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
      </label>
      {error !== null && (
        <p className="error-text" role="alert" data-testid="login-error">
          {error}
        </p>
      )}
      <button data-testid="login-submit" type="submit" className="button primary" disabled={submitting}>
        {submitting ? t("login.submitting") : t("login.submit")}
      </button>
    </form>
  );
}
