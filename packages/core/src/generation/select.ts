import type { TCompiledModel, TGramTable } from "./model.js";

// Choosing among realisations by what a human reference would most likely share with them: the
// expected character BLEU-4 of a text under the corpus's n-gram statistics (minimum Bayes risk with
// the reference unknown). A reference contains an n-gram with the probability that references of
// the category do (smoothed towards all references), a value the input gives with the probability
// that references state given values; a repeated n-gram matches again only as often as references
// repeat it (BLEU clips counts); the brevity penalty is expected over the length references of that
// many values have. It only ranks wordings: every candidate it sees already states the same facts
// through the same claims, so nothing about grounding depends on it.

/** Weight, in references, of all references' statistics in a category's (small categories borrow more). */
const PRIOR_REFERENCES = 40;
/** The same for a value's references, which are fewer. */
const VALUE_PRIOR_REFERENCES = 3;
/** An n-gram too rare to be kept: about half a reference in all. */
const UNSEEN_REFERENCES = 0.5;
const N = 4;

export type TBleuDelta = { matched: number[]; total: number[]; chars: number };
/** A clause's n-grams as ids of this text's n-gram table, with their orders (0-based). */
type TClauseGrams = { ids: Int32Array; orders: Uint8Array };

/** A text being written, with the expected n-gram matches so far. */
export class ExpectedBleu {
  private readonly matched = new Array<number>(N).fill(0);
  private readonly total = new Array<number>(N).fill(0);
  private chars = 0;
  // Per n-gram id: occurrences in the text, probability that a reference has it, and that it has it again.
  private readonly ids = new Map<string, number>();
  private readonly counts: number[] = [];
  private readonly first: number[] = [];
  private readonly again: number[] = [];
  private readonly clauses = new Map<string, TClauseGrams>();

  private constructor(
    private readonly all: TGramTable,
    private readonly category: TGramTable | null,
    private readonly values: readonly TGramTable[],
    /** N-grams inside an input value: a reference states the value with `valueShare`. */
    private readonly valueGrams: ReadonlySet<string>,
    private readonly valueShare: number,
    private readonly referenceLengths: readonly number[],
  ) {}

  static forInput(
    compiled: TCompiledModel,
    o: { category: string | null; values: readonly string[] },
  ): ExpectedBleu | null {
    const ng = compiled.ngrams;
    if (!ng) return null;
    const valueGrams = new Set<string>();
    for (const v of o.values)
      for (let n = 1; n <= N; n++) for (let i = 0; i + n <= v.length; i++) valueGrams.add(v.slice(i, i + n));
    const { length } = ng.stats;
    const expected = length.mean + length.perValue * (o.values.length - length.meanValues);
    const tables = [...new Set(o.values)].flatMap((v) => {
      const t = ng.byValue.get(v);
      return t ? [t] : [];
    });
    return new ExpectedBleu(
      ng.all,
      (o.category && ng.byCategory.get(o.category)) || null,
      tables,
      valueGrams,
      ng.stats.valueShare,
      length.residuals.map((r) => Math.max(10, expected + r)),
    );
  }

  /** The n-gram's id, its probabilities computed on first sight. */
  private idOf(g: string): number {
    let id = this.ids.get(g);
    if (id !== undefined) return id;
    const df = this.all.df.get(g);
    const prior = (df ?? UNSEEN_REFERENCES) / this.all.n;
    const cat = this.category;
    let p = cat ? ((cat.df.get(g) ?? 0) + PRIOR_REFERENCES * prior) / (cat.n + PRIOR_REFERENCES) : prior;
    // What references of inputs with one of these values say more often than others.
    for (const t of this.values) {
      const c = t.df.get(g);
      if (c !== undefined) p = Math.max(p, (c + VALUE_PRIOR_REFERENCES * p) / (t.n + VALUE_PRIOR_REFERENCES));
    }
    if (this.valueGrams.has(g)) p = Math.max(p, this.valueShare);
    // Within a reference that has it, further occurrences are geometric with the corpus's repeat rate.
    const repeats = this.all.repeats.get(g) ?? 0;
    id = this.counts.length;
    this.ids.set(g, id);
    this.counts.push(0);
    this.first.push(p);
    this.again.push(df ? repeats / (df + repeats) : 0);
    return id;
  }

  /**
   * N-grams (1–4) of a clause followed by a comma, and those that start at the comma before it (what
   * it shares with any clause boundary), but not that comma alone. Generated copy is in the Basic
   * Multilingual Plane, so UTF-16 units are characters.
   */
  private gramsOf(clause: string): TClauseGrams {
    let out = this.clauses.get(clause);
    if (out) return out;
    const text = `，${clause}，`;
    const ids: number[] = [];
    const orders: number[] = [];
    for (let n = 1; n <= N; n++)
      for (let i = n === 1 ? 1 : 0; i + n <= text.length; i++) {
        ids.push(this.idOf(text.slice(i, i + n)));
        orders.push(n - 1);
      }
    out = { ids: Int32Array.from(ids), orders: Uint8Array.from(orders) };
    this.clauses.set(clause, out);
    return out;
  }

  /** What appending a clause (with the comma after it) would add. */
  delta(clause: string): TBleuDelta {
    const matched = new Array<number>(N).fill(0);
    const total = new Array<number>(N).fill(0);
    const { ids, orders } = this.gramsOf(clause);
    const counts = this.counts;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] ?? 0;
      const n = orders[i] ?? 0;
      // The k-th occurrence matches when a reference has it k times (BLEU clips counts).
      const k = counts[id] ?? 0;
      const p = this.first[id] ?? 0;
      matched[n] = (matched[n] ?? 0) + (k === 0 ? p : p * (this.again[id] ?? 0) ** k);
      total[n] = (total[n] ?? 0) + 1;
      counts[id] = k + 1;
    }
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] ?? 0;
      counts[id] = (counts[id] ?? 1) - 1;
    }
    return { matched, total, chars: clause.length + 1 };
  }

  /** Appends a clause; `d` is its `delta`, computed on the text as it is now. */
  commit(clause: string, d: TBleuDelta = this.delta(clause)): void {
    for (const id of this.gramsOf(clause).ids) this.counts[id] = (this.counts[id] ?? 0) + 1;
    for (let n = 0; n < N; n++) {
      this.matched[n] = (this.matched[n] ?? 0) + (d.matched[n] ?? 0);
      this.total[n] = (this.total[n] ?? 0) + (d.total[n] ?? 0);
    }
    this.chars += d.chars;
  }

  /** Log of the expected precision part (geometric mean of the n-gram precisions), with `d` added. */
  logPrecision(d?: TBleuDelta): number {
    let sum = 0;
    for (let n = 0; n < N; n++) {
      const m = (this.matched[n] ?? 0) + (d?.matched[n] ?? 0);
      const t = (this.total[n] ?? 0) + (d?.total[n] ?? 0);
      sum += Math.log(t > 0 ? Math.max(m, 1e-3) / t : 1);
    }
    return sum / N;
  }

  /** Log of the expected BLEU-4, with `d` added: the precision part and the expected brevity penalty. */
  logBleu(d?: TBleuDelta): number {
    return this.logBrevity(this.chars + (d?.chars ?? 0)) + this.logPrecision(d);
  }

  private logBrevity(c: number): number {
    let bp = 0;
    for (const r of this.referenceLengths) bp += c >= r ? 1 : c > 0 ? Math.exp(1 - r / c) : 0;
    return Math.log(Math.max(bp / this.referenceLengths.length, 1e-9));
  }

  /**
   * What one more character is worth to the expected brevity penalty at the length references have
   * (their median): while clauses are chosen one by one, a longer way of saying a fact spares
   * wording that would otherwise be added later only to reach that length.
   */
  lengthValue(): number {
    const sorted = [...this.referenceLengths].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? 100;
    return this.logBrevity(median + 1) - this.logBrevity(median);
  }
}
