"use client";

import { useT } from "../../../lib/i18n/i18n-provider";
import { enumLabel } from "../../../lib/i18n/translate";

export function SeverityBadge({ severity, count }: { severity: string | null; count?: number }) {
  const t = useT();
  if (severity === null) return <span className="muted small">{t("review.noFindings")}</span>;
  return (
    <span className={`sev-badge sev-${severity.toLowerCase()}`} data-severity={severity}>
      {enumLabel(t, "finding.severity", severity)}
      {count !== undefined && count > 0 ? ` · ${count}` : ""}
    </span>
  );
}
