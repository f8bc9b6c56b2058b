"use client";

import { useState } from "react";
import type { FormEvent } from "react";
import { formatAge } from "../../../lib/format";
import { REJECT_REASON_CODE_VALUES } from "../../../lib/graphql/generated/graphql";
import type { TRejectReasonCode } from "../../../lib/graphql/generated/graphql";
import { useI18n, useT } from "../../../lib/i18n/i18n-provider";
import { enumLabel } from "../../../lib/i18n/translate";
import { Modal } from "../../modal";

export { SeverityBadge } from "./severity-badge";

export function SlaBadge({ status, ageSeconds }: { status: string; ageSeconds: number }) {
  const t = useT();
  return (
    <span
      className={`sla-badge sla-${status.toLowerCase()}`}
      data-testid="sla-badge"
      data-sla={status}
      title={enumLabel(t, "review.sla", status)}
    >
      <span className="visually-hidden">{enumLabel(t, "review.sla", status)}: </span>
      {formatAge(ageSeconds)}
    </span>
  );
}

export function ClaimBadge({ claim }: { claim: { mine: boolean; holder: { name: string } | null } | null }) {
  const t = useT();
  if (claim === null) return null;
  return (
    <span className={claim.mine ? "claim-badge mine" : "claim-badge"} data-testid="claim-badge" data-mine={claim.mine}>
      {claim.mine ? t("review.claimMine") : t("review.claimOther", { name: claim.holder?.name ?? "?" })}
    </span>
  );
}

/** Reason picker and comment for a rejection; OTHER needs a comment. */
export function RejectDialog({
  open,
  count = 1,
  onClose,
  onSubmit,
}: {
  open: boolean;
  count?: number;
  onClose: () => void;
  onSubmit: (reasonCode: TRejectReasonCode, comment: string | null) => Promise<void>;
}) {
  const { t } = useI18n();
  const [reason, setReason] = useState<TRejectReasonCode | null>(null);
  const [comment, setComment] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (reason === null) {
      setError(t("review.pickReason"));
      return;
    }
    if (reason === "OTHER" && comment.trim() === "") {
      setError(t("review.otherNeedsComment"));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSubmit(reason, comment.trim() === "" ? null : comment.trim());
      setReason(null);
      setComment("");
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open}
      onClose={onClose}
      title={count > 1 ? t("review.rejectMany", { count }) : t("review.rejectTitle")}
      testId="reject-dialog"
    >
      <form className="stack" onSubmit={(event) => void submit(event)}>
        <fieldset className="reason-list">
          <legend>{t("review.reason")}</legend>
          {REJECT_REASON_CODE_VALUES.map((code, index) => (
            <label key={code} className="reason-option">
              <input
                type="radio"
                name="reason"
                value={code}
                data-testid={`reason-${code}`}
                checked={reason === code}
                // The first option takes focus when the dialog opens.
                autoFocus={index === 0}
                onChange={() => setReason(code)}
              />
              <span>
                <strong>{enumLabel(t, "review.reasonCode", code)}</strong>
                <span className="muted small block">{enumLabel(t, "review.reasonHint", code)}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <label className="field">
          <span>
            {t("review.comment")}
            {reason === "OTHER" ? ` (${t("review.required")})` : ""}
          </span>
          <textarea
            data-testid="reject-comment"
            rows={3}
            maxLength={2000}
            value={comment}
            onChange={(event) => setComment(event.target.value)}
          />
        </label>
        {error !== null && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button ghost" onClick={onClose}>
            {t("common.cancel")}
          </button>
          <button type="submit" className="button danger-solid" data-testid="reject-submit" disabled={busy}>
            {t("review.reject")}
          </button>
        </div>
      </form>
    </Modal>
  );
}

export const SHORTCUTS: { keys: string; label: string }[] = [
  { keys: "j / k", label: "review.key.move" },
  { keys: "Enter", label: "review.key.open" },
  { keys: "a", label: "review.key.approve" },
  { keys: "e", label: "review.key.edit" },
  { keys: "r", label: "review.key.reject" },
  { keys: "x", label: "review.key.select" },
  { keys: "?", label: "review.key.help" },
];

export function ShortcutHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  return (
    <Modal open={open} onClose={onClose} title={t("review.shortcuts")} testId="shortcut-help">
      <dl className="shortcut-list">
        {SHORTCUTS.map((shortcut) => (
          <div key={shortcut.keys}>
            <dt>
              <kbd>{shortcut.keys}</kbd>
            </dt>
            <dd>{enumLabel(t, "review.key", shortcut.label.replace("review.key.", ""))}</dd>
          </div>
        ))}
      </dl>
    </Modal>
  );
}
