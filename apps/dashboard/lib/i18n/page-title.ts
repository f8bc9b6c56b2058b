import type { Metadata } from "next";
import type { TMessageKey } from "./messages";
import { serverTranslator } from "./server";

/** `export const generateMetadata = pageTitle("nav.jobs")`: the page's title in the request's language. */
export function pageTitle(key: TMessageKey): () => Promise<Metadata> {
  return async () => {
    const { t } = await serverTranslator();
    return { title: t(key) };
  };
}
