import type { TFact } from "./facts.js";
import { sourceOf } from "./facts.js";
import type { TGeneratedClaim } from "./types.js";

/** Text of a realised clause: plain words, and the facts it states (which become claims). */
export type TPiece = string | { fact: TFact; text: string };
/** One clause (or bullet, or title part) and the facts it was written for. */
export type TUnit = {
  pieces: TPiece[];
  facts: TFact[];
  kind: "fact" | "connective" | "filler" | "disclaimer";
  /** The mined template a fact clause was written with (so a repair can ban it). */
  template?: string;
};

export const unitText = (u: TUnit): string => u.pieces.map((p) => (typeof p === "string" ? p : p.text)).join("");

/** Concatenates pieces, recording a claim (UTF-16 span and provenance) for every fact piece. */
export class TextBuilder {
  text = "";
  readonly claims: TGeneratedClaim[] = [];
  /** Where each unit added with `unit()` landed. */
  readonly spans: { start: number; end: number }[] = [];

  add(piece: TPiece): this {
    if (typeof piece === "string") {
      this.text += piece;
      return this;
    }
    const start = this.text.length;
    this.text += piece.text;
    this.claims.push({
      text: piece.text,
      start,
      end: this.text.length,
      source: sourceOf(piece.fact.provenance),
      provenance: piece.fact.provenance,
    });
    return this;
  }

  unit(u: TUnit): this {
    const start = this.text.length;
    for (const p of u.pieces) this.add(p);
    this.spans.push({ start, end: this.text.length });
    return this;
  }
}

export type TJoinMode = "sentences" | "lines" | "list" | "words";

/**
 * Joins clauses: `sentences` of `perSentence` clauses (Chinese) or sentence units (English),
 * `lines` (bullets), `list` (specifications: ；/ ; between, a full stop at the end) or `words`
 * (a title, whose units carry their own spaces).
 */
export function joinUnits(
  units: readonly TUnit[],
  o: { locale: "zh" | "en"; mode: TJoinMode; perSentence?: number },
): TextBuilder {
  const b = new TextBuilder();
  const per = Math.max(1, o.perSentence ?? 2);
  let inSentence = 0;
  units.forEach((u, i) => {
    const last = i === units.length - 1;
    if (o.mode === "lines") {
      b.unit(u);
      if (!last) b.add("\n");
      return;
    }
    if (o.mode === "list") {
      b.unit(u);
      b.add(last ? (o.locale === "zh" ? "。" : ".") : o.locale === "zh" ? "；" : "; ");
      return;
    }
    if (o.mode === "words") {
      // A title's units carry their own spacing (none between Chinese words).
      b.unit(u);
      return;
    }
    if (o.locale === "en") {
      // English units are whole sentences already.
      b.unit(u);
      if (!last) b.add(" ");
      return;
    }
    b.unit(u);
    // A required disclaimer is a sentence of its own; a unit that ends a sentence already gets no stop.
    if (/[。！？!?.]$/.test(b.text)) return;
    const next = units[i + 1];
    // A sentence is a fact with its connective, or `per` clauses; it never starts with a connective.
    inSentence++;
    const end =
      last ||
      next?.kind === "disclaimer" ||
      (next?.kind !== "connective" && (u.kind === "connective" || inSentence >= per));
    b.add(end ? "。" : "，");
    if (end) inSentence = 0;
  });
  return b;
}
