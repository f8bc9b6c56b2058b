import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { z } from "zod";
import { CopyDedupeBatch, type TCopyDedupeStats } from "@truecopy/core";

// The contract (stable; used by external evaluation): input lines {"id","title","description"} (a
// catalog), output one line per cluster of reused copy,
// {"cluster","members":[ids…],"canonical","method","score"}: `cluster` numbers clusters from 1 in
// the order of their canonical member, `members` are in input order, `canonical` is the earliest
// line of the cluster (the likely original), `method` SIMHASH (every link near-identical) or
// MINHASH (near copies), `score` the mean similarity of the cluster's links in [0, 1]. Products
// without a copy are in no cluster. No database. Malformed lines (and repeated ids) are reported on
// stderr with line number and field, left out, and make the exit code 1.

const ZCatalogLine = z.object({
  id: z.union([z.string(), z.number()], { error: "id must be a string or a number" }),
  title: z.string({ error: "title must be a string" }),
  description: z.union([z.string(), z.null()], { error: "description must be a string" }).optional(),
});

export type TDedupeLine = { line: number; raw: string };
export type TDedupeCluster = {
  cluster: number;
  members: (string | number)[];
  canonical: string | number;
  method: string;
  score: number;
};

/** Reads catalog lines into a batch; returns the ids (by batch index) and the errors. */
export class CatalogDedupe {
  private readonly batch = new CopyDedupeBatch();
  private readonly ids: (string | number)[] = [];
  private readonly seen = new Map<string, number>();
  readonly errors: string[] = [];

  add({ line, raw }: TDedupeLine): void {
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (e) {
      this.errors.push(`line ${line}: not valid JSON (${(e as Error).message})`);
      return;
    }
    const r = ZCatalogLine.safeParse(value);
    if (!r.success) {
      const id = value && typeof value === "object" && "id" in value ? value.id : undefined;
      const where = typeof id === "string" || typeof id === "number" ? ` (id ${JSON.stringify(id)})` : "";
      this.errors.push(
        `line ${line}${where}: ${r.error.issues.map((i) => `${i.path.join(".") || "(line)"}: ${i.message}`).join("; ")}`,
      );
      return;
    }
    const key = JSON.stringify(r.data.id);
    const first = this.seen.get(key);
    if (first !== undefined) {
      this.errors.push(`line ${line} (id ${key}): id: repeats the id of line ${first}`);
      return;
    }
    this.seen.set(key, line);
    this.ids.push(r.data.id);
    this.batch.add(`${r.data.title}\n${r.data.description ?? ""}`);
  }

  stats(): TCopyDedupeStats {
    return this.batch.findPairs();
  }

  clusters(): TDedupeCluster[] {
    return this.batch.clusters().map((c, i) => ({
      cluster: i + 1,
      members: c.members.map((m) => this.ids[m]!),
      canonical: this.ids[c.canonical]!,
      method: c.method,
      score: c.score,
    }));
  }
}

/** `truecopy dedupe --in catalog.jsonl`: offline, no database. */
export async function dedupeCommand(o: { file: string }): Promise<number> {
  const dedupe = new CatalogDedupe();
  const input = createInterface({ input: createReadStream(o.file, { encoding: "utf8" }), crlfDelay: Infinity });
  let line = 0;
  for await (const raw of input) {
    line += 1;
    if (raw.trim()) dedupe.add({ line, raw });
  }
  for (const e of dedupe.errors) process.stderr.write(`truecopy dedupe: ${e}\n`);
  let out = "";
  for (const c of dedupe.clusters()) {
    out += `${JSON.stringify(c)}\n`;
    if (out.length > 1 << 16) {
      process.stdout.write(out);
      out = "";
    }
  }
  process.stdout.write(out);
  const s = dedupe.stats();
  process.stderr.write(
    `truecopy dedupe: ${s.texts} products, ${s.pairs} copied pairs from ${s.simhashCandidates + s.lshCandidates} candidates (of ${s.allPairs} pairs)\n`,
  );
  if (dedupe.errors.length)
    process.stderr.write(
      `truecopy dedupe: ${dedupe.errors.length} malformed line${dedupe.errors.length === 1 ? "" : "s"} skipped\n`,
    );
  return dedupe.errors.length ? 1 : 0;
}
