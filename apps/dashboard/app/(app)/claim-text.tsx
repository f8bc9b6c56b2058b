"use client";

import { useI18n } from "../../lib/i18n/i18n-provider";
import type { TMessageKey } from "../../lib/i18n/messages";
import { claimRuns, type TClaimSpan } from "./generate/claim-spans";
import "./claim-text.css";

const KIND_LABEL: Record<string, TMessageKey> = {
  attribute: "claims.fromAttribute",
  review: "claims.fromReview",
  image: "claims.fromImage",
};

export type TClaimWithRef = TClaimSpan & { sourceRef: string };

/**
 * A generated text with each claim marked; hovering or focusing a claim shows where its fact
 * comes from (an attribute, a praising review, a checked image).
 */
export function ClaimText({
  text,
  claims,
  locale,
}: {
  text: string;
  claims: readonly TClaimWithRef[];
  locale: string;
}) {
  const { t } = useI18n();
  return (
    <p className="claim-text" lang={locale} data-testid="claim-text">
      {claimRuns(text, claims).map((run, i) => {
        if (!run.claim) return <span key={i}>{run.text}</span>;
        const claim = run.claim as TClaimWithRef;
        const kind = KIND_LABEL[claim.sourceKind];
        // Review and image ids are UUIDs: their start is enough to tell them apart here.
        const ref = claim.sourceKind === "attribute" ? claim.sourceRef : claim.sourceRef.slice(0, 8);
        const label = kind ? t(kind, { ref }) : claim.source;
        return (
          <mark
            key={i}
            className={`claim-mark claim-${claim.sourceKind}`}
            tabIndex={0}
            aria-label={`${run.text} — ${label}`}
            data-source={claim.source}
          >
            {run.text}
            <span className="claim-tip" role="tooltip">
              {label}
            </span>
          </mark>
        );
      })}
    </p>
  );
}
