import { pageTitle } from "../../lib/i18n/page-title";
import { serverTranslator } from "../../lib/i18n/server";
import { safeNextPath } from "../../lib/safe-next-path";
import { LocaleSwitch } from "../locale-switch";
import { LoginForm } from "./login-form";

export const generateMetadata = pageTitle("login.title");

export default async function LoginPage(props: PageProps<"/login">) {
  const searchParams = await props.searchParams;
  const next = typeof searchParams.next === "string" ? searchParams.next : undefined;
  const { t } = await serverTranslator();
  return (
    <main className="centered-page">
      <div className="card narrow login-card">
        <div className="login-top">
          <div className="brand brand-large">
            <span className="brand-mark" aria-hidden="true" />
            {t("app.name")}
          </div>
          <LocaleSwitch />
        </div>
        <h1>{t("login.title")}</h1>
        <p className="muted">{t("app.tagline")}</p>
        <LoginForm next={safeNextPath(next)} />
      </div>
    </main>
  );
}
