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
/** A clause's n-grams (the same string objects every time, so their hashes are computed once) and orders (0-based). */
type TClauseGrams = { grams: string[]; orders: Uint8Array };
/** What the model says of one n-gram, whatever the input: probability per category, and the values whose references favour it. */
type TGramInfo = {
  byCategory: Map<string, number>;
  again: number;
  values: { value: string; p: (base: number) => number }[];
};

/**
 * Per model, across inputs: the n-grams of clauses seen (connectives and fillers recur in every
 * description) and what the statistics say of each n-gram. Bounded, as clauses with values are
 * endless in a long-running worker.
 */
const SHARED_LIMIT = 50_000;
const shared = new WeakMap<TGramTable, { clauses: Map<string, TClauseGrams>; info: Map<string, TGramInfo> }>();

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
  private readonly idsOf = new Map<string, Int32Array>();
  private readonly cache: { clauses: Map<string, TClauseGrams>; info: Map<string, TGramInfo> };

  private constructor(
    private readonly ng: NonNullable<TCompiledModel["ngrams"]>,
    private readonly category: string | null,
    /** The input's values and their order. */
    private readonly inputValues: ReadonlyMap<string, number>,
    /** N-grams inside an input value: a reference states the value with `valueShare`. */
    private readonly valueGrams: ReadonlySet<string>,
    private readonly referenceLengths: readonly number[],
  ) {
    let cache = shared.get(ng.all);
    if (!cache) {
      cache = { clauses: new Map(), info: new Map() };
      shared.set(ng.all, cache);
    }
    if (cache.clauses.size > SHARED_LIMIT) cache.clauses.clear();
    if (cache.info.size > SHARED_LIMIT) cache.info.clear();
    this.cache = cache;
  }

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
    return new ExpectedBleu(
      ng,
      o.category && ng.byCategory.has(o.category) ? o.category : null,
      new Map([...new Set(o.values)].map((v, i) => [v, i])),
      valueGrams,
      length.residuals.map((r) => Math.max(10, expected + r)),
    );
  }

  private infoOf(g: string): TGramInfo {
    let info = this.cache.info.get(g);
    if (info) return info;
    const df = this.ng.all.df.get(g);
    const repeats = this.ng.all.repeats.get(g) ?? 0;
    const values = (this.ng.favouredBy.get(g) ?? []).map((v) => ({
      value: v.value,
      p: (base: number) => (v.df + VALUE_PRIOR_REFERENCES * base) / (v.n + VALUE_PRIOR_REFERENCES),
    }));
    info = { byCategory: new Map(), again: df ? repeats / (df + repeats) : 0, values };
    this.cache.info.set(g, info);
    return info;
  }

  /** The n-gram's id, its probabilities computed on first sight. */
  private idOf(g: string): number {
    let id = this.ids.get(g);
    if (id !== undefined) return id;
    const info = this.infoOf(g);
    const key = this.category ?? "";
    let p = info.byCategory.get(key);
    if (p === undefined) {
      const { all } = this.ng;
      const prior = (all.df.get(g) ?? UNSEEN_REFERENCES) / all.n;
      const cat = this.category ? this.ng.byCategory.get(this.category) : undefined;
      p = cat ? ((cat.df.get(g) ?? 0) + PRIOR_REFERENCES * prior) / (cat.n + PRIOR_REFERENCES) : prior;
      info.byCategory.set(key, p);
    }
    // What references of inputs with one of these values say more often than others.
    let best = p;
    if (info.values.length) {
      const favouring = info.values.filter((v) => this.inputValues.has(v.value));
      // In the input's order, each value's references seen in the light of what was known before.
      if (favouring.length > 1)
        favouring.sort((a, b) => (this.inputValues.get(a.value) ?? 0) - (this.inputValues.get(b.value) ?? 0));
      for (const v of favouring) best = Math.max(best, v.p(best));
    }
    if (this.valueGrams.has(g)) best = Math.max(best, this.ng.stats.valueShare);
    id = this.counts.length;
    this.ids.set(g, id);
    this.counts.push(0);
    this.first.push(best);
    this.again.push(info.again);
    return id;
  }

  /**
   * N-grams (1–4) of a clause followed by a comma, and those that start at the comma before it (what
   * it shares with any clause boundary), but not that comma alone. Generated copy is in the Basic
   * Multilingual Plane, so UTF-16 units are characters.
   */
  private gramsOf(clause: string): { ids: Int32Array; orders: Uint8Array } {
    let c = this.cache.clauses.get(clause);
    if (!c) {
      const text = `，${clause}，`;
      const grams: string[] = [];
      const orders: number[] = [];
      for (let n = 1; n <= N; n++)
        for (let i = n === 1 ? 1 : 0; i + n <= text.length; i++) {
          grams.push(text.slice(i, i + n));
          orders.push(n - 1);
        }
      c = { grams, orders: Uint8Array.from(orders) };
      this.cache.clauses.set(clause, c);
    }
    let ids = this.idsOf.get(clause);
    if (!ids) {
      ids = Int32Array.from(c.grams, (g) => this.idOf(g));
      this.idsOf.set(clause, ids);
    }
    return { ids, orders: c.orders };
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
