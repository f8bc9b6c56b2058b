import Link from "next/link";
import { serverTranslator } from "../lib/i18n/server";

export default async function NotFound() {
  const { t } = await serverTranslator();
  return (
    <main className="centered-page">
      <div className="card narrow">
        <h1>{t("notFound.title")}</h1>
        <p className="muted">{t("notFound.body")}</p>
        <Link href="/products">{t("notFound.link")}</Link>
      </div>
    </main>
  );
}
