// Greedy CTC decoding of a text recogniser's output: per time step the most probable class; runs of
// the same class collapse to one character, the blank class (0) separates characters and is dropped.
// Greedy decoding is what PaddleOCR ships with and is within a fraction of a point of beam search
// for single lines.

export type TCtcResult = {
  text: string;
  /** Mean of the kept characters' probabilities (0 when nothing was read). */
  confidence: number;
  /** For each character of `text` (by code point), its centre in time steps as a fraction of the sequence (0–1). */
  positions: number[];
};

/**
 * `probs`: row-major [steps × classes] probabilities of one sequence (offset `offset` into a batch
 * buffer). `charset[i]` is the character of class i + 1.
 */
export function ctcGreedyDecode(o: {
  probs: Float32Array;
  steps: number;
  classes: number;
  charset: readonly string[];
  offset?: number;
}): TCtcResult {
  const { probs, steps, classes, charset } = o;
  const base = o.offset ?? 0;
  if (charset.length !== classes - 1)
    throw new RangeError(`the charset has ${charset.length} characters; the model has ${classes - 1} classes`);
  let text = "";
  const positions: number[] = [];
  let probSum = 0;
  let kept = 0;
  let prev = -1;
  let runStart = 0;
  let runProb = 0;
  const flush = (cls: number, end: number) => {
    if (cls <= 0) return;
    text += charset[cls - 1]!;
    positions.push((runStart + end) / 2 / steps);
    probSum += runProb;
    kept++;
  };
  for (let t = 0; t < steps; t++) {
    const row = base + t * classes;
    let best = 0;
    let bestP = probs[row]!;
    for (let c = 1; c < classes; c++) {
      const p = probs[row + c]!;
      if (p > bestP) {
        bestP = p;
        best = c;
      }
    }
    if (best !== prev) {
      flush(prev, t);
      prev = best;
      runStart = t;
      runProb = bestP;
    } else runProb = Math.max(runProb, bestP);
  }
  flush(prev, steps);
  return { text, confidence: kept ? probSum / kept : 0, positions };
}
