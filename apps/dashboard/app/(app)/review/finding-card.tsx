"use client";

import { useState } from "react";
import { errorMessage, graphqlRequest } from "../../../lib/graphql-client";
import { ApplySuggestionDocument, MarkFindingDocument } from "../../../lib/graphql/generated/graphql";
import type { FindingFieldsFragment } from "../../../lib/graphql/generated/graphql";
import { useI18n } from "../../../lib/i18n/i18n-provider";
import { enumLabel } from "../../../lib/i18n/translate";
import { useToast } from "../toast";
import { SeverityBadge } from "./severity-badge";

type TFinding = FindingFieldsFragment;

/**
 * One finding explained (what, why, legal basis, suggestion, evidence) with its actions: apply the
 * suggestion (a new EDITED variant goes to review) and mark it a false positive.
 */
export function FindingCard({
  finding,
  active,
  canFeedback,
  canEdit,
  onActivate,
  onApplied,
}: {
  finding: TFinding;
  active: boolean;
  canFeedback: boolean;
  canEdit: boolean;
  onActivate: () => void;
  onApplied: (variantId: string) => void;
}) {
  const { t } = useI18n();
  const toast = useToast();
  const [feedback, setFeedback] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function mark(kind: "FALSE_POSITIVE" | "CONFIRMED"): Promise<void> {
    setBusy(true);
    try {
      await graphqlRequest(MarkFindingDocument, { findingId: finding.id, kind });
      setFeedback(kind);
      toast({ message: t(kind === "FALSE_POSITIVE" ? "finding.markedFalsePositive" : "finding.markedConfirmed") });
    } catch (caught) {
      toast({ message: errorMessage(caught), tone: "error" });
    } finally {
      setBusy(false);
    }
  }

  async function apply(): Promise<void> {
    setBusy(true);
    try {
      const variant = (await graphqlRequest(ApplySuggestionDocument, { findingId: finding.id })).applySuggestion;
      toast({ message: t("finding.applied") });
      onApplied(variant.id);
    } catch (caught) {
      toast({ message: errorMessage(caught), tone: "error" });
    } finally {
      setBusy(false);
    }
  }

  return (
    <li
      className={`finding-card sev-border-${finding.severity.toLowerCase()}${active ? " active" : ""}`}
      data-testid="finding-card"
      data-finding-id={finding.id}
      data-category={finding.category}
      onMouseEnter={onActivate}
    >
      <div className="finding-card-head">
        <SeverityBadge severity={finding.severity} />
        <strong>{enumLabel(t, "finding.category", finding.category)}</strong>
        <span className="mono small muted" title={finding.rulePackVersion}>
          {finding.rule}
        </span>
      </div>
      <p className="finding-match">
        <q>{finding.match}</q>
      </p>
      <p>{finding.message}</p>
      {finding.legalBasis !== null && (
        <p className="small">
          <span className="muted">{t("finding.legalBasis")}: </span>
          {finding.legalBasis}
        </p>
      )}
      {finding.suggestion !== null && (
        <p className="small">
          <span className="muted">{t("finding.suggestion")}: </span>
          {finding.suggestion === "" ? t("finding.deleteIt") : <q>{finding.suggestion}</q>}
        </p>
      )}
      {finding.evidence.length > 0 && (
        <ul className="evidence-list small">
          {finding.evidence.map((evidence, index) => (
            <li key={index}>
              <span className="chip">{evidence.source}</span>{" "}
              {evidence.name !== null && evidence.name !== undefined ? `${evidence.name}: ` : ""}
              {evidence.value ?? ""}
              {evidence.quote !== null && evidence.quote !== undefined ? <q>{evidence.quote}</q> : null}
              {evidence.detail !== null && evidence.detail !== undefined ? (
                <span className="muted"> {evidence.detail}</span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <div className="row-actions">
        {canEdit && finding.suggestion !== null && (
          <button
            type="button"
            className="button small"
            data-testid="apply-suggestion"
            disabled={busy}
            onClick={() => void apply()}
          >
            {t("finding.apply")}
          </button>
        )}
        {canFeedback && (
          <button
            type="button"
            className="button small ghost"
            data-testid="false-positive"
            aria-pressed={feedback === "FALSE_POSITIVE"}
            disabled={busy}
            onClick={() => void mark("FALSE_POSITIVE")}
          >
            {feedback === "FALSE_POSITIVE" ? t("finding.isFalsePositive") : t("finding.falsePositive")}
          </button>
        )}
      </div>
    </li>
  );
}
