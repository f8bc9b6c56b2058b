"use client";

import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import type { ReactNode } from "react";
import { errorMessage, graphqlRequest } from "../../lib/graphql-client";
import { useGraphQLQuery } from "../../lib/use-graphql-query";
import { CurrentUserContext } from "./current-user";
import { LogoutMutation, MeQuery } from "./session.graphql";

const NAV_ITEMS = [{ href: "/products", label: "Products" }] as const;

export function AppShell({ children }: { children: ReactNode }) {
  const router = useRouter();
  const pathname = usePathname();
  const me = useGraphQLQuery(MeQuery, {});
  const [signingOut, setSigningOut] = useState(false);
  const user = me.data?.me ?? null;
  const signedOut = me.data !== undefined && user === null;

  useEffect(() => {
    if (signedOut) router.replace(`/login?next=${encodeURIComponent(pathname)}`);
  }, [signedOut, pathname, router]);

  async function signOut(): Promise<void> {
    setSigningOut(true);
    try {
      await graphqlRequest(LogoutMutation, {});
    } finally {
      router.replace("/login");
      router.refresh();
    }
  }

  return (
    <div className="app">
      <header className="topbar">
        <Link href="/products" className="brand">
          <span className="brand-mark" aria-hidden="true" />
          truecopy
        </Link>
        <nav className="topnav" aria-label="Main">
          {NAV_ITEMS.map((item) => (
            <Link
              key={item.href}
              href={item.href}
              className={pathname.startsWith(item.href) ? "active" : undefined}
              aria-current={pathname.startsWith(item.href) ? "page" : undefined}
            >
              {item.label}
            </Link>
          ))}
        </nav>
        <div className="topbar-user">
          {user !== null && (
            <>
              <span className="user-name" data-testid="current-user" title={user.email}>
                {user.name || user.email}
              </span>
              <span className="role-badge" data-testid="current-role">
                {user.role}
              </span>
              <button type="button" className="button ghost" onClick={() => void signOut()} disabled={signingOut}>
                {signingOut ? "Signing out…" : "Sign out"}
              </button>
            </>
          )}
        </div>
      </header>
      <main className="content">
        {me.error !== undefined && me.data === undefined ? (
          <div className="card error-card" role="alert">
            <h2>Cannot load your session</h2>
            <p>{errorMessage(me.error)}</p>
            <button type="button" className="button" onClick={me.refetch}>
              Retry
            </button>
          </div>
        ) : user === null ? (
          <p className="muted loading-line">Loading…</p>
        ) : (
          <CurrentUserContext.Provider value={user}>{children}</CurrentUserContext.Provider>
        )}
      </main>
    </div>
  );
}
