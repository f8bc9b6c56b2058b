import { createWriteStream } from "node:fs";
import type { Writable } from "node:stream";
import { findMerchantBySlugOrId, type TDatabase } from "@truecopy/db";

export type TExportTarget = {
  /** The merchant named by slug or id, or null for every merchant. */
  merchantId: string | null;
  /** Writes with backpressure: resolves when the stream can take more. */
  write: (s: string) => Promise<void>;
  /** Flushes and closes a file (standard output stays open). */
  close: () => Promise<void>;
};

/** Where an export goes (a file or standard output) and whose rows it takes. */
export async function openExportTarget(db: TDatabase, o: { out?: string; merchant?: string }): Promise<TExportTarget> {
  let merchantId: string | null = null;
  if (o.merchant) {
    const m = await findMerchantBySlugOrId(db.pool, o.merchant);
    if (!m) throw new Error(`unknown merchant "${o.merchant}"`);
    merchantId = m.id;
  }
  const out: Writable = o.out ? createWriteStream(o.out) : process.stdout;
  return {
    merchantId,
    write: (s) => (out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once("drain", () => r()))),
    close: () =>
      o.out
        ? new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())))
        : Promise.resolve(),
  };
}
