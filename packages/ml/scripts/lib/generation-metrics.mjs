// Text generation metrics as the ChatGLM-6B P-Tuning v2 AdvertiseGen figures were computed (its
// ptuning `main.py`), so our numbers compare with that anchor:
//
// - BLEU-4 per output on characters: NLTK `sentence_bleu([list(ref)], list(hyp),
//   smoothing_function=SmoothingFunction().method3)` (uniform weights, clipped n-gram precision,
//   brevity penalty against the closest reference length, NIST geometric smoothing of zero counts);
// - ROUGE-1/2/L per output on jieba words: `rouge_chinese.Rouge().get_scores(' '.join(hyp_words),
//   ' '.join(ref_words))` F-scores — n-grams counted once each (set semantics, as that package does),
//   ROUGE-L summary-level (union LCS over sentences cut at 。！？);
//
// each ×100 and averaged over outputs. Written from the published definitions, no code copied.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
// @node-rs/jieba is a dependency of @truecopy/core; its default dictionary is Python jieba's.
const requireFromCore = createRequire(join(here, "../../../core/package.json"));
let jiebaInstance = null;
function jieba() {
  if (jiebaInstance) return jiebaInstance;
  const { Jieba } = requireFromCore("@node-rs/jieba");
  const { dict } = requireFromCore("@node-rs/jieba/dict");
  jiebaInstance = Jieba.withDict(dict);
  return jiebaInstance;
}

/** jieba words (HMM on), as `list(jieba.cut(text))`. */
export const jiebaWords = (text) => jieba().cut(text, true);

function ngramCounts(tokens, n) {
  const counts = new Map();
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = tokens.slice(i, i + n).join("\u0001");
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Sentence BLEU-4 in [0, 1] of hypothesis tokens against one or more reference token lists. */
export function sentenceBleu(references, hypothesis, maxN = 4) {
  const numerators = [];
  const denominators = [];
  for (let n = 1; n <= maxN; n++) {
    const hyp = ngramCounts(hypothesis, n);
    const maxRef = new Map();
    for (const ref of references)
      for (const [g, c] of ngramCounts(ref, n)) maxRef.set(g, Math.max(maxRef.get(g) ?? 0, c));
    let clipped = 0;
    let total = 0;
    for (const [g, c] of hyp) {
      clipped += Math.min(c, maxRef.get(g) ?? 0);
      total += c;
    }
    numerators.push(clipped);
    denominators.push(Math.max(1, total));
  }
  // NLTK returns 0 when not even one unigram matches.
  if (numerators[0] === 0) return 0;
  const c = hypothesis.length;
  let r = references[0].length;
  for (const ref of references) {
    const d = Math.abs(ref.length - c);
    if (d < Math.abs(r - c) || (d === Math.abs(r - c) && ref.length < r)) r = ref.length;
  }
  const bp = c > r ? 1 : c === 0 ? 0 : Math.exp(1 - r / c);
  // method3: the k-th zero precision becomes 1 / (2^k · denominator).
  let k = 1;
  let logSum = 0;
  for (let i = 0; i < maxN; i++) {
    let p = numerators[i] / denominators[i];
    if (numerators[i] === 0) {
      p = 1 / (2 ** k * denominators[i]);
      k++;
    }
    logSum += Math.log(p) / maxN;
  }
  return bp * Math.exp(logSum);
}

/** Character BLEU-4 ×100 (one reference or several). */
export function charBleu4(hypothesis, references) {
  const refs = (Array.isArray(references) ? references : [references]).map((r) => [...r]);
  return 100 * sentenceBleu(refs, [...hypothesis]);
}

// rouge_chinese's sentence cutting, applied to space-joined words.
function cutSentences(joined) {
  const para = joined
    .replace(/([。！？?])([^”’])/g, "$1\n$2")
    .replace(/(\.{6})([^”’])/g, "$1\n$2")
    .replace(/(…{2})([^”’])/g, "$1\n$2")
    .replace(/([。！？?][”’])([^，。！？?])/g, "$1\n$2")
    .trimEnd();
  return para
    .split("\n")
    .map((s) => s.split(/\s+/).filter(Boolean))
    .filter((w) => w.length > 0);
}

const ngramSet = (words, n) => {
  const s = new Set();
  for (let i = 0; i + n <= words.length; i++) s.add(words.slice(i, i + n).join("\u0001"));
  return s;
};
const f1 = (overlap, evaluated, reference) => {
  const p = evaluated ? overlap / evaluated : 0;
  const r = reference ? overlap / reference : 0;
  return (2 * p * r) / (p + r + 1e-8);
};

function lcsTokens(a, b) {
  const m = a.length;
  const n = b.length;
  const table = Array.from({ length: m + 1 }, () => new Uint16Array(n + 1));
  for (let i = 1; i <= m; i++)
    for (let j = 1; j <= n; j++)
      table[i][j] = a[i - 1] === b[j - 1] ? table[i - 1][j - 1] + 1 : Math.max(table[i - 1][j], table[i][j - 1]);
  const out = [];
  for (let i = m, j = n; i > 0 && j > 0;) {
    if (a[i - 1] === b[j - 1]) {
      out.push(a[i - 1]);
      i--;
      j--;
    } else if (table[i - 1][j] >= table[i][j - 1]) i--;
    else j--;
  }
  return out;
}

/** ROUGE-1/2/L F-scores ×100 of hypothesis words against reference words. */
export function rouge(hypWords, refWords) {
  const hypSentences = cutSentences(hypWords.join(" "));
  const refSentences = cutSentences(refWords.join(" "));
  const hypAll = hypSentences.flat();
  const refAll = refSentences.flat();
  const out = {};
  for (const n of [1, 2]) {
    const h = ngramSet(hypAll, n);
    const r = ngramSet(refAll, n);
    let overlap = 0;
    for (const g of h) if (r.has(g)) overlap++;
    out[`rouge-${n}`] = 100 * f1(overlap, h.size, r.size);
  }
  // Summary-level LCS: per reference sentence the union of its LCS words with every hypothesis
  // sentence, accumulated over reference sentences as a set (words counted once).
  const union = new Set();
  let llcs = 0;
  for (const ref of refSentences) {
    const before = union.size;
    for (const hyp of hypSentences) for (const w of lcsTokens(ref, hyp)) union.add(w);
    llcs += union.size - before;
  }
  out["rouge-l"] = 100 * f1(llcs, new Set(hypAll).size, new Set(refAll).size);
  return out;
}
