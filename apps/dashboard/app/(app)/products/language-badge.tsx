"use client";

import { useT } from "../../../lib/i18n/i18n-provider";
import type { TMessageKey } from "../../../lib/i18n/messages";

const KNOWN = new Set(["zh", "en", "mixed", "other"]);

/** The language the analysis detected (zh, en, mixed, other); an unknown code is shown as it is. */
export function LanguageBadge({ language }: { language: string }) {
  const t = useT();
  const label = KNOWN.has(language) ? t(`language.${language}` as TMessageKey) : language;
  return <span className={`lang-badge lang-${language}`}>{label}</span>;
}
