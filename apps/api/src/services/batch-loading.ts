import DataLoader from "dataloader";
import type { TDatabase } from "@truecopy/db";

// What the per-request loaders (loaders.ts, review.loaders.ts, finding.loaders.ts) share: one query
// per batch of keys, answered in the order the keys were asked for.

/** Rows grouped by `key`, each group in the rows' order. */
export function groupBy<T, K>(rows: readonly T[], key: (r: T) => K): Map<K, T[]> {
  const m = new Map<K, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

/** Rows by id with one query: `sql` selects the rows whose id is in $1 (a uuid[]); an id not found loads null. */
export function rowsByIdLoader<T extends { id: string }>(db: TDatabase, sql: string): DataLoader<string, T | null> {
  return new DataLoader<string, T | null>(async (ids) => {
    const { rows } = await db.pool.query<T>(sql, [ids]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}
