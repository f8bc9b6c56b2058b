"use client";

import { useEffect, useRef } from "react";
import type { ReactNode } from "react";
import { useT } from "../lib/i18n/i18n-provider";

/**
 * A modal on the native <dialog>: the browser traps focus, closes it on Escape and returns focus to
 * what opened it.
 */
export function Modal({
  open,
  title,
  onClose,
  children,
  testId,
  wide = false,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  testId?: string;
  wide?: boolean;
}) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog === null) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className={wide ? "modal wide" : "modal"}
      aria-labelledby={testId === undefined ? undefined : `${testId}-title`}
      data-testid={testId}
      onClose={onClose}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      {open && (
        <>
          <div className="modal-head">
            <h2 id={testId === undefined ? undefined : `${testId}-title`}>{title}</h2>
            <button type="button" className="button ghost small" aria-label={t("common.close")} onClick={onClose}>
              ×
            </button>
          </div>
          <div className="modal-body">{children}</div>
        </>
      )}
    </dialog>
  );
}
