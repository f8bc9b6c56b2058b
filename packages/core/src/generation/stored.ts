import type { TGateReason, TGeneratedClaim } from "./types.js";

// What a generated variant keeps of its generation (Variant.claims, Variant.blockReasons): plain
// shapes that stay readable when the generator's own types change.

/** A claim as stored and as the CLI prints it: the span and `attribute:<key>`, `review:<id>` or `image:<id>`. */
export type TStoredClaim = { text: string; start: number; end: number; source: string };

/** A gate reason as stored: its code, the rule/claim kind/fact kind, the words concerned and where. */
export type TStoredGateReason = {
  code: TGateReason["code"];
  detail: string;
  text: string;
  start: number | null;
  end: number | null;
  /** The lint finding's severity; null for the other codes. */
  severity: string | null;
};

export const storedClaims = (claims: readonly TGeneratedClaim[]): TStoredClaim[] =>
  claims.map((c) => ({ text: c.text, start: c.start, end: c.end, source: c.source }));

export function storedGateReason(r: TGateReason): TStoredGateReason {
  switch (r.code) {
    case "lint_finding":
      return { code: r.code, detail: r.rule, text: r.match, start: r.start, end: r.end, severity: r.severity };
    case "ungrounded_claim":
      return {
        code: r.code,
        detail: `${r.kind}: ${r.status}`,
        text: r.text,
        start: r.start,
        end: r.end,
        severity: null,
      };
    case "unsourced_fact":
      return { code: r.code, detail: r.kind, text: r.term, start: r.start, end: r.end, severity: null };
    case "empty":
      return { code: r.code, detail: r.message, text: "", start: null, end: null, severity: null };
  }
}

/** `attribute:<key>` → kind `attribute`, ref `<key>` (a source without a known kind keeps it whole as ref). */
export function claimSourceParts(source: string): { kind: string; ref: string } {
  const i = source.indexOf(":");
  const kind = i > 0 ? source.slice(0, i) : "";
  if (kind === "attribute" || kind === "review" || kind === "image") return { kind, ref: source.slice(i + 1) };
  return { kind: "unknown", ref: source };
}
