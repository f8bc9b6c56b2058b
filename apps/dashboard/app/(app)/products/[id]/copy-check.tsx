"use client";

import { useState } from "react";
import type { CheckedVariantFragment } from "../../../../lib/graphql/generated/graphql";
import { useI18n } from "../../../../lib/i18n/i18n-provider";
import { enumLabel } from "../../../../lib/i18n/translate";
import { can } from "../../../../lib/roles";
import { useCurrentUser } from "../../current-user";
import { FindingCard } from "../../review/finding-card";
import { FindingText } from "../../review/finding-text";

const FIELD_ORDER = ["TITLE", "SHORT", "BULLETS", "DESCRIPTION"];
const ORIGIN_ORDER = ["ORIGINAL", "EDITED", "GENERATED", "LLM"];
// Texts nobody acts on any more are left out of the check.
const SHOWN_STATUSES = new Set(["PENDING_REVIEW", "APPROVED", "PUBLISHED", "BLOCKED", "DRAFT"]);

function VariantCheck({ variant, onChanged }: { variant: CheckedVariantFragment; onChanged: () => void }) {
  const { t } = useI18n();
  const user = useCurrentUser();
  const [active, setActive] = useState<string | null>(null);
  const editable = variant.status === "PENDING_REVIEW" || variant.status === "BLOCKED" || variant.origin === "ORIGINAL";
  return (
    <li className="variant-check" data-testid="variant-check" data-variant-id={variant.id} data-field={variant.field}>
      <div className="history-head">
        <strong>{enumLabel(t, "variant.field", variant.field)}</strong>
        <span className="chip">{variant.locale}</span>
        <span className="chip">{variant.generator ?? enumLabel(t, "variant.origin", variant.origin)}</span>
        <span className={`status-pill st-${variant.status.toLowerCase()}`}>
          {enumLabel(t, "variant.status", variant.status)}
        </span>
        {variant.verdict !== null && (
          <span className={`verdict verdict-${variant.verdict.toLowerCase()}`} data-testid="variant-verdict">
            {enumLabel(t, "review.verdictName", variant.verdict)}
          </span>
        )}
        {variant.lintedAt === null && <span className="muted small">{t("review.notLinted")}</span>}
      </div>
      <div lang={variant.locale}>
        <FindingText text={variant.text} findings={variant.findings} activeId={active} onActivate={setActive} />
      </div>
      {variant.findings.length > 0 && (
        <ul className="finding-list">
          {variant.findings.map((finding) => (
            <FindingCard
              key={finding.id}
              finding={finding}
              active={finding.id === active}
              canFeedback={can(user.role, "findings:feedback")}
              canEdit={can(user.role, "variants:edit") && editable}
              onActivate={() => setActive(finding.id)}
              onApplied={onChanged}
            />
          ))}
        </ul>
      )}
    </li>
  );
}

/** The product's texts as the linter sees them: findings highlighted, explained and actionable. */
export function CopyCheck({ variants, onChanged }: { variants: CheckedVariantFragment[]; onChanged: () => void }) {
  const { t } = useI18n();
  const shown = variants
    .filter((variant) => SHOWN_STATUSES.has(variant.status))
    .sort(
      (a, b) =>
        FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field) ||
        ORIGIN_ORDER.indexOf(a.origin) - ORIGIN_ORDER.indexOf(b.origin) ||
        a.createdAt.localeCompare(b.createdAt),
    );
  const total = shown.reduce((sum, variant) => sum + variant.findings.length, 0);
  return (
    <section className="card" data-testid="copy-check" aria-labelledby="copy-check-heading">
      <h2 id="copy-check-heading">
        {t("product.copyCheck")} <span className="muted small">({t("review.findingCount", { count: total })})</span>
      </h2>
      {shown.length === 0 ? (
        <p className="muted">{t("product.noVariants")}</p>
      ) : (
        <ul className="variant-checks">
          {shown.map((variant) => (
            <VariantCheck key={variant.id} variant={variant} onChanged={onChanged} />
          ))}
        </ul>
      )}
    </section>
  );
}
