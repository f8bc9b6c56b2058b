import { z } from "zod";
import { CopyDedupeBatch, type TCopyDedupeStats } from "@truecopy/core";
import { createStdoutWriter, lineError, parseJsonlLine, plural, readJsonlLines, type TJsonlLine } from "../jsonl.js";

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

export type TDedupeLine = TJsonlLine;
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

  add(l: TDedupeLine): void {
    const r = parseJsonlLine(ZCatalogLine, l);
    if (!r.ok) {
      this.errors.push(lineError(r));
      return;
    }
    const { id, title, description } = r.input;
    const first = this.seen.get(JSON.stringify(id));
    if (first !== undefined) {
      this.errors.push(lineError({ line: l.line, id, problem: `id: repeats the id of line ${first}` }));
      return;
    }
    this.seen.set(JSON.stringify(id), l.line);
    this.ids.push(id);
    this.batch.add(`${title}\n${description ?? ""}`);
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
  for await (const l of readJsonlLines(o.file)) dedupe.add(l);
  for (const e of dedupe.errors) process.stderr.write(`truecopy dedupe: ${e}\n`);
  const out = createStdoutWriter();
  for (const c of dedupe.clusters()) out.line(JSON.stringify(c));
  out.flush();
  const s = dedupe.stats();
  process.stderr.write(
    `truecopy dedupe: ${s.texts} products, ${s.pairs} copied pairs from ${s.simhashCandidates + s.lshCandidates} candidates (of ${s.allPairs} pairs)\n`,
  );
  if (dedupe.errors.length)
    process.stderr.write(`truecopy dedupe: ${plural(dedupe.errors.length, "malformed line")} skipped\n`);
  return dedupe.errors.length ? 1 : 0;
}
