import type pg from "pg";
import { brandPackSchema, type TBrandPack } from "@truecopy/core";
import { withRetriedTransaction, type TQueryable } from "./client.js";
import { appendAudit, type TAuditInput } from "./audit.repo.js";
import { loadLiveBrandPacks, queueMerchantRelint } from "./lint.repo.js";

export type TBrandPackVersionRow = {
  id: string;
  merchantId: string;
  version: number;
  definition: unknown;
  comment: string | null;
  createdById: string | null;
  createdAt: Date;
};

const COLUMNS = `id, "merchantId", version, definition, comment, "createdById", "createdAt"`;

/** The live (highest) version of a merchant's brand pack; null when it never had one. */
export async function getLiveBrandPack(db: TQueryable, merchantId: string): Promise<TBrandPackVersionRow | null> {
  const { rows } = await db.query<TBrandPackVersionRow>(
    `SELECT ${COLUMNS} FROM "RulePackVersion" WHERE "merchantId" = $1 ORDER BY version DESC LIMIT 1`,
    [merchantId],
  );
  return rows[0] ?? null;
}

/** Every version, newest first. */
export async function listBrandPackVersions(
  db: TQueryable,
  merchantId: string,
  limit = 100,
): Promise<TBrandPackVersionRow[]> {
  const { rows } = await db.query<TBrandPackVersionRow>(
    `SELECT ${COLUMNS} FROM "RulePackVersion" WHERE "merchantId" = $1 ORDER BY version DESC LIMIT $2`,
    [merchantId, limit],
  );
  return rows;
}

export type TSaveBrandPackOutcome =
  | { ok: true; pack: TBrandPackVersionRow; relintJobRunId: string | null; relintVariants: number }
  | { ok: false; reason: "merchant_not_found" }
  | { ok: false; reason: "version_conflict"; liveVersion: number };

/**
 * Saves a validated brand pack as the merchant's next version (history is append-only), if the live
 * version is still `expectedVersion` (0 for a merchant without a pack): optimistic concurrency, so
 * two admins editing at once cannot silently overwrite each other. In the same transaction: an audit
 * event and a re-lint of the merchant's live variants.
 */
export async function saveBrandPackVersion(
  pool: pg.Pool,
  o: {
    merchantId: string;
    definition: unknown;
    comment: string | null;
    expectedVersion: number;
    actor: Pick<TAuditInput, "actorId" | "actorKind" | "requestId">;
  },
): Promise<TSaveBrandPackOutcome> {
  return withRetriedTransaction(pool, async (tx) => {
    // The merchant row lock orders concurrent saves: the second sees the first's version and conflicts.
    const merchant = await tx.query(`SELECT id FROM "Merchant" WHERE id = $1 FOR UPDATE`, [o.merchantId]);
    if (!merchant.rowCount) return { ok: false, reason: "merchant_not_found" };
    const live = await getLiveBrandPack(tx, o.merchantId);
    const liveVersion = live?.version ?? 0;
    if (liveVersion !== o.expectedVersion) return { ok: false, reason: "version_conflict", liveVersion };
    const createdById = o.actor.actorKind === "user" ? o.actor.actorId : null;
    const { rows } = await tx.query<TBrandPackVersionRow>(
      `INSERT INTO "RulePackVersion" (id, "merchantId", version, definition, comment, "createdById")
       VALUES (gen_random_uuid(), $1, $2, $3::jsonb, $4, $5) RETURNING ${COLUMNS}`,
      [o.merchantId, liveVersion + 1, JSON.stringify(o.definition), o.comment, createdById],
    );
    const pack = rows[0]!;
    const relint = await queueMerchantRelint(tx, {
      merchantId: o.merchantId,
      actorId: createdById,
      reason: `brand-pack:${o.merchantId}:v${pack.version}`,
    });
    await appendAudit(tx, {
      ...o.actor,
      action: "brandpack.save",
      entityType: "Merchant",
      entityId: o.merchantId,
      before: live ? { version: live.version, definition: live.definition } : null,
      after: {
        version: pack.version,
        definition: o.definition,
        comment: o.comment,
        relintJobRunId: relint.jobRunId,
        relintVariants: relint.variants,
      },
    });
    return { ok: true, pack, relintJobRunId: relint.jobRunId, relintVariants: relint.variants };
  });
}

/** A merchant's live brand pack ready for `lint()`; `pack` is null when the stored one no longer validates. */
export type TLiveBrandPack = { version: number; pack: TBrandPack | null };

// Versions are append-only, so (merchant, version) always names the same pack: parse and compile once.
const parsedPacks = new Map<string, TBrandPack | null>();
const PARSED_PACKS_MAX = 500;

/**
 * The live brand packs of some merchants, validated, with `version` set to the stored version so
 * findings name the exact pack (`brand@3`). The same object is returned for the same version, so
 * the linter's compiled matcher (cached per pack object) is built once per process.
 */
export async function liveBrandPacks(
  db: TQueryable,
  merchantIds: readonly string[],
): Promise<Map<string, TLiveBrandPack>> {
  const rows = await loadLiveBrandPacks(db, merchantIds);
  const out = new Map<string, TLiveBrandPack>();
  for (const r of rows) {
    const key = `${r.merchantId}:${r.version}`;
    let pack = parsedPacks.get(key);
    if (pack === undefined) {
      const parsed = brandPackSchema.safeParse(r.definition);
      pack = parsed.success ? { ...parsed.data, version: String(r.version) } : null;
      if (parsedPacks.size >= PARSED_PACKS_MAX) parsedPacks.delete(parsedPacks.keys().next().value!);
      parsedPacks.set(key, pack);
    }
    out.set(r.merchantId, { version: r.version, pack });
  }
  return out;
}
