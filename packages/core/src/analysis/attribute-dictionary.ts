// Word lists (materials, colours, places, capabilities…) matched in one pass over a text with a
// trie, instead of one regex alternation of hundreds of words per list: with a dozen lists per
// text the alternations were most of extraction's time.
//
// Semantics follow the alternations they replace: a word matches only where no Latin letter
// touches it on either side; all-capital Latin words (ABS, GPS, UK) match in capitals only, the
// rest ignore ASCII case; each list reports, scanning left to right, the longest word at each
// position and resumes after it (matches of one list never overlap; different lists may).

export type TDictionaryHit = { id: string; surface: string; start: number; end: number };

type TTerminal = { list: number; id: string; surface: string; sensitive: boolean };
type TBuildNode = { next: Map<number, TBuildNode>; terminals: TTerminal[] | null; index: number };

const isLatin = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const lowerAscii = (c: number): number => (c >= 65 && c <= 90 ? c + 32 : c);

export type TDictionary = {
  /** Matches of every list, in list order; each list's matches in text order. */
  scan: (s: string) => TDictionaryHit[][];
};

/** Builds one matcher for several lists of `id → surfaces`. */
export function buildDictionary(lists: ReadonlyArray<Readonly<Record<string, readonly string[]>>>): TDictionary {
  const root: TBuildNode = { next: new Map(), terminals: null, index: 0 };
  lists.forEach((table, list) => {
    for (const [id, surfaces] of Object.entries(table)) {
      for (const surface of surfaces) {
        if (!surface) continue;
        const sensitive = /[A-Z]/.test(surface) && surface === surface.toUpperCase();
        let node = root;
        for (let i = 0; i < surface.length; i++) {
          const c = lowerAscii(surface.charCodeAt(i));
          let child = node.next.get(c);
          if (!child) {
            child = { next: new Map(), terminals: null, index: 0 };
            node.next.set(c, child);
          }
          node = child;
        }
        // A later entry for the same surface and list replaces the earlier one (as a Map would).
        const terminals = (node.terminals ??= []);
        const same = terminals.findIndex((t) => t.list === list && t.sensitive === sensitive);
        const terminal = { list, id, surface, sensitive };
        if (same >= 0) terminals[same] = terminal;
        else terminals.push(terminal);
      }
    }
  });

  // Flattened for the scan: node n's children are childChar/childNode[childStart[n] .. +childCount[n]]
  // (a few each, searched linearly); the root's by a table over all characters.
  const nodes: TBuildNode[] = [];
  const queue: TBuildNode[] = [root];
  while (queue.length) {
    const node = queue.shift()!;
    node.index = nodes.length;
    nodes.push(node);
    for (const child of node.next.values()) queue.push(child);
  }
  const childStart = new Int32Array(nodes.length);
  const childCount = new Int32Array(nodes.length);
  const childChar: number[] = [];
  const childNode: number[] = [];
  const terminalsOf: Array<TTerminal[] | null> = nodes.map((n) => n.terminals);
  for (const node of nodes) {
    childStart[node.index] = childChar.length;
    childCount[node.index] = node.next.size;
    for (const [c, child] of node.next) {
      childChar.push(c);
      childNode.push(child.index);
    }
  }
  const chars = Int32Array.from(childChar);
  const targets = Int32Array.from(childNode);
  const first = new Int32Array(65536);
  for (const [c, child] of root.next) {
    first[c] = child.index;
    if (c >= 97 && c <= 122) first[c - 32] = child.index;
  }
  const step = (node: number, c: number): number => {
    const from = childStart[node]!;
    const to = from + childCount[node]!;
    for (let k = from; k < to; k++) if (chars[k] === c) return targets[k]!;
    return 0;
  };
  const count = lists.length;

  return {
    scan(s: string): TDictionaryHit[][] {
      const out: TDictionaryHit[][] = [];
      for (let l = 0; l < count; l++) out.push([]);
      const resume = new Int32Array(count);
      const bestEnd = new Int32Array(count);
      const best: Array<TTerminal | null> = new Array<TTerminal | null>(count).fill(null);
      for (let i = 0; i < s.length; i++) {
        let node = first[s.charCodeAt(i)]!;
        if (node === 0) continue;
        if (i > 0 && isLatin(s.charCodeAt(i - 1))) continue;
        let found = false;
        let j = i + 1;
        for (;;) {
          const terminals = terminalsOf[node];
          if (terminals && !(j < s.length && isLatin(s.charCodeAt(j)))) {
            for (const t of terminals) {
              if (resume[t.list]! > i) continue;
              if (t.sensitive && s.slice(i, j) !== t.surface) continue;
              best[t.list] = t;
              bestEnd[t.list] = j;
              found = true;
            }
          }
          if (j >= s.length) break;
          node = step(node, lowerAscii(s.charCodeAt(j)));
          if (node === 0) break;
          j++;
        }
        if (!found) continue;
        for (let l = 0; l < count; l++) {
          const t = best[l];
          if (!t) continue;
          out[l]!.push({ id: t.id, surface: s.slice(i, bestEnd[l]), start: i, end: bestEnd[l]! });
          resume[l] = bestEnd[l]!;
          best[l] = null;
        }
      }
      return out;
    },
  };
}
