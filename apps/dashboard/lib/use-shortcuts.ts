"use client";

import { useEffect, useRef } from "react";

export type TShortcuts = Record<string, (event: KeyboardEvent) => void>;

/** True when a key press belongs to what the user is typing into, not to the page. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  if (tag !== "INPUT") return false;
  const type = (target as HTMLInputElement).type;
  return !["checkbox", "radio", "button", "submit", "reset"].includes(type);
}

/**
 * Single-key shortcuts on the whole page (j, k, a, e, r, x, ?). Ignored while typing, with a
 * modifier held (browser and OS shortcuts win) or while a modal dialog is open.
 */
export function useShortcuts(shortcuts: TShortcuts, enabled = true): void {
  const ref = useRef(shortcuts);
  ref.current = shortcuts;
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTypingTarget(event.target)) return;
      if (document.querySelector("dialog[open]") !== null) return;
      const handler = ref.current[event.key];
      if (handler === undefined) return;
      event.preventDefault();
      handler(event);
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [enabled]);
}
