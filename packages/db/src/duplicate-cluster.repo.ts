import { randomUUID } from "node:crypto";
import type pg from "pg";
import {
  AppError,
  chooseCanonical,
  clusterMethod,
  clusterScore,
  connectedComponents,
  duplicatePairKey,
  qualityScore,
  sharedPassages,
  type TDuplicateEdge,
  type TDuplicateKind,
  type TDuplicateMethod,
} from "@truecopy/core";
import { withRetriedTransaction, type TQueryable } from "./client.js";
import { appendAudit, type TAuditInput } from "./audit.repo.js";
import { saveDuplicateVerdicts } from "./duplicate.repo.js";

// Clusters are the connected components of the stored pairs plus the pairs moderators confirmed
// (SAME), minus the pairs they marked DISTINCT. Whenever pairs or verdicts change around some
// products, `refreshDuplicateClusters` recomputes the components those products touch — and only
// those — under one advisory lock per kind, so concurrent jobs cannot write overlapping clusters.
// A component keeps the id (status, pinned canonical member) of the old cluster it overlaps most.

const CLUSTER_LOCK: Record<TDuplicateKind, number> = { COPY: 724_110_061, PRODUCT: 724_110_062 };
/** A component grown past this many products stops growing (boilerplate shared by a whole catalog). */
const MAX_COMPONENT = 2_000;
/** Passages are computed for this many members of a cluster at most. */
const MAX_PASSAGE_MEMBERS = 200;
const MAX_PASSAGES = 50;

export type TMemberPassage = {
  field: "title" | "description";
  /** Span in this member's field (UTF-16, end exclusive). */
  start: number;
  end: number;
  /** The same passage in the canonical member's field. */
  canonicalStart: number;
  canonicalEnd: number;
};

export type TDuplicateClusterRow = {
  id: string;
  kind: TDuplicateKind;
  method: TDuplicateMethod;
  status: "OPEN" | "CONFIRMED";
  score: number;
  canonicalId: string | null;
  canonicalPinned: boolean;
  createdAt: Date;
  updatedAt: Date;
  memberCount: number;
};

export type TDuplicateMemberRow = {
  clusterId: string;
  productId: string;
  merchantId: string;
  score: number;
  passages: TMemberPassage[];
};

type TEdge = TDuplicateEdge<string>;

async function edgesAround(tx: TQueryable, kind: TDuplicateKind, ids: readonly string[]): Promise<TEdge[]> {
  const { rows } = await tx.query<{ a: string; b: string; score: number; method: TDuplicateMethod }>(
    `SELECT "productAId" AS a, "productBId" AS b, score, method FROM "DuplicatePair"
     WHERE kind = $1::"DuplicateKind" AND ("productAId" = ANY($2::uuid[]) OR "productBId" = ANY($2::uuid[]))
     UNION ALL
     SELECT "productAId", "productBId", 1, $3::"DuplicateMethod" FROM "DuplicateVerdict"
     WHERE kind = $1::"DuplicateKind" AND verdict = 'SAME' AND ("productAId" = ANY($2::uuid[]) OR "productBId" = ANY($2::uuid[]))`,
    [kind, ids, kind === "COPY" ? "MINHASH" : "MATCHER"],
  );
  return rows.map((r) => ({ a: r.a, b: r.b, score: Number(r.score), method: r.method }));
}

type TProductText = {
  id: string;
  title: string;
  description: string;
  attributes: Record<string, unknown>;
  locale: string | null;
  createdAt: Date;
};

/**
 * Recomputes the clusters of `kind` around `productIds` (their old clusters' members included, so
 * a product that left splits or shrinks its old cluster). Returns the ids of the clusters written.
 */
export async function refreshDuplicateClusters(
  tx: TQueryable,
  o: { kind: TDuplicateKind; productIds: readonly string[] },
): Promise<{ clusterIds: string[]; removed: string[] }> {
  if (!o.productIds.length) return { clusterIds: [], removed: [] };
  await tx.query("SELECT pg_advisory_xact_lock($1)", [CLUSTER_LOCK[o.kind]]);
  const oldMembers = await tx.query<{ productId: string }>(
    `SELECT DISTINCT m2."productId" FROM "DuplicateClusterMember" m
     JOIN "DuplicateCluster" c ON c.id = m."clusterId" AND c.kind = $1::"DuplicateKind"
     JOIN "DuplicateClusterMember" m2 ON m2."clusterId" = m."clusterId"
     WHERE m."productId" = ANY($2::uuid[])`,
    [o.kind, o.productIds],
  );
  // Breadth-first over pairs and confirmed pairs from the products and their old co-members.
  const visited = new Set<string>([...o.productIds, ...oldMembers.rows.map((r) => r.productId)]);
  const edges = new Map<string, TEdge>();
  let frontier = [...visited];
  while (frontier.length && visited.size < MAX_COMPONENT) {
    const found = await edgesAround(tx, o.kind, frontier);
    const next: string[] = [];
    for (const e of found) {
      const key = duplicatePairKey(e.a, e.b);
      const prev = edges.get(key);
      if (!prev || e.score > prev.score) edges.set(key, e);
      for (const id of [e.a, e.b])
        if (!visited.has(id) && visited.size < MAX_COMPONENT) {
          visited.add(id);
          next.push(id);
        }
    }
    frontier = next;
  }
  const ids = [...visited];
  const distinctRows = await tx.query<{ a: string; b: string }>(
    `SELECT "productAId" AS a, "productBId" AS b FROM "DuplicateVerdict"
     WHERE kind = $1::"DuplicateKind" AND verdict = 'DISTINCT' AND "productAId" = ANY($2::uuid[]) AND "productBId" = ANY($2::uuid[])`,
    [o.kind, ids],
  );
  const distinct = new Set(distinctRows.rows.map((r) => duplicatePairKey(r.a, r.b)));
  const inside = [...edges.values()].filter((e) => visited.has(e.a) && visited.has(e.b));
  const components = connectedComponents(inside, distinct);

  // Old clusters touching any visited product: reused by overlap, or deleted.
  const old = await tx.query<{
    id: string;
    status: "OPEN" | "CONFIRMED";
    canonicalId: string | null;
    canonicalPinned: boolean;
    members: string[];
  }>(
    `SELECT c.id, c.status, c."canonicalId", c."canonicalPinned", array_agg(m2."productId"::text) AS members
     FROM "DuplicateCluster" c JOIN "DuplicateClusterMember" m2 ON m2."clusterId" = c.id
     WHERE c.kind = $1::"DuplicateKind" AND c.id IN (
       SELECT m."clusterId" FROM "DuplicateClusterMember" m WHERE m."productId" = ANY($2::uuid[]))
     GROUP BY c.id ORDER BY c.id`,
    [o.kind, ids],
  );
  const products = await loadTexts(
    tx,
    components.flatMap((c) => c.members),
  );
  const taken = new Set<string>();
  const written: string[] = [];
  for (const comp of components.sort((a, b) => b.members.length - a.members.length)) {
    const members = new Set(comp.members);
    let reuse: (typeof old.rows)[number] | null = null;
    let overlap = 0;
    for (const c of old.rows) {
      if (taken.has(c.id)) continue;
      const n = c.members.filter((m) => members.has(m)).length;
      if (n > overlap) {
        overlap = n;
        reuse = c;
      }
    }
    const id = reuse?.id ?? randomUUID();
    taken.add(id);
    const joined = reuse ? comp.members.some((m) => !reuse.members.includes(m)) : true;
    const status = reuse && !joined ? reuse.status : "OPEN";
    const pinned =
      reuse?.canonicalPinned && reuse.canonicalId && members.has(reuse.canonicalId) ? reuse.canonicalId : null;
    const candidates = comp.members.map((m) => {
      const p = products.get(m);
      return {
        id: m,
        seenAt: p?.createdAt.getTime() ?? Number.MAX_SAFE_INTEGER,
        ...(o.kind === "PRODUCT" && p && comp.members.length <= MAX_PASSAGE_MEMBERS
          ? {
              quality: qualityScore({
                title: p.title,
                description: p.description,
                attributes: p.attributes,
                locale: p.locale,
              }).score,
            }
          : {}),
      };
    });
    const canonical = chooseCanonical(candidates, { kind: o.kind, pinned });
    const method = clusterMethod(comp.edges);
    const score = clusterScore(comp.edges);
    await tx.query(
      `INSERT INTO "DuplicateCluster" (id, kind, method, score, "canonicalId", status, "canonicalPinned", "updatedAt")
       VALUES ($1, $2::"DuplicateKind", $3::"DuplicateMethod", $4, $5, $6::"DuplicateClusterStatus", $7, now())
       ON CONFLICT (id) DO UPDATE SET method = EXCLUDED.method, score = EXCLUDED.score, "canonicalId" = EXCLUDED."canonicalId",
         status = EXCLUDED.status, "canonicalPinned" = EXCLUDED."canonicalPinned", "updatedAt" = now()`,
      [id, o.kind, method, score, canonical, status, pinned !== null],
    );
    await tx.query(`DELETE FROM "DuplicateClusterMember" WHERE "clusterId" = $1`, [id]);
    const memberScore = (m: string) => {
      if (m === canonical) return 1;
      const direct = comp.edges.find((e) => duplicatePairKey(e.a, e.b) === duplicatePairKey(m, canonical));
      if (direct) return direct.score;
      return Math.max(0, ...comp.edges.filter((e) => e.a === m || e.b === m).map((e) => e.score));
    };
    const canon = products.get(canonical);
    const passages = comp.members.map((m, i) => {
      const p = products.get(m);
      if (m === canonical || !p || !canon || i >= MAX_PASSAGE_MEMBERS) return [];
      return memberPassages(p, canon);
    });
    await tx.query(
      `INSERT INTO "DuplicateClusterMember" ("clusterId", "productId", score, passages)
       SELECT $1, x.p, x.s, x.j::jsonb FROM unnest($2::uuid[], $3::float8[], $4::text[]) AS x(p, s, j)`,
      [
        id,
        comp.members,
        comp.members.map((m) => Math.round(memberScore(m) * 10_000) / 10_000),
        passages.map((p) => JSON.stringify(p)),
      ],
    );
    written.push(id);
  }
  const removed = old.rows.filter((c) => !taken.has(c.id)).map((c) => c.id);
  if (removed.length) await tx.query(`DELETE FROM "DuplicateCluster" WHERE id = ANY($1::uuid[])`, [removed]);
  return { clusterIds: written, removed };
}

async function loadTexts(tx: TQueryable, ids: readonly string[]): Promise<Map<string, TProductText>> {
  if (!ids.length) return new Map();
  const { rows } = await tx.query<TProductText>(
    `SELECT id, title, description, attributes, locale, "createdAt" FROM "Product" WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r]));
}

function memberPassages(p: TProductText, canonical: TProductText): TMemberPassage[] {
  const out: TMemberPassage[] = [];
  for (const field of ["title", "description"] as const) {
    for (const s of sharedPassages(p[field], canonical[field], { maxPassages: MAX_PASSAGES }).passages)
      out.push({ field, start: s.start, end: s.end, canonicalStart: s.otherStart, canonicalEnd: s.otherEnd });
  }
  return out.slice(0, MAX_PASSAGES);
}

// ----- reading -----

export type TDuplicateClusterFilter = {
  kind?: TDuplicateKind | null;
  method?: TDuplicateMethod | null;
  status?: "OPEN" | "CONFIRMED" | null;
  /** Merchant-bound callers: clusters with at least two of this merchant's products. */
  merchantId?: string | null;
  productId?: string | null;
  minScore?: number | null;
};

const CLUSTER_COLUMNS = `c.id, c.kind, c.method, c.status, c.score, c."canonicalId", c."canonicalPinned", c."createdAt", c."updatedAt"`;

function clusterWhere(f: TDuplicateClusterFilter, values: unknown[]): string {
  const add = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  // A cluster whose other members' products were deleted is no cluster.
  const where: string[] = [`EXISTS (SELECT 1 FROM "DuplicateClusterMember" m WHERE m."clusterId" = c.id OFFSET 1)`];
  if (f.kind) where.push(`c.kind = ${add(f.kind)}::"DuplicateKind"`);
  if (f.method) where.push(`c.method = ${add(f.method)}::"DuplicateMethod"`);
  if (f.status) where.push(`c.status = ${add(f.status)}::"DuplicateClusterStatus"`);
  if (f.minScore != null) where.push(`c.score >= ${add(f.minScore)}`);
  if (f.productId)
    where.push(
      `EXISTS (SELECT 1 FROM "DuplicateClusterMember" m WHERE m."clusterId" = c.id AND m."productId" = ${add(f.productId)}::uuid)`,
    );
  if (f.merchantId)
    where.push(
      `(SELECT count(*) FROM "DuplicateClusterMember" m JOIN "Product" p ON p.id = m."productId"
        WHERE m."clusterId" = c.id AND p."merchantId" = ${add(f.merchantId)}::uuid) >= 2`,
    );
  return where.join(" AND ");
}

/** Clusters, most recently changed first, keyset-paginated by (updatedAt, id). */
export async function listDuplicateClusters(
  db: TQueryable,
  o: { filter: TDuplicateClusterFilter; limit: number; after: { at: Date; id: string } | null },
): Promise<{ rows: TDuplicateClusterRow[]; totalCount: number }> {
  const values: unknown[] = [];
  const where = clusterWhere(o.filter, values);
  const count = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "DuplicateCluster" c WHERE ${where}`, [
    ...values,
  ]);
  const page = [...values];
  let keyset = "";
  if (o.after) {
    page.push(o.after.at, o.after.id);
    keyset = ` AND (c."updatedAt", c.id) < ($${page.length - 1}::timestamptz, $${page.length}::uuid)`;
  }
  page.push(o.limit + 1);
  const { rows } = await db.query<TDuplicateClusterRow>(
    `SELECT ${CLUSTER_COLUMNS}, (SELECT count(*)::int FROM "DuplicateClusterMember" m WHERE m."clusterId" = c.id) AS "memberCount"
     FROM "DuplicateCluster" c WHERE ${where}${keyset}
     ORDER BY c."updatedAt" DESC, c.id DESC LIMIT $${page.length}`,
    page,
  );
  return { rows, totalCount: count.rows[0]?.n ?? 0 };
}

export async function duplicateClustersByIds(db: TQueryable, ids: readonly string[]): Promise<TDuplicateClusterRow[]> {
  if (!ids.length) return [];
  const { rows } = await db.query<TDuplicateClusterRow>(
    `SELECT ${CLUSTER_COLUMNS}, (SELECT count(*)::int FROM "DuplicateClusterMember" m WHERE m."clusterId" = c.id) AS "memberCount"
     FROM "DuplicateCluster" c WHERE c.id = ANY($1::uuid[])`,
    [ids],
  );
  return rows;
}

/** Clusters the products are members of (any kind). */
export async function duplicateClusterIdsOfProducts(
  db: TQueryable,
  productIds: readonly string[],
): Promise<{ productId: string; clusterId: string }[]> {
  if (!productIds.length) return [];
  const { rows } = await db.query<{ productId: string; clusterId: string }>(
    `SELECT m."productId", m."clusterId" FROM "DuplicateClusterMember" m JOIN "DuplicateCluster" c ON c.id = m."clusterId"
     WHERE m."productId" = ANY($1::uuid[]) ORDER BY c.kind, c.score DESC, c.id`,
    [productIds],
  );
  return rows;
}

/** Members of clusters, canonical first then by score; optionally only one merchant's products. */
export async function duplicateClusterMembers(
  db: TQueryable,
  clusterIds: readonly string[],
  merchantId: string | null = null,
): Promise<TDuplicateMemberRow[]> {
  if (!clusterIds.length) return [];
  const { rows } = await db.query<TDuplicateMemberRow>(
    `SELECT m."clusterId", m."productId", p."merchantId", m.score, m.passages
     FROM "DuplicateClusterMember" m JOIN "DuplicateCluster" c ON c.id = m."clusterId" JOIN "Product" p ON p.id = m."productId"
     WHERE m."clusterId" = ANY($1::uuid[]) AND ($2::uuid IS NULL OR p."merchantId" = $2::uuid)
     ORDER BY m."clusterId", (m."productId" = c."canonicalId") DESC, m.score DESC, p."createdAt", m."productId"`,
    [clusterIds, merchantId],
  );
  return rows.map((r) => ({ ...r, score: Number(r.score) }));
}

// ----- moderators' decisions -----

export type TDuplicateActor = Pick<TAuditInput, "actorId" | "actorKind" | "requestId">;

async function lockCluster(tx: TQueryable, clusterId: string): Promise<TDuplicateClusterRow & { members: string[] }> {
  const notFound = () =>
    new AppError("NOT_FOUND", `duplicate cluster ${clusterId} not found (it may have been recomputed)`);
  const kind = await tx.query<{ kind: TDuplicateKind }>(`SELECT kind FROM "DuplicateCluster" WHERE id = $1`, [
    clusterId,
  ]);
  if (!kind.rows[0]) throw notFound();
  // The kind's lock before the row's, in the order the jobs' recomputation takes them (no deadlock).
  await tx.query("SELECT pg_advisory_xact_lock($1)", [CLUSTER_LOCK[kind.rows[0].kind]]);
  const { rows } = await tx.query<TDuplicateClusterRow & { members: string[] }>(
    `SELECT ${CLUSTER_COLUMNS}, 0 AS "memberCount",
       ARRAY(SELECT m."productId"::text FROM "DuplicateClusterMember" m WHERE m."clusterId" = c.id ORDER BY m."productId") AS members
     FROM "DuplicateCluster" c WHERE c.id = $1 FOR UPDATE`,
    [clusterId],
  );
  const c = rows[0];
  if (!c) throw notFound();
  return { ...c, memberCount: c.members.length };
}

function requireMembers(c: { id: string; members: string[] }, productIds: readonly string[], field: string) {
  const missing = productIds.filter((p) => !c.members.includes(p));
  if (missing.length)
    throw new AppError(
      "BAD_USER_INPUT",
      `${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} not a member of cluster ${c.id}`,
      {
        field,
      },
    );
}

const audit = (
  tx: TQueryable,
  actor: TDuplicateActor,
  action: string,
  entityId: string,
  before: unknown,
  after: unknown,
) =>
  appendAudit(tx, {
    ...actor,
    action: `duplicates.${action}`,
    entityType: "DuplicateCluster",
    entityId,
    before,
    after,
  });

/**
 * Confirms a cluster with `productId` as its canonical member: every member stays linked to it
 * (SAME verdicts), the choice survives recomputation, the cluster is CONFIRMED. Audited.
 */
export async function keepDuplicateCanonical(
  pool: pg.Pool,
  o: { clusterId: string; productId: string; actor: TDuplicateActor },
): Promise<{ clusterId: string }> {
  return withRetriedTransaction(pool, async (tx) => {
    const c = await lockCluster(tx, o.clusterId);
    requireMembers(c, [o.productId], "productId");
    await saveDuplicateVerdicts(tx, {
      kind: c.kind,
      verdicts: c.members
        .filter((m) => m !== o.productId)
        .map((m) => ({ a: o.productId, b: m, verdict: "SAME" as const })),
      actorId: o.actor.actorId,
      clusterId: c.id,
    });
    await tx.query(
      `UPDATE "DuplicateCluster" SET "canonicalId" = $2, "canonicalPinned" = true, status = 'CONFIRMED', "updatedAt" = now() WHERE id = $1`,
      [c.id, o.productId],
    );
    const refreshed = await refreshDuplicateClusters(tx, { kind: c.kind, productIds: c.members });
    // Recomputing with no new member keeps the status; the decision is what confirmed it.
    await tx.query(`UPDATE "DuplicateCluster" SET status = 'CONFIRMED' WHERE id = $1`, [c.id]);
    await audit(
      tx,
      o.actor,
      "keep_canonical",
      c.id,
      { canonicalId: c.canonicalId, status: c.status, members: c.members },
      { canonicalId: o.productId, status: "CONFIRMED", clusters: refreshed.clusterIds },
    );
    return { clusterId: c.id };
  });
}

/**
 * Marks products of a cluster as distinct from its other members (and from each other): those
 * pairs are never linked again, whatever the detectors find. The cluster shrinks, splits or goes.
 */
export async function markDuplicatesDistinct(
  pool: pg.Pool,
  o: { clusterId: string; productIds: readonly string[]; actor: TDuplicateActor },
): Promise<{ clusterIds: string[]; removed: string[] }> {
  if (!o.productIds.length) throw new AppError("BAD_USER_INPUT", "name at least one product", { field: "productIds" });
  return withRetriedTransaction(pool, async (tx) => {
    const c = await lockCluster(tx, o.clusterId);
    requireMembers(c, o.productIds, "productIds");
    const marked = new Set(o.productIds);
    const verdicts = [];
    for (const p of marked)
      for (const m of c.members) if (m !== p) verdicts.push({ a: p, b: m, verdict: "DISTINCT" as const });
    await saveDuplicateVerdicts(tx, { kind: c.kind, verdicts, actorId: o.actor.actorId, clusterId: c.id });
    const refreshed = await refreshDuplicateClusters(tx, { kind: c.kind, productIds: c.members });
    await audit(
      tx,
      o.actor,
      "mark_distinct",
      c.id,
      { members: c.members, canonicalId: c.canonicalId },
      { distinct: [...marked], clusters: refreshed.clusterIds, removedClusters: refreshed.removed },
    );
    return refreshed;
  });
}

/**
 * Merges clusters of one kind into one (they are the same product, or the same copy): every member
 * is linked to the canonical member (SAME verdicts), the result is CONFIRMED. `canonicalId` (a
 * member of one of them) is pinned; by default the first cluster's canonical member. Audited.
 */
export async function mergeDuplicateClusters(
  pool: pg.Pool,
  o: { clusterIds: readonly string[]; canonicalId?: string | null; actor: TDuplicateActor },
): Promise<{ clusterId: string }> {
  const ids = [...new Set(o.clusterIds)];
  if (ids.length < 2)
    throw new AppError("BAD_USER_INPUT", "merging needs two clusters or more", { field: "clusterIds" });
  return withRetriedTransaction(pool, async (tx) => {
    const clusters = [];
    for (const id of [...ids].sort()) clusters.push(await lockCluster(tx, id));
    const kinds = new Set(clusters.map((c) => c.kind));
    if (kinds.size > 1)
      throw new AppError("BAD_USER_INPUT", "clusters of different kinds cannot be merged", { field: "clusterIds" });
    const kind = clusters[0]!.kind;
    const members = [...new Set(clusters.flatMap((c) => c.members))];
    const first = clusters.find((c) => c.id === ids[0])!;
    const canonical = o.canonicalId ?? first.canonicalId ?? first.members[0]!;
    if (!members.includes(canonical))
      throw new AppError("BAD_USER_INPUT", `${canonical} is not a member of the clusters being merged`, {
        field: "canonicalId",
      });
    await saveDuplicateVerdicts(tx, {
      kind,
      verdicts: members.filter((m) => m !== canonical).map((m) => ({ a: canonical, b: m, verdict: "SAME" as const })),
      actorId: o.actor.actorId,
      clusterId: first.id,
    });
    await tx.query(`UPDATE "DuplicateCluster" SET "canonicalId" = $2, "canonicalPinned" = true WHERE id = $1`, [
      first.id,
      canonical,
    ]);
    // The first cluster keeps its id: move the others' members into it so the recomputation reuses it.
    await tx.query(
      `UPDATE "DuplicateClusterMember" SET "clusterId" = $1 WHERE "clusterId" = ANY($2::uuid[])
       AND "productId" NOT IN (SELECT "productId" FROM "DuplicateClusterMember" WHERE "clusterId" = $1)`,
      [first.id, ids.filter((id) => id !== first.id)],
    );
    await tx.query(`DELETE FROM "DuplicateCluster" WHERE id = ANY($1::uuid[])`, [ids.filter((id) => id !== first.id)]);
    await refreshDuplicateClusters(tx, { kind, productIds: members });
    const merged = await tx.query<{ clusterId: string }>(
      `SELECT "clusterId" FROM "DuplicateClusterMember" WHERE "productId" = $1 AND "clusterId" IN (SELECT id FROM "DuplicateCluster" WHERE kind = $2::"DuplicateKind")`,
      [canonical, kind],
    );
    const clusterId = merged.rows[0]?.clusterId ?? first.id;
    await tx.query(
      `UPDATE "DuplicateCluster" SET status = 'CONFIRMED', "canonicalId" = $2, "canonicalPinned" = true WHERE id = $1`,
      [clusterId, canonical],
    );
    await audit(
      tx,
      o.actor,
      "merge",
      clusterId,
      { clusters: clusters.map((c) => ({ id: c.id, canonicalId: c.canonicalId, members: c.members })) },
      { clusterId, canonicalId: canonical, members },
    );
    return { clusterId };
  });
}
