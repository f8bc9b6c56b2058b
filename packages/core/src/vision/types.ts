import type { TEvidence, TFindingCategory, TLintLocale, TSeverity } from "../lint/types.js";

/** [x, y, width, height] in the image's own pixels (origin top left). */
export type TBox = [number, number, number, number];

/** A point list (clockwise from the top left for text boxes), in the image's pixels. */
export type TQuad = [number, number][];

/** Image findings are IMAGE (the picture itself) or a linter category (text printed on it). */
export type TImageFindingCategory = "IMAGE" | TFindingCategory;

export type TImageFinding = {
  /** Stable id: `image.blur`, `image.colour.attribute` …, or the linter's rule for text in the image. */
  rule: string;
  category: TImageFindingCategory;
  severity: TSeverity;
  /** What is wrong and why, in the product's language. */
  message: string;
  /** The region the finding is about (text findings: the matched text; colour findings: none). */
  box?: TBox;
  /** The words the finding is about: the recognised text that matched, or the copy's colour word. */
  match?: string;
  legalBasis?: string;
  suggestion?: string;
  evidence: TEvidence[];
};

/** A recognised line of text in an image. */
export type TOcrLine = {
  text: string;
  box: TBox;
  /** Mean probability of the recognised characters, 0–1. */
  confidence: number;
  /** The rotated rectangle the text was read from, when it is not axis-aligned. */
  quad?: TQuad;
  /** Horizontal position of each character's centre, as a fraction (0–1) of the line's reading direction. */
  charPositions?: number[];
};

export type TMessageLocale = TLintLocale;
