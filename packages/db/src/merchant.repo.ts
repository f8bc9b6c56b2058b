import type pg from "pg";

export async function ensureMerchant(pool: pg.Pool, m: { slug: string; name: string }): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO "Merchant" (id, slug, name, "updatedAt") VALUES (gen_random_uuid(), $1, $2, now())
     ON CONFLICT (slug) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
    [m.slug, m.name],
  );
  return rows[0]!.id;
}

export async function findMerchantBySlugOrId(
  pool: pg.Pool,
  ref: string,
): Promise<{ id: string; slug: string; name: string } | null> {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ref);
  const { rows } = await pool.query<{ id: string; slug: string; name: string }>(
    isUuid
      ? `SELECT id, slug, name FROM "Merchant" WHERE id = $1`
      : `SELECT id, slug, name FROM "Merchant" WHERE slug = $1`,
    [ref],
  );
  return rows[0] ?? null;
}
