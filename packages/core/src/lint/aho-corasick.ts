// One pass over the text finds every occurrence of every literal of a pack (Aho–Corasick), so the
// cost of lexicon matching does not grow with the number of terms. Regex rules use the same pass as
// a prefilter: a regex runs only on texts that contain one of its anchor literals.

export type TAcHit = { pattern: number; start: number; end: number };

export type TAhoCorasick = {
  /** Every occurrence (overlapping ones too) of every pattern, in order of end offset. */
  search(text: string): TAcHit[];
  readonly size: number;
};

/** Builds the automaton over UTF-16 code units; patterns are matched as given (fold them first). */
export function buildAhoCorasick(patterns: readonly string[]): TAhoCorasick {
  const next: Map<number, number>[] = [new Map<number, number>()];
  const fail: number[] = [0];
  // Pattern ids ending at a node, including those reached through failure links.
  const out: number[][] = [[]];
  const lengths = patterns.map((p) => p.length);

  patterns.forEach((p, id) => {
    if (p.length === 0) return;
    let node = 0;
    for (let i = 0; i < p.length; i++) {
      const c = p.charCodeAt(i);
      let child = next[node]!.get(c);
      if (child === undefined) {
        child = next.length;
        next.push(new Map<number, number>());
        fail.push(0);
        out.push([]);
        next[node]!.set(c, child);
      }
      node = child;
    }
    out[node]!.push(id);
  });

  const queue: number[] = [];
  for (const child of next[0]!.values()) queue.push(child);
  for (let q = 0; q < queue.length; q++) {
    const node = queue[q]!;
    for (const [c, child] of next[node]!) {
      queue.push(child);
      let f = fail[node]!;
      while (f !== 0 && !next[f]!.has(c)) f = fail[f]!;
      const target = next[f]!.get(c);
      fail[child] = target !== undefined && target !== child ? target : 0;
      const inherited = out[fail[child]]!;
      if (inherited.length) out[child] = [...out[child]!, ...inherited];
    }
  }

  return {
    size: patterns.length,
    search(text: string): TAcHit[] {
      const hits: TAcHit[] = [];
      let node = 0;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        let child = next[node]!.get(c);
        while (child === undefined && node !== 0) {
          node = fail[node]!;
          child = next[node]!.get(c);
        }
        node = child ?? 0;
        const ids = out[node]!;
        for (let k = 0; k < ids.length; k++) {
          const id = ids[k]!;
          hits.push({ pattern: id, start: i + 1 - lengths[id]!, end: i + 1 });
        }
      }
      return hits;
    },
  };
}
