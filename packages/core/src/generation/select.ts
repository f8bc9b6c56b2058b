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
/**
 * Per model, across inputs: an id for every n-gram met, what the statistics say of it whatever the
 * input (probability per category, repeat rate, the values whose references favour it), and the
 * ids of every clause weighed (connectives and fillers recur in every description). Bounded, as
 * clauses with values are endless in a long-running worker.
 */
type TShared = {
  ids: Map<string, number>;
  grams: string[];
  again: number[];
  favouredBy: (readonly { value: string; df: number; n: number }[] | undefined)[];
  /** Category ("" for none) → probability by id, filled as ids are met. */
  byCategory: Map<string, number[]>;
  /** Per clause: its n-gram ids, their orders (0-based), and how often each occurred earlier in it. */
  clauses: Map<string, { ids: Int32Array; orders: Uint8Array; earlier: Uint8Array }>;
};
const SHARED_LIMIT = 50_000;
const sharedByModel = new WeakMap<TGramTable, TShared>();

/** A text being written, with the expected n-gram matches so far. */
export class ExpectedBleu {
  private readonly matched = new Array<number>(N).fill(0);
  private readonly total = new Array<number>(N).fill(0);
  private chars = 0;
  /** Occurrences of each n-gram id in the text. */
  private readonly counts = new Map<number, number>();
  private readonly shared: TShared;
  private readonly base: number[];
  /** N-gram ids inside an input value: a reference states the value with `valueShare`. */
  private readonly valueIds = new Set<number>();

  private constructor(
    private readonly ng: NonNullable<TCompiledModel["ngrams"]>,
    private readonly category: string | null,
    /** The input's values and their order. */
    private readonly inputValues: ReadonlyMap<string, number>,
    values: readonly string[],
    private readonly referenceLengths: readonly number[],
  ) {
    let shared = sharedByModel.get(ng.all);
    if (!shared || shared.grams.length > SHARED_LIMIT) {
      shared = { ids: new Map(), grams: [], again: [], favouredBy: [], byCategory: new Map(), clauses: new Map() };
      sharedByModel.set(ng.all, shared);
    }
    this.shared = shared;
    let base = shared.byCategory.get(category ?? "");
    if (!base) {
      base = [];
      shared.byCategory.set(category ?? "", base);
    }
    this.base = base;
    for (const v of values)
      for (let n = 1; n <= N; n++)
        for (let i = 0; i + n <= v.length; i++) this.valueIds.add(this.idOf(v.slice(i, i + n)));
  }

  static forInput(
    compiled: TCompiledModel,
    o: { category: string | null; values: readonly string[] },
  ): ExpectedBleu | null {
    const ng = compiled.ngrams;
    if (!ng) return null;
    const { length } = ng.stats;
    const expected = length.mean + length.perValue * (o.values.length - length.meanValues);
    return new ExpectedBleu(
      ng,
      o.category && ng.byCategory.has(o.category) ? o.category : null,
      new Map([...new Set(o.values)].map((v, i) => [v, i])),
      o.values,
      length.residuals.map((r) => Math.max(10, expected + r)),
    );
  }

  /** The n-gram's id in the model's table, added on first sight. */
  private idOf(g: string): number {
    const s = this.shared;
    let id = s.ids.get(g);
    if (id !== undefined) return id;
    const df = this.ng.all.df.get(g);
    const repeats = this.ng.all.repeats.get(g) ?? 0;
    id = s.grams.length;
    s.ids.set(g, id);
    s.grams.push(g);
    s.again.push(df ? repeats / (df + repeats) : 0);
    s.favouredBy.push(this.ng.favouredBy.get(g));
    return id;
  }

  private readonly first = new Map<number, number>();

  /** Probability that a reference of this input has n-gram `id`. */
  private firstOf(id: number): number {
    const known = this.first.get(id);
    if (known !== undefined) return known;
    let p = this.base[id];
    if (p === undefined) {
      const g = this.shared.grams[id] ?? "";
      const { all } = this.ng;
      const prior = (all.df.get(g) ?? UNSEEN_REFERENCES) / all.n;
      const cat = this.category ? this.ng.byCategory.get(this.category) : undefined;
      p = cat ? ((cat.df.get(g) ?? 0) + PRIOR_REFERENCES * prior) / (cat.n + PRIOR_REFERENCES) : prior;
      this.base[id] = p;
    }
    // What references of inputs with one of these values say more often than others: in the
    // input's order, each value's references seen in the light of what was known before.
    const favoured = this.shared.favouredBy[id];
    if (favoured) {
      const of = favoured.filter((v) => this.inputValues.has(v.value));
      if (of.length > 1) of.sort((a, b) => (this.inputValues.get(a.value) ?? 0) - (this.inputValues.get(b.value) ?? 0));
      for (const v of of) p = Math.max(p, (v.df + VALUE_PRIOR_REFERENCES * p) / (v.n + VALUE_PRIOR_REFERENCES));
    }
    if (this.valueIds.has(id)) p = Math.max(p, this.ng.stats.valueShare);
    this.first.set(id, p);
    return p;
  }

  /** Probability that a reference has n-gram `id` at least `k + 1` times. */
  private matchOf(id: number, k: number): number {
    const p = this.firstOf(id);
    return k === 0 ? p : p * (this.shared.again[id] ?? 0) ** k;
  }

  /**
   * N-grams (1–4) of a clause followed by a comma, and those that start at the comma before it (what
   * it shares with any clause boundary), but not that comma alone. Generated copy is in the Basic
   * Multilingual Plane, so UTF-16 units are characters.
   */
  private gramsOf(clause: string): { ids: Int32Array; orders: Uint8Array; earlier: Uint8Array } {
    let c = this.shared.clauses.get(clause);
    if (!c) {
      const text = `，${clause}，`;
      const ids: number[] = [];
      const orders: number[] = [];
      for (let n = 1; n <= N; n++)
        for (let i = n === 1 ? 1 : 0; i + n <= text.length; i++) {
          ids.push(this.idOf(text.slice(i, i + n)));
          orders.push(n - 1);
        }
      const seen = new Map<number, number>();
      const earlier = ids.map((id) => {
        const k = seen.get(id) ?? 0;
        seen.set(id, k + 1);
        return k;
      });
      c = { ids: Int32Array.from(ids), orders: Uint8Array.from(orders), earlier: Uint8Array.from(earlier) };
      this.shared.clauses.set(clause, c);
    }
    return c;
  }

  /** What appending a clause (with the comma after it) would add. */
  delta(clause: string): TBleuDelta {
    const matched = new Array<number>(N).fill(0);
    const total = new Array<number>(N).fill(0);
    const { ids, orders, earlier } = this.gramsOf(clause);
    // The k-th occurrence matches when a reference has it k times (BLEU clips counts), counting
    // the occurrences earlier in the clause too.
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] ?? 0;
      const n = orders[i] ?? 0;
      const k = (this.counts.get(id) ?? 0) + (earlier[i] ?? 0);
      matched[n] = (matched[n] ?? 0) + this.matchOf(id, k);
      total[n] = (total[n] ?? 0) + 1;
    }
    return { matched, total, chars: clause.length + 1 };
  }

  /** Appends a clause; `d` is its `delta`, computed on the text as it is now. */
  commit(clause: string, d: TBleuDelta = this.delta(clause)): void {
    for (const id of this.gramsOf(clause).ids) this.counts.set(id, (this.counts.get(id) ?? 0) + 1);
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

  private readonly brevity: number[] = [];

  private logBrevity(c: number): number {
    const known = this.brevity[c];
    if (known !== undefined) return known;
    let bp = 0;
    for (const r of this.referenceLengths) bp += c >= r ? 1 : c > 0 ? Math.exp(1 - r / c) : 0;
    const out = Math.log(Math.max(bp / this.referenceLengths.length, 1e-9));
    this.brevity[c] = out;
    return out;
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
