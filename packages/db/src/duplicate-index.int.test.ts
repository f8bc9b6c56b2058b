import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blockingKeys, compareCopySignatures, copySignature } from "@truecopy/core";
import type { TDatabase } from "./client.js";
import { withTransaction } from "./client.js";
import {
  copyCandidates,
  distinctPairsAmong,
  replaceDuplicatePairs,
  saveDuplicateSignatures,
  saveDuplicateVerdicts,
  type TSignatureRow,
} from "./duplicate.repo.js";
import { duplicateClusterMembers, listDuplicateClusters, refreshDuplicateClusters } from "./duplicate-cluster.repo.js";
import { createTestMerchant, openTestDatabase } from "./testing.js";

// Incremental duplicate detection at catalog scale: 100,000 products' signatures are written in
// bulk, then a new product is checked against them through the GIN indexes — no rebuild — and
// its copy found among them.

const N = 100_000;
let db: TDatabase;
let merchant: { id: string; slug: string };

const WORDS =
  "soft warm light strong steel cotton bottle lamp chair phone case cable charger bag shirt shoe watch desk kettle pan knife brush towel pillow blanket speaker mouse keyboard screen battery portable wireless waterproof durable compact premium classic modern smart quick easy clean fresh natural black white blue red green large small long short".split(
    " ",
  );
function text(i: number, words = 30): string {
  let s = (i * 2654435761) >>> 0;
  const out: string[] = [];
  for (let k = 0; k < words; k++) {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0;
    out.push(WORDS[s % WORDS.length]!);
  }
  return out.join(" ");
}

beforeAll(async () => {
  db = await openTestDatabase();
  merchant = await createTestMerchant(db, "dedupe-index");
}, 60_000);
afterAll(async () => {
  await db?.pool.query(`DELETE FROM "Product" WHERE "merchantId" = $1`, [merchant.id]);
  await db?.close();
});

async function insertProducts(from: number, to: number): Promise<string[]> {
  const { rows } = await db.pool.query<{ id: string }>(
    `INSERT INTO "Product" (id, "merchantId", sku, title, description, "contentHash", "updatedAt")
     SELECT gen_random_uuid(), $1, 'sku-' || i, 'Product ' || i, '', 'h', now() FROM generate_series($2::int, $3::int - 1) AS i
     RETURNING id`,
    [merchant.id, from, to],
  );
  return rows.map((r) => r.id);
}

describe("incremental duplicate index at 100k products", () => {
  it("finds a new product's copy among 100,000 stored signatures without a rebuild", async () => {
    const ids = await insertProducts(0, N);
    expect(ids).toHaveLength(N);
    const t0 = performance.now();
    const rows: TSignatureRow[] = ids.map((id, i) => ({
      productId: id,
      merchantId: merchant.id,
      sourceVersion: 1,
      signature: copySignature(text(i)),
      blockingKeys: blockingKeys({ title: `Product ${i}` }),
    }));
    await saveDuplicateSignatures(db.pool, rows);
    const bulkMs = performance.now() - t0;
    const { rows: count } = await db.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "DuplicateSignature" WHERE "merchantId" = $1`,
      [merchant.id],
    );
    expect(count[0]!.n).toBe(N);

    // A new product whose description is product 54,321's with two words changed.
    const target = 54_321;
    const words = text(target).split(" ");
    words[3] = "unique";
    words[20] = "different";
    const [newId] = await insertProducts(N, N + 1);
    const signature = copySignature(words.join(" "));
    const t1 = performance.now();
    await saveDuplicateSignatures(db.pool, [
      { productId: newId!, merchantId: merchant.id, sourceVersion: 1, signature, blockingKeys: [] },
    ]);
    const candidates = await copyCandidates(db.pool, { productId: newId!, signature });
    const matches = candidates
      .map((c) => ({ id: c.productId, m: compareCopySignatures(signature, c) }))
      .filter((x) => x.m !== null);
    const lookupMs = performance.now() - t1;
    expect(matches.map((x) => x.id)).toEqual([ids[target]]);
    // The lookup is an index probe: a handful of candidates, not a scan of 100k rows.
    expect(candidates.length).toBeLessThan(50);
    expect(lookupMs).toBeLessThan(2_000);
    // The same lookup as copyCandidates, explained: the GIN indexes answer it.
    const plan = await withTransaction(db.pool, async (tx) => {
      await tx.query(`SELECT set_config('enable_seqscan', 'off', true)`);
      return tx.query<{ "QUERY PLAN": string }>(
        `EXPLAIN SELECT "productId" FROM "DuplicateSignature" WHERE scheme = 1 AND "productId" <> $1
         AND ("simhashKeys" && $2::int[] OR "bandKeys" && $3::bigint[]) LIMIT 500`,
        [newId, signature.simhashKeys, signature.bandKeys.map(String)],
      );
    });
    const explained = plan.rows.map((r) => r["QUERY PLAN"]).join("\n");
    expect(explained).toMatch(/Bitmap Index Scan on "DuplicateSignature_simhashKeys_idx"/);
    expect(explained).toMatch(/Bitmap Index Scan on "DuplicateSignature_bandKeys_idx"/);
    console.info(
      `100k signatures stored in ${(bulkMs / 1000).toFixed(1)} s; a new product checked in ${lookupMs.toFixed(0)} ms`,
    );

    // The pair and its cluster, then a moderator's DISTINCT verdict keeps them apart for good.
    await withTransaction(db.pool, async (tx) => {
      await replaceDuplicatePairs(tx, {
        kind: "COPY",
        productIds: [newId!],
        pairs: matches.map((x) => ({ a: newId!, b: x.id, score: x.m!.score, method: x.m!.method })),
      });
      await refreshDuplicateClusters(tx, { kind: "COPY", productIds: [newId!] });
    });
    const listed = await listDuplicateClusters(db.pool, {
      filter: { productId: newId!, kind: "COPY" },
      limit: 10,
      after: null,
    });
    expect(listed.rows).toHaveLength(1);
    const cluster = listed.rows[0]!;
    // The earlier product is the original.
    expect(cluster.canonicalId).toBe(ids[target]);
    expect((await duplicateClusterMembers(db.pool, [cluster.id])).map((m) => m.productId).sort()).toEqual(
      [ids[target]!, newId!].sort(),
    );
    await withTransaction(db.pool, async (tx) => {
      await saveDuplicateVerdicts(tx, {
        kind: "COPY",
        verdicts: [{ a: newId!, b: ids[target]!, verdict: "DISTINCT" }],
        actorId: null,
        clusterId: cluster.id,
      });
      await refreshDuplicateClusters(tx, { kind: "COPY", productIds: [newId!] });
      // Checking the product again finds the pair again; it is not stored.
      const again = await replaceDuplicatePairs(tx, {
        kind: "COPY",
        productIds: [newId!],
        pairs: [{ a: newId!, b: ids[target]!, score: 0.9, method: "MINHASH" }],
      });
      expect(again.stored).toBe(0);
      await refreshDuplicateClusters(tx, { kind: "COPY", productIds: [newId!] });
    });
    expect(
      (await listDuplicateClusters(db.pool, { filter: { productId: newId! }, limit: 10, after: null })).rows,
    ).toEqual([]);
    expect(await distinctPairsAmong(db.pool, "COPY", [newId!])).toEqual(
      new Set([[newId!, ids[target]!].sort().join(":")]),
    );
  }, 600_000);
});
