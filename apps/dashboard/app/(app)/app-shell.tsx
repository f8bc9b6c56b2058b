"use client";

import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import type { ReactNode } from "react";
import { errorMessage, graphqlRequest } from "../../lib/graphql-client";
import { LogoutDocument, MeDocument } from "../../lib/graphql/generated/graphql";
import { useT } from "../../lib/i18n/i18n-provider";
import type { TMessageKey } from "../../lib/i18n/messages";
import { can } from "../../lib/roles";
import type { TUiPermission } from "../../lib/roles";
import { useGraphQLQuery } from "../../lib/use-graphql-query";
import { LocaleSwitch } from "../locale-switch";
import { CurrentUserContext } from "./current-user";
import { ToastProvider } from "./toast";

const NAV_ITEMS: { href: string; label: TMessageKey; permission?: TUiPermission }[] = [
  { href: "/review", label: "nav.review", permission: "review:read" },
  { href: "/products", label: "nav.products" },
  { href: "/jobs", label: "nav.jobs", permission: "jobs:read" },
  { href: "/duplicates", label: "nav.duplicates", permission: "duplicates:read" },
  { href: "/generate", label: "nav.generate", permission: "variants:generate" },
  { href: "/audit", label: "nav.audit", permission: "audit:read" },
  { href: "/insights", label: "nav.insights", permission: "insights:read" },
  { href: "/experiments", label: "nav.experiments", permission: "insights:read" },
];

export function AppShell({ children }: { children: ReactNode }) {
  const router = useRouter();
  const pathname = usePathname();
  const t = useT();
  const me = useGraphQLQuery(MeDocument, {});
  const [signingOut, setSigningOut] = useState(false);
  const user = me.data?.me ?? null;
  const signedOut = me.data !== undefined && user === null;

  useEffect(() => {
    if (signedOut) router.replace(`/login?next=${encodeURIComponent(pathname)}`);
  }, [signedOut, pathname, router]);

  async function signOut(): Promise<void> {
    setSigningOut(true);
    try {
      await graphqlRequest(LogoutDocument, {});
    } finally {
      router.replace("/login");
      router.refresh();
    }
  }

  const navItems = NAV_ITEMS.filter(
    (item) => item.permission === undefined || (user !== null && can(user.role, item.permission)),
  );

  return (
    <div className="app">
      <a className="skip-link" href="#content">
        {t("nav.skip")}
      </a>
      <header className="topbar">
        <Link href="/products" className="brand">
          <span className="brand-mark" aria-hidden="true" />
          {t("app.name")}
        </Link>
        <nav className="topnav" aria-label={t("nav.main")}>
          {user !== null &&
            navItems.map((item) => {
              const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
              return (
                <Link
                  key={item.href}
                  href={item.href}
                  className={active ? "active" : undefined}
                  aria-current={active ? "page" : undefined}
                  data-testid={`nav-${item.href.slice(1)}`}
                >
                  {t(item.label)}
                </Link>
              );
            })}
        </nav>
        <div className="topbar-user">
          <LocaleSwitch />
          {user !== null && (
            <>
              <span className="user-name" data-testid="current-user" title={user.email}>
                {user.name || user.email}
              </span>
              <span className="role-badge" data-testid="current-role" data-role={user.role}>
                {t(`role.${user.role}`)}
              </span>
              <button type="button" className="button ghost" onClick={() => void signOut()} disabled={signingOut}>
                {signingOut ? t("session.signingOut") : t("session.signOut")}
              </button>
            </>
          )}
        </div>
      </header>
      <main className="content" id="content" tabIndex={-1}>
        {me.error !== undefined && me.data === undefined ? (
          <div className="card error-card" role="alert">
            <h2>{t("session.loadError")}</h2>
            <p>{errorMessage(me.error)}</p>
            <button type="button" className="button" onClick={me.refetch}>
              {t("common.retry")}
            </button>
          </div>
        ) : user === null ? (
          <p className="muted loading-line">{t("common.loading")}</p>
        ) : (
          <CurrentUserContext.Provider value={user}>
            <ToastProvider>{children}</ToastProvider>
          </CurrentUserContext.Provider>
        )}
      </main>
    </div>
  );
}
