import type { Metadata } from "next";
import type { ReactNode } from "react";
import { connection } from "next/server";
import { I18nProvider } from "../lib/i18n/i18n-provider";
import { languageTag } from "../lib/i18n/locale";
import { serverTranslator } from "../lib/i18n/server";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await serverTranslator();
  return {
    title: { default: "truecopy", template: "%s · truecopy" },
    description: t("app.tagline"),
    robots: { index: false, follow: false },
  };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request so Next.js can put the CSP nonce from proxy.ts on its scripts.
  await connection();
  const { locale } = await serverTranslator();
  return (
    <html lang={languageTag(locale)}>
      <body>
        <I18nProvider locale={locale}>{children}</I18nProvider>
      </body>
    </html>
  );
}
