// Clusters are the connected components of the duplicate pairs: moderators review a cluster with
// one canonical member, not a list of pairs. Pairs a moderator marked distinct never link.

export type TDuplicateMethod = "SIMHASH" | "MINHASH" | "EMBEDDING" | "MATCHER";
/** COPY: the same copy reused (SimHash/MinHash); PRODUCT: the same product listed again (matcher). */
export type TDuplicateKind = "COPY" | "PRODUCT";

export const kindOfMethod = (m: TDuplicateMethod): TDuplicateKind =>
  m === "SIMHASH" || m === "MINHASH" ? "COPY" : "PRODUCT";

export type TDuplicateEdge<Id> = { a: Id; b: Id; score: number; method: TDuplicateMethod };

export type TComponent<Id> = { members: Id[]; edges: TDuplicateEdge<Id>[] };

/** Union–find with path halving and union by size over dense integer ids. */
export class UnionFind {
  private readonly parent: Int32Array;
  private readonly size: Int32Array;
  constructor(n: number) {
    this.parent = new Int32Array(n);
    this.size = new Int32Array(n).fill(1);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }
  find(x: number): number {
    const p = this.parent;
    while (p[x] !== x) {
      p[x] = p[p[x]!]!;
      x = p[x]!;
    }
    return x;
  }
  union(a: number, b: number): boolean {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return false;
    if (this.size[ra]! < this.size[rb]!) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.size[ra]! += this.size[rb]!;
    return true;
  }
}

const pairKey = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

/**
 * Connected components (two members or more) of `edges`, skipping pairs in `distinct`. Members
 * keep first-seen order; each component carries its edges.
 */
export function connectedComponents<Id extends string | number>(
  edges: readonly TDuplicateEdge<Id>[],
  distinct: ReadonlySet<string> = new Set(),
): TComponent<Id>[] {
  const index = new Map<Id, number>();
  const ids: Id[] = [];
  const at = (id: Id) => {
    let i = index.get(id);
    if (i === undefined) {
      i = ids.length;
      index.set(id, i);
      ids.push(id);
    }
    return i;
  };
  const kept = edges.filter((e) => e.a !== e.b && !distinct.has(pairKey(String(e.a), String(e.b))));
  for (const e of kept) {
    at(e.a);
    at(e.b);
  }
  const uf = new UnionFind(ids.length);
  for (const e of kept) uf.union(index.get(e.a)!, index.get(e.b)!);
  const byRoot = new Map<number, TComponent<Id>>();
  ids.forEach((id, i) => {
    const r = uf.find(i);
    let c = byRoot.get(r);
    if (!c) byRoot.set(r, (c = { members: [], edges: [] }));
    c.members.push(id);
  });
  for (const e of kept) byRoot.get(uf.find(index.get(e.a)!))!.edges.push(e);
  return [...byRoot.values()].filter((c) => c.members.length >= 2);
}

/** The key of an unordered pair, as `distinct` sets hold it. */
export const duplicatePairKey = (a: string, b: string): string => pairKey(a, b);

/** A copy cluster is SIMHASH when every link is near-identical copy; otherwise its weakest kind of link names it. */
export function clusterMethod(edges: readonly { method: TDuplicateMethod }[]): TDuplicateMethod {
  const methods = new Set(edges.map((e) => e.method));
  if (methods.has("MATCHER")) return "MATCHER";
  if (methods.has("EMBEDDING")) return "EMBEDDING";
  if (methods.has("MINHASH")) return "MINHASH";
  return "SIMHASH";
}

/** Mean link score, rounded to 4 decimals. */
export function clusterScore(edges: readonly { score: number }[]): number {
  if (!edges.length) return 0;
  return Math.round((edges.reduce((s, e) => s + e.score, 0) / edges.length) * 10_000) / 10_000;
}

export type TCanonicalCandidate<Id> = {
  id: Id;
  /** When the product was first seen (ms or any increasing order). */
  seenAt: number;
  /** Quality score in [0, 100], when known. */
  quality?: number;
};

/**
 * The member that stands for the cluster. Reused copy: the earliest (the likely original), ties
 * to the better copy. Same product: the best copy, ties to the earliest. A moderator's pinned
 * choice wins while it is a member.
 */
export function chooseCanonical<Id>(
  members: readonly TCanonicalCandidate<Id>[],
  o: { kind: TDuplicateKind; pinned?: Id | null },
): Id {
  if (!members.length) throw new Error("a cluster without members has no canonical member");
  if (o.pinned != null && members.some((m) => m.id === o.pinned)) return o.pinned;
  const q = (m: TCanonicalCandidate<Id>) => m.quality ?? 0;
  const sorted = [...members].sort((x, y) =>
    o.kind === "COPY" ? x.seenAt - y.seenAt || q(y) - q(x) : q(y) - q(x) || x.seenAt - y.seenAt,
  );
  return sorted[0]!.id;
}
