import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { imageHashBlocks, imageHashDistance, imageHashFromHex } from "@truecopy/core";
import type { TQueryable } from "./client.js";
import { BLOCK_INDEX_MAX_DISTANCE, findDuplicateImages, type TDuplicateImage } from "./image.repo.js";
import { createTestMerchant, openOwnTestDatabase, type TOwnTestDatabase } from "./testing.js";

// The near-duplicate image lookup narrows its candidates through the GIN index over
// image_hash_blocks(phash) up to 7 bits and compares every image of the merchant beyond. Both must
// give what a comparison of every pair gives: same images, same order, same limit. The hashes are
// random, with neighbours whose differing bits sit at the edges of the bytes the index keys on.

type TImage = { id: string; productId: string; sku: string; phash: string | null };

let db: TOwnTestDatabase;
let merchant: { id: string };
let other: { id: string };
const images: TImage[] = [];
const queried: string[] = [];

// Deterministic, so a failure can be replayed.
let seed = 0x9e3779b9;
const random = (): number => {
  seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
  return seed / 2 ** 32;
};
const randomHash = (): bigint =>
  (BigInt(Math.floor(random() * 2 ** 32)) << 32n) | BigInt(Math.floor(random() * 2 ** 32));
const hex = (h: bigint): string => h.toString(16).padStart(16, "0");
// Bit 0 is the last bit of the last hex byte; bit 63 the first of the first.
const flip = (h: bigint, bits: readonly number[]): bigint => bits.reduce((x, b) => x ^ (1n << BigInt(b)), h);

/** Sets of bit positions, of 0…8 bits, that put the differences where the byte keys split. */
function neighbourPatterns(): number[][] {
  const out: number[][] = [];
  for (let d = 0; d <= 8; d++) {
    // One bit in each of d bytes, at the byte's top or bottom edge: d = 7 shares one byte, d = 8 none.
    out.push(Array.from({ length: d }, (_, i) => 8 * i + (i % 2 ? 7 : 0)));
    // Pairs straddling byte boundaries (bit 8i-1 and 8i), then a spare bit.
    out.push(Array.from({ length: d }, (_, i) => 8 * (Math.floor(i / 2) + 1) - 1 + (i % 2)).map((b) => b % 64));
    // All in as few bytes as possible: most bytes shared.
    out.push(Array.from({ length: d }, (_, i) => 56 + i));
    // Anywhere.
    const bits = new Set<number>();
    while (bits.size < d) bits.add(Math.floor(random() * 64));
    out.push([...bits]);
  }
  return out;
}

async function insertImages(
  merchantId: string,
  rows: { sku: string; phashes: (string | null)[] }[],
): Promise<TImage[]> {
  const products = rows.map((r) => ({ id: randomUUID(), sku: r.sku }));
  await db.pool.query(
    `INSERT INTO "Product" (id, "merchantId", sku, title, description, "contentHash", "updatedAt")
     SELECT x.id, $1, x.sku, x.sku, '', 'h', now() FROM unnest($2::uuid[], $3::text[]) AS x(id, sku)`,
    [merchantId, products.map((p) => p.id), products.map((p) => p.sku)],
  );
  const out: TImage[] = [];
  rows.forEach((r, i) =>
    r.phashes.forEach((phash) => out.push({ id: randomUUID(), productId: products[i]!.id, sku: r.sku, phash })),
  );
  await db.pool.query(
    `INSERT INTO "ProductImage" (id, "productId", position, url, phash)
     SELECT x.id, x.pid, x.n - 1, 'https://img.test/' || x.id, x.phash
     FROM unnest($1::uuid[], $2::uuid[], $3::text[]) WITH ORDINALITY AS x(id, pid, phash, n)`,
    [out.map((m) => m.id), out.map((m) => m.productId), out.map((m) => m.phash)],
  );
  return out;
}

/** Every pair compared, ordered and cut as the lookup promises (distance, then sku, then image id). */
function bruteForce(of: TImage, maxDistance: number, limit: number): TDuplicateImage[] {
  if (!of.phash || !/^[0-9a-f]{16}$/.test(of.phash)) return [];
  const a = imageHashFromHex(of.phash);
  return images
    .filter((b) => b.productId !== of.productId && b.phash !== null && /^[0-9a-f]{16}$/.test(b.phash))
    .map((b) => ({
      imageId: b.id,
      productId: b.productId,
      sku: b.sku,
      distance: imageHashDistance(a, imageHashFromHex(b.phash!)),
    }))
    .filter((d) => d.distance <= maxDistance)
    .sort((x, y) => x.distance - y.distance || cmp(x.sku, y.sku) || cmp(x.imageId, y.imageId))
    .slice(0, limit);
}
const cmp = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

beforeAll(async () => {
  // A database of its own: which plan is cheaper depends on how much of the table the merchant holds.
  db = await openOwnTestDatabase("image_dups");
  merchant = await createTestMerchant(db, "image-dups");
  other = await createTestMerchant(db, "image-dups-other");
  // SKUs of one shape, so the database's collation and JavaScript order them alike.
  let n = 0;
  const sku = () => `s${String(n++).padStart(5, "0")}`;
  const rows: { sku: string; phashes: (string | null)[] }[] = [];
  const anchors: string[] = [];
  for (let c = 0; c < 12; c++) {
    const anchor = randomHash();
    anchors.push(hex(anchor));
    // The anchor's own product also holds a near copy: never a duplicate of itself.
    rows.push({ sku: sku(), phashes: [hex(anchor), hex(flip(anchor, [3]))] });
    for (const bits of neighbourPatterns()) rows.push({ sku: sku(), phashes: [hex(flip(anchor, bits))] });
    // An exact copy twice in one product: ties broken by image id.
    rows.push({ sku: sku(), phashes: [hex(anchor), hex(anchor)] });
  }
  for (let i = 0; i < 600; i++) rows.push({ sku: sku(), phashes: [hex(randomHash())] });
  // Not hashes the lookup compares: never found, never looked up.
  rows.push({
    sku: sku(),
    phashes: [null, "", "ABCDEF0123456789", `${anchors[0]!.slice(0, 15)}g`, anchors[0]!.slice(0, 14)],
  });
  images.push(...(await insertImages(merchant.id, rows)));
  // Another merchant's copies of the same pictures are not this merchant's duplicates.
  await insertImages(
    other.id,
    anchors.map((a, i) => ({ sku: `o${i}`, phashes: [a, hex(flip(BigInt(`0x${a}`), [0]))] })),
  );
  const byHash = new Set(anchors);
  for (const img of images) if (img.phash && (byHash.has(img.phash) || random() < 0.05)) queried.push(img.id);
  queried.push(images.find((i) => i.phash === null)!.id, images.find((i) => i.phash === "ABCDEF0123456789")!.id);
  await db.pool.query(`ANALYZE "Product"; ANALYZE "ProductImage"`);
}, 120_000);

afterAll(async () => {
  await db?.drop();
});

describe("near-duplicate images through the hash block index", () => {
  it("computes in SQL the block keys core computes", async () => {
    const hashes = images.flatMap((i) => (i.phash && /^[0-9a-f]{16}$/.test(i.phash) ? [i.phash] : [])).slice(0, 50);
    const { rows } = await db.pool.query<{ keys: string[] }>(
      `SELECT image_hash_blocks(h) AS keys FROM unnest($1::text[]) WITH ORDINALITY AS x(h, n) ORDER BY n`,
      [hashes],
    );
    expect(rows.map((r) => r.keys)).toEqual(hashes.map(imageHashBlocks));
    const { rows: none } = await db.pool.query<{ keys: string[] | null }>(
      `SELECT image_hash_blocks(h) AS keys FROM unnest(ARRAY[NULL, '', 'ABCDEF0123456789', '0123']::text[]) AS h`,
    );
    expect(none.map((r) => r.keys)).toEqual([null, null, null, null]);
  });

  it("finds exactly what comparing every pair finds, at every distance from 0 to 8", async () => {
    const byId = new Map(images.map((i) => [i.id, i]));
    let found = 0;
    for (let maxDistance = 0; maxDistance <= 8; maxDistance++) {
      for (const limit of [3, 20]) {
        const got = await findDuplicateImages(db.pool, queried, { maxDistance, limit });
        for (const id of queried) {
          expect({ id, maxDistance, limit, found: got.get(id) }).toEqual({
            id,
            maxDistance,
            limit,
            found: bruteForce(byId.get(id)!, maxDistance, limit),
          });
          found += got.get(id)!.length;
        }
      }
    }
    // The neighbours are there to be found: the comparison is not between two empty lists.
    expect(found).toBeGreaterThan(1000);
  });

  it("finds at 8 bits the neighbour that differs in every byte, which shares no block key", async () => {
    const anchor = images.find((i) => i.phash && /^[0-9a-f]{16}$/.test(i.phash))!;
    const base = BigInt(`0x${anchor.phash!}`);
    const spread = hex(flip(base, [0, 15, 16, 31, 32, 47, 48, 63]));
    expect(imageHashBlocks(spread).filter((k) => imageHashBlocks(anchor.phash!).includes(k))).toEqual([]);
    const neighbour = images.find((i) => i.phash === spread)!;
    expect(neighbour).toBeDefined();
    const at = async (maxDistance: number) =>
      (await findDuplicateImages(db.pool, [anchor.id], { maxDistance, limit: 50 }))
        .get(anchor.id)!
        .map((d) => d.imageId);
    expect(await at(BLOCK_INDEX_MAX_DISTANCE)).not.toContain(neighbour.id);
    expect(await at(8)).toContain(neighbour.id);
  });

  it("reads the GIN index up to 7 bits and never beyond", async () => {
    const plan = async (maxDistance: number) => {
      const captured: { sql: string; params: unknown[] }[] = [];
      const capture = {
        query: (sql: string, params: unknown[]) => {
          captured.push({ sql, params });
          return db.pool.query(sql, params);
        },
      } as unknown as TQueryable;
      await findDuplicateImages(capture, queried.slice(0, 5), { maxDistance });
      const client = await db.pool.connect();
      try {
        await client.query("BEGIN");
        // The test's table is small: without this a sequential scan is the cheaper plan.
        await client.query("SET LOCAL enable_seqscan = off");
        const main = captured.at(-1)!;
        const { rows } = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN ${main.sql}`, main.params);
        return rows.map((r) => r["QUERY PLAN"]).join("\n");
      } finally {
        await client.query("ROLLBACK");
        client.release();
      }
    };
    expect(await plan(6)).toMatch(/Bitmap Index Scan on "?ProductImage_phash_blocks_idx"?/);
    expect(await plan(7)).toMatch(/ProductImage_phash_blocks_idx/);
    expect(await plan(8)).not.toMatch(/ProductImage_phash_blocks_idx/);
  });
});
