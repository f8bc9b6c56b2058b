"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { FormEvent } from "react";
import { GraphQLRequestError, graphqlRequest } from "../../lib/graphql-client";
import { LoginMutation } from "./login.graphql";

function loginErrorText(error: unknown): string {
  if (error instanceof GraphQLRequestError) {
    switch (error.code) {
      case "UNAUTHENTICATED":
      case "BAD_USER_INPUT":
      case "FORBIDDEN":
        return "Email or password is incorrect.";
      case "RATE_LIMITED":
        return "Too many sign-in attempts. Wait a minute and try again.";
      case "NETWORK_ERROR":
      case "API_UNAVAILABLE":
        return "The server cannot be reached. Try again in a moment.";
      default:
        return `Sign-in failed: ${error.message}`;
    }
  }
  return "Sign-in failed. Try again.";
}

export function LoginForm({ next }: { next: string }) {
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setSubmitting(true);
    setError(null);
    try {
      await graphqlRequest(LoginMutation, { email: email.trim(), password });
      router.replace(next);
      router.refresh();
    } catch (caught) {
      setError(loginErrorText(caught));
      setSubmitting(false);
    }
  }

  return (
    <form className="stack" onSubmit={(event) => void onSubmit(event)}>
      <label className="field">
        <span>Email</span>
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
        <span>Password</span>
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
        {submitting ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
