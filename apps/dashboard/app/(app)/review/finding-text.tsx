"use client";

import { useId } from "react";
import { highlightRuns } from "../../../lib/highlight";
import { useT } from "../../../lib/i18n/i18n-provider";
import { enumLabel } from "../../../lib/i18n/translate";

export type THighlightFinding = {
  id: string;
  start: number;
  end: number;
  category: string;
  severity: string;
  message: string;
  legalBasis: string | null;
  suggestion: string | null;
};

const SEVERITY_RANK: Record<string, number> = { INFO: 0, LOW: 1, MEDIUM: 2, HIGH: 3, CRITICAL: 4 };

/**
 * The copy with each finding's span marked. A mark is focusable and described by its explanation
 * (shown on hover and on keyboard focus), so the reason is reachable without a mouse. Merchant text
 * is only ever a React text child.
 */
export function FindingText({
  text,
  findings,
  activeId,
  onActivate,
  testId = "finding-text",
}: {
  text: string;
  findings: readonly THighlightFinding[];
  activeId?: string | null;
  onActivate?: (id: string) => void;
  testId?: string;
}) {
  const t = useT();
  const base = useId();
  const runs = highlightRuns(text, findings);
  return (
    <p className="copy-text" data-testid={testId}>
      {runs.map((run) => {
        if (run.spans.length === 0) return <span key={run.start}>{run.text}</span>;
        // The innermost finding names the run; the worst severity colours it.
        const primary = run.spans[0] as THighlightFinding;
        const worst = run.spans.reduce(
          (a, b) => ((SEVERITY_RANK[b.severity] ?? 0) > (SEVERITY_RANK[a.severity] ?? 0) ? b : a),
          primary,
        );
        const tipId = `${base}-${run.start}`;
        return (
          <span key={run.start} className="finding-wrap">
            <mark
              tabIndex={0}
              className={`finding-mark sev-${worst.severity.toLowerCase()}${run.spans.some((s) => s.id === activeId) ? " active" : ""}`}
              data-testid="finding-span"
              data-finding-id={primary.id}
              data-category={primary.category}
              aria-describedby={tipId}
              onFocus={() => onActivate?.(primary.id)}
              onMouseEnter={() => onActivate?.(primary.id)}
            >
              {run.text}
            </mark>
            <span role="tooltip" id={tipId} className="finding-tip" data-testid="finding-tip">
              {run.spans.map((span) => (
                <span key={span.id} className="finding-tip-item">
                  <span className="finding-tip-head">
                    {enumLabel(t, "finding.category", span.category)} ·{" "}
                    {enumLabel(t, "finding.severity", span.severity)}
                  </span>
                  <span className="finding-tip-line">{span.message}</span>
                  {span.legalBasis !== null && (
                    <span className="finding-tip-line">
                      {t("finding.legalBasis")}: {span.legalBasis}
                    </span>
                  )}
                  {span.suggestion !== null && (
                    <span className="finding-tip-line">
                      {t("finding.suggestion")}: {span.suggestion === "" ? t("finding.deleteIt") : span.suggestion}
                    </span>
                  )}
                </span>
              ))}
            </span>
          </span>
        );
      })}
    </p>
  );
}
