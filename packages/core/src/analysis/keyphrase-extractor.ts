import { isStopword } from "./stopwords.js";
import { tokenize, type TToken } from "./tokenizer.js";

export type TKeyphrase = { phrase: string; score: number; start: number; end: number };
export type TDocumentFrequencies = { df: Map<string, number>; docCount: number };
export type TKeyphraseOptions = {
  /** Documents (of the catalog) containing each term, as built by buildDocumentFrequencies. */
  df?: ReadonlyMap<string, number> | Readonly<Record<string, number>>;
  docCount?: number;
  /** How many phrases to return. */
  k: number;
};

const WINDOW = 5;
const DAMPING = 0.85;
const MAX_ITERATIONS = 50;
const CONVERGED = 1e-5;
// TextRank looks at content words only: jieba nouns (n, nr, ns, nt, nz, vn, …), adjectives (a, an,
// ad) and English words (no tagger: stopwords are removed instead).
const TEXTRANK_POS = /^(?:n|a|vn|eng)/;
const MAX_PHRASE_WORDS = 3;

/** The term a token counts as in keyphrases and document frequencies, or null if it is not a content word. */
export function keyphraseTerm(token: TToken): string | null {
  if (token.kind !== "word") return null;
  const term = token.lemma ?? token.text.toLowerCase();
  if (isStopword(token.text) || isStopword(term)) return null;
  // Single Han characters and one-letter words are mostly particles and noise.
  if (term.length < 2) return null;
  if (token.pos === "eng" && term.length < 3 && !/\d/.test(term)) return null;
  return term;
}

/** Counts, per term, how many of `docs` contain it: the IDF side of TF-IDF, learned from a catalog. */
export function buildDocumentFrequencies(docs: Iterable<string | readonly TToken[]>): TDocumentFrequencies {
  const df = new Map<string, number>();
  let docCount = 0;
  for (const doc of docs) {
    docCount++;
    const seen = new Set<string>();
    for (const t of typeof doc === "string" ? tokenize(doc) : doc) {
      const term = keyphraseTerm(t);
      if (term !== null) seen.add(term);
    }
    for (const term of seen) df.set(term, (df.get(term) ?? 0) + 1);
  }
  return { df, docCount };
}

/**
 * Ranks content words by TF-IDF (smoothed IDF from `df`/`docCount`; plain term frequency without
 * them) and by TextRank over nouns/adjectives (co-occurrence window 5, damping 0.85), each scaled
 * to [0, 1] and averaged. Adjacent top words that recur together are also offered as phrases
 * ("battery life"), scored by their members' mean. Offsets are those of the first occurrence.
 */
export function extractKeyphrases(tokens: readonly TToken[], options: TKeyphraseOptions): TKeyphrase[] {
  const { k } = options;
  if (k <= 0) return [];
  const terms = tokens.map(keyphraseTerm);
  const counts = new Map<string, number>();
  const first = new Map<string, TToken>();
  let total = 0;
  terms.forEach((term, i) => {
    if (term === null) return;
    total++;
    counts.set(term, (counts.get(term) ?? 0) + 1);
    if (!first.has(term)) first.set(term, tokens[i]!);
  });
  if (total === 0) return [];

  const dfOf = dfLookup(options.df);
  const docCount = options.docCount ?? 0;
  const tfidf = new Map<string, number>();
  for (const [term, count] of counts) {
    const idf = dfOf && docCount > 0 ? Math.log((docCount + 1) / ((dfOf(term) ?? 0) + 1)) + 1 : 1;
    tfidf.set(term, (count / total) * idf);
  }
  const rank = textRank(tokens, terms);
  const maxTfidf = Math.max(...tfidf.values());
  const maxRank = Math.max(0, ...rank.values());
  const score = new Map<string, number>();
  for (const [term, v] of tfidf) {
    const tr = maxRank > 0 ? (rank.get(term) ?? 0) / maxRank : 0;
    score.set(term, 0.5 * (v / maxTfidf) + 0.5 * tr);
  }

  const out: TKeyphrase[] = [];
  for (const [term, s] of score) {
    const t = first.get(term)!;
    out.push({ phrase: term, score: s, start: t.start, end: t.end });
  }
  out.push(...adjacentPhrases(tokens, terms, score, k));
  out.sort((a, b) => b.score - a.score || a.start - b.start);
  return out.slice(0, k).map((p) => ({ ...p, score: Math.round(p.score * 1e4) / 1e4 }));
}

function dfLookup(df: TKeyphraseOptions["df"]): ((term: string) => number | undefined) | null {
  if (!df) return null;
  if (df instanceof Map) {
    const map = df as ReadonlyMap<string, number>;
    return (term) => map.get(term);
  }
  const record = df as Readonly<Record<string, number>>;
  return (term) => (Object.hasOwn(record, term) ? record[term] : undefined);
}

// Words co-occurring within WINDOW positions (counting words, not punctuation) are linked; a
// sentence end breaks the window so phrases from different sentences are not linked. The graph is
// kept in flat arrays: this runs once per document over the whole catalog.
const SENTENCE_END = new Set(["。", "！", "？", "!", "?", ".", ";", "；", "\n"]);

function textRank(tokens: readonly TToken[], terms: ReadonlyArray<string | null>): Map<string, number> {
  const ids = new Map<string, number>();
  const edges = new Map<number, number>(); // (a * n + b) → weight, filled after ids are known
  const pairs: number[] = [];
  const window: number[] = [];
  tokens.forEach((t, i) => {
    if (t.kind === "punct") {
      if (SENTENCE_END.has(t.text)) window.length = 0;
      return;
    }
    if (t.kind === "emoji") return;
    const term = terms[i] ?? null;
    let id = -1;
    if (term !== null && TEXTRANK_POS.test(t.pos ?? "")) {
      id = ids.get(term) ?? -1;
      if (id < 0) ids.set(term, (id = ids.size));
      for (const other of window) if (other >= 0 && other !== id) pairs.push(id, other);
    }
    window.push(id);
    if (window.length >= WINDOW) window.shift();
  });
  const n = ids.size;
  if (n === 0) return new Map();
  for (let p = 0; p < pairs.length; p += 2) {
    const a = pairs[p]!;
    const b = pairs[p + 1]!;
    edges.set(a * n + b, (edges.get(a * n + b) ?? 0) + 1);
    edges.set(b * n + a, (edges.get(b * n + a) ?? 0) + 1);
  }
  // Compressed adjacency: for node v, in-links from[k] with weight w[k] for k in [offset[v], offset[v+1]).
  const offset = new Int32Array(n + 1);
  for (const key of edges.keys()) offset[(key % n) + 1]!++;
  for (let v = 0; v < n; v++) offset[v + 1]! += offset[v]!;
  const from = new Int32Array(edges.size);
  const weight = new Float64Array(edges.size);
  const fill = offset.slice(0, n);
  const outWeight = new Float64Array(n);
  for (const [key, w] of edges) {
    const src = Math.floor(key / n);
    const dst = key % n;
    const k = fill[dst]!++;
    from[k] = src;
    weight[k] = w;
    outWeight[src]! += w;
  }
  let rank = new Float64Array(n).fill(1);
  let next = new Float64Array(n);
  for (let it = 0; it < MAX_ITERATIONS; it++) {
    let delta = 0;
    for (let v = 0; v < n; v++) {
      let sum = 0;
      for (let k = offset[v]!; k < offset[v + 1]!; k++) sum += (weight[k]! / outWeight[from[k]!]!) * rank[from[k]!]!;
      const value = 1 - DAMPING + DAMPING * sum;
      next[v] = value;
      delta = Math.max(delta, Math.abs(value - rank[v]!));
    }
    [rank, next] = [next, rank];
    if (delta < CONVERGED) break;
  }
  const out = new Map<string, number>();
  for (const [term, id] of ids) out.set(term, rank[id]!);
  return out;
}

// Runs of adjacent top-scoring words (nothing between them but a space); every 2- and 3-word
// n-gram inside a run that occurs at least twice becomes a phrase ("battery life", "智能手表 续航").
function adjacentPhrases(
  tokens: readonly TToken[],
  terms: ReadonlyArray<string | null>,
  score: ReadonlyMap<string, number>,
  k: number,
): TKeyphrase[] {
  const top = new Set([...score.entries()].sort((a, b) => b[1] - a[1]).slice(0, 2 * k).map(([t]) => t));
  const found = new Map<string, { phrase: TKeyphrase; count: number }>();
  const addRun = (run: number[]): void => {
    for (let n = 2; n <= MAX_PHRASE_WORDS; n++) {
      for (let i = 0; i + n <= run.length; i++) {
        const parts = run.slice(i, i + n);
        const words = parts.map((p) => tokens[p]!);
        // Latin words are separated by a space, everything else is written together ("EVA中底").
        let phrase = "";
        words.forEach((w, k) => {
          const latin = w.pos === "eng";
          if (k > 0 && latin && words[k - 1]!.pos === "eng") phrase += " ";
          phrase += latin ? w.text.toLowerCase() : w.text;
        });
        const seen = found.get(phrase);
        if (seen) {
          seen.count++;
          continue;
        }
        const mean = parts.reduce((a, p) => a + score.get(terms[p]!)!, 0) / n;
        found.set(phrase, { phrase: { phrase, score: mean, start: words[0]!.start, end: words.at(-1)!.end }, count: 1 });
      }
    }
  };
  let run: number[] = [];
  tokens.forEach((t, i) => {
    const term = terms[i];
    const inTop = term != null && top.has(term);
    const prev = run.length ? tokens[run.at(-1)!]! : null;
    if (inTop && prev && t.start - prev.end > 1) {
      addRun(run);
      run = [];
    }
    if (inTop) run.push(i);
    else if (run.length) {
      addRun(run);
      run = [];
    }
  });
  addRun(run);
  return [...found.values()].filter((f) => f.count >= 2).map((f) => f.phrase);
}
