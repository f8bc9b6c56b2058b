// The generator's public contract: what a caller asks for, what comes back. The CLI, the worker's
// batch job, the GraphQL preview and the evaluation all speak these types.
import type {
  TAttributeMap,
  TBrandPack,
  TClaim,
  TLintFinding,
  TLintLocale,
  TSeverity,
  TVariantFieldName,
  TVerdict,
} from "../lint/types.js";

export const GENERATION_STYLES = ["concise", "vivid", "technical"] as const;
export type TGenerationStyle = (typeof GENERATION_STYLES)[number];

/** Audiences the planner knows how to lead for; any other string is accepted and only recorded. */
export const KNOWN_AUDIENCES = ["运动", "健康", "时尚", "价格", "sport", "health", "fashion", "price"] as const;

/** What an image finding says about the product (from the image pipeline), usable as a fact. */
export type TImageFact = { imageId: string; key: string; value: string };

export type TGenerationInput = {
  /** zh, en, zh-CN, en-US… */
  locale: string;
  field: TVariantFieldName;
  attributes: TAttributeMap;
  style?: TGenerationStyle | undefined;
  /** e.g. 运动 / sport: the planner leads with what this audience cares about. */
  audience?: string | null | undefined;
  /** Product category as the catalogue states it (falls back to a type attribute). */
  category?: string | null | undefined;
  /** Review texts: the only evidence for experiential claims ("reviewers praise the battery"). */
  reviews?: readonly { id?: string; text: string }[] | undefined;
  imageFindings?: readonly TImageFact[] | undefined;
  /** The merchant's limits: lengths per field, forbidden words, required phrases. */
  brandPack?: TBrandPack | undefined;
};

/** Where a stated fact comes from: `attribute:<key>`, `review:<id>` or `image:<id>`. */
export type TProvenance =
  | { kind: "attribute"; key: string }
  | { kind: "review"; reviewIds: string[]; aspect: string }
  | { kind: "image"; imageId: string; key: string };

/** A span of the generated text that states a fact, with where the fact comes from. */
export type TGeneratedClaim = {
  text: string;
  /** UTF-16 offsets into the text, end exclusive. */
  start: number;
  end: number;
  /** `attribute:<key>`, `review:<id>` or `image:<id>` (the CLI contract's string form). */
  source: string;
  provenance: TProvenance;
};

/** Why the gate held a candidate back (stored with a BLOCKED variant, counted in the stats). */
export type TGateReason =
  | { code: "lint_finding"; rule: string; severity: TSeverity; start: number; end: number; match: string }
  | {
      code: "ungrounded_claim";
      kind: string;
      status: "UNSUPPORTED" | "CONTRADICTED";
      start: number;
      end: number;
      text: string;
    }
  | { code: "unsourced_fact"; term: string; kind: string; start: number; end: number }
  | { code: "empty"; message: string };

export type TGateResult = {
  /** Only an offered candidate may enter the review queue; a blocked one is stored as BLOCKED. */
  status: "offered" | "blocked";
  reasons: TGateReason[];
  findings: TLintFinding[];
  /** The linter's own reading of the claims (SUPPORTED with evidence, or not). */
  lintClaims: TClaim[];
  /** The linter's verdict and the packs it applied (`id@version`). */
  verdict: TVerdict;
  packs: string[];
};

export type TGenerationCandidate = {
  text: string;
  locale: TLintLocale;
  field: TVariantFieldName;
  style: TGenerationStyle;
  audience: string | null;
  /** Attribute keys the planner led with for the audience. */
  emphasis: string[];
  claims: TGeneratedClaim[];
  gate: TGateResult;
  generator: string;
  generatorVersion: string;
};
