// The linter's public contract: what goes in, what comes out. The engine, the rule packs, the
// grounding check, the worker job, GraphQL and the CLI all speak these types.

export const FINDING_CATEGORIES = [
  "ABSOLUTE",
  "MEDICAL",
  "GUARANTEE",
  "AUTHORITY",
  "UNSUPPORTED",
  "URGENCY",
  "QUALITY",
] as const;
export type TFindingCategory = (typeof FINDING_CATEGORIES)[number];

/** Same names as the database enum. HIGH and CRITICAL are errors (block), LOW and MEDIUM warnings. */
export const SEVERITIES = ["INFO", "LOW", "MEDIUM", "HIGH", "CRITICAL"] as const;
export type TSeverity = (typeof SEVERITIES)[number];

export type TVerdict = "pass" | "review" | "block";

/** The languages rule packs are written for; other languages are linted with both packs' language-neutral rules. */
export type TLintLocale = "zh" | "en";

export type TVariantFieldName = "TITLE" | "BULLETS" | "DESCRIPTION" | "SHORT";

/** Structured product attributes as merchants send them: key → scalar or list. */
export type TAttributeMap = Readonly<Record<string, string | number | boolean | readonly string[]>>;

export type TGroundingStatus = "SUPPORTED" | "CONTRADICTED" | "UNSUPPORTED";

/** Where a claim's support (or contradiction) comes from. */
export type TEvidence =
  | { source: "attribute"; name: string; value: string }
  | { source: "review"; reviewId?: string; quote: string }
  | { source: "image"; imageId?: string; detail: string };

/** A factual claim found in copy and checked against the product data. */
export type TClaim = {
  /** What kind of fact: e.g. battery_life, material, colour, certification, capability, price. */
  kind: string;
  /** The claim as written. */
  text: string;
  /** UTF-16 offsets into the linted text, end exclusive. */
  start: number;
  end: number;
  status: TGroundingStatus;
  evidence: TEvidence[];
};

export type TLintFinding = {
  /** Rule id, stable across pack versions (e.g. `zh.absolute.superlative`). */
  rule: string;
  pack: string;
  packVersion: string;
  category: TFindingCategory;
  severity: TSeverity;
  /** UTF-16 offsets into the linted text, end exclusive: `text.slice(start, end) === match`. */
  start: number;
  end: number;
  match: string;
  /** What is wrong and why, in the copy's language. */
  message: string;
  /** e.g. 《广告法》第九条第三项; absent for merchant brand rules and quality checks. */
  legalBasis?: string;
  /** Replacement for the span ("" means delete it); absent when only a human can fix it. */
  suggestion?: string;
  /** True when applying `suggestion` mechanically cannot make the copy wrong. */
  autofix: boolean;
  evidence: TEvidence[];
};

export type TLintInput = {
  text: string;
  /** zh, en, zh-CN, en-US...; detected from the text when absent. */
  locale?: string;
  attributes?: TAttributeMap;
  /** Review texts: evidence for experiential claims. */
  reviews?: readonly { id?: string; text: string }[];
  field?: TVariantFieldName;
  /** Per-merchant brand pack applied on top of the built-in packs. */
  brandPack?: TBrandPack;
};

export type TLintResult = {
  verdict: TVerdict;
  locale: TLintLocale;
  findings: TLintFinding[];
  claims: TClaim[];
  /** `id@version` of every pack applied, for provenance. */
  packs: string[];
};

/** A merchant's brand pack as admins edit it (validated by `brandPackSchema`). */
export type TBrandPack = {
  /** The pack's version as stored (findings carry it as `packVersion`). */
  version?: string;
  forbidden: { term: string; suggestion?: string; locale?: TLintLocale; severity?: "LOW" | "MEDIUM" | "HIGH" }[];
  requiredDisclaimers: { text: string; fields?: TVariantFieldName[]; locale?: TLintLocale }[];
  lengthLimits: Partial<Record<TVariantFieldName, { min?: number; max?: number }>>;
};
