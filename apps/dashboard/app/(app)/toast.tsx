"use client";

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import type { ReactNode } from "react";
import { useT } from "../../lib/i18n/i18n-provider";

export type TToast = {
  message: string;
  tone?: "info" | "error";
  /** One action (e.g. Undo) offered while the toast is up. */
  action?: { label: string; run: () => void };
  /** How long it stays; an action's window. */
  timeoutMs?: number;
};

type TShownToast = TToast & { id: number; expiresAt: number };

const ToastContext = createContext<((toast: TToast) => void) | null>(null);
const DEFAULT_TIMEOUT_MS = 5_000;

/** Toasts announced politely to screen readers (errors assertively); one at a time, newest wins. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const t = useT();
  const [toast, setToast] = useState<TShownToast | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const nextId = useRef(1);

  const show = useCallback((next: TToast) => {
    const timeoutMs = next.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    setToast({ ...next, id: nextId.current++, expiresAt: Date.now() + timeoutMs });
    setNow(Date.now());
  }, []);

  useEffect(() => {
    if (toast === null) return;
    const timer = setInterval(() => {
      const current = Date.now();
      setNow(current);
      if (current >= toast.expiresAt) setToast(null);
    }, 250);
    return () => clearInterval(timer);
  }, [toast]);

  const secondsLeft = toast === null ? 0 : Math.max(0, Math.ceil((toast.expiresAt - now) / 1000));
  const value = useMemo(() => show, [show]);
  return (
    <ToastContext.Provider value={value}>
      {children}
      <div className="toast-region" aria-live={toast?.tone === "error" ? "assertive" : "polite"} role="status">
        {toast !== null && (
          <div className={`toast toast-${toast.tone ?? "info"}`} data-testid="toast" key={toast.id}>
            <span>{toast.message}</span>
            {toast.action !== undefined && (
              <button
                type="button"
                className="button small"
                data-testid="toast-action"
                onClick={() => {
                  toast.action?.run();
                  setToast(null);
                }}
              >
                {toast.action.label} ({secondsLeft} s)
              </button>
            )}
            <button
              type="button"
              className="button ghost small"
              data-testid="toast-close"
              aria-label={t("common.close")}
              onClick={() => setToast(null)}
            >
              ×
            </button>
          </div>
        )}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast(): (toast: TToast) => void {
  const show = useContext(ToastContext);
  if (show === null) throw new Error("useToast needs a ToastProvider above it");
  return show;
}
