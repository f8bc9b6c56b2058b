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
type TNode = { next: Map<number, TNode>; terminals: TTerminal[] | null };

const newNode = (): TNode => ({ next: new Map(), terminals: null });
const isLatin = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const lowerAscii = (c: number): number => (c >= 65 && c <= 90 ? c + 32 : c);

export type TDictionary = {
  /** Matches of every list, in list order; each list's matches in text order. */
  scan: (s: string) => TDictionaryHit[][];
};

/** Builds one matcher for several lists of `id → surfaces`. */
export function buildDictionary(lists: ReadonlyArray<Readonly<Record<string, readonly string[]>>>): TDictionary {
  const root = newNode();
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
            child = newNode();
            node.next.set(c, child);
          }
          node = child;
        }
        // A later table entry for the same surface and list replaces the earlier one (as a Map would).
        const terminals = (node.terminals ??= []);
        const same = terminals.findIndex((t) => t.list === list && t.sensitive === sensitive);
        const terminal = { list, id, surface, sensitive };
        if (same >= 0) terminals[same] = terminal;
        else terminals.push(terminal);
      }
    }
  });
  const count = lists.length;
  // The first step by array index: most positions of a text start no word, and the rest start one
  // of a few thousand characters.
  const firstIndex = new Uint16Array(65536);
  const firstNodes: TNode[] = [];
  for (const [c, node] of root.next) {
    firstNodes.push(node);
    firstIndex[c] = firstNodes.length;
    if (c >= 97 && c <= 122) firstIndex[c - 32] = firstNodes.length;
  }

  return {
    scan(s: string): TDictionaryHit[][] {
      const out: TDictionaryHit[][] = Array.from({ length: count }, () => []);
      const resume = new Int32Array(count);
      const bestEnd = new Int32Array(count);
      const best: Array<TTerminal | null> = new Array<TTerminal | null>(count).fill(null);
      for (let i = 0; i < s.length; i++) {
        const at = firstIndex[s.charCodeAt(i)]!;
        if (at === 0) continue;
        const start = firstNodes[at - 1];
        if (i > 0 && isLatin(s.charCodeAt(i - 1))) continue;
        let found = false;
        let node: TNode | undefined = start;
        let j = i + 1;
        while (node) {
          if (node.terminals && !(j < s.length && isLatin(s.charCodeAt(j)))) {
            for (const t of node.terminals) {
              if (resume[t.list]! > i) continue;
              if (t.sensitive && s.slice(i, j) !== t.surface) continue;
              best[t.list] = t;
              bestEnd[t.list] = j;
              found = true;
            }
          }
          if (j >= s.length) break;
          node = node.next.get(lowerAscii(s.charCodeAt(j)));
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
