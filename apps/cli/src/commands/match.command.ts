import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { z } from "zod";
import { listingProfile, MATCHER_MODEL, scoreListingPair } from "@truecopy/core";
import { createTextEmbedder, type TTextEmbedder } from "@truecopy/ml";

// The contract (stable; used by external evaluation): one input line
// {"id","left":{"name","description"?,"price"?},"right":{...}} → one output line
// {"id","match":true|false,"score"} in input order, no database. `score` is the matcher's
// probability-like score in [0, 1]; `match` is the decision at the model's threshold (listings that
// differ only in a model number never match). A malformed line gets {"id"?,"error"} in its place
// (and the same message on stderr: line number, field, reason); the exit code is then 1.

const ZPrice = z
  .union([z.number(), z.string(), z.null()], { error: "price must be a number (or a numeric string, or null)" })
  .optional()
  .transform((v, ctx) => {
    if (v === null || v === undefined || v === "") return null;
    // "$1,299.00", "¥ 99", "99元": currency signs and thousands separators are not the number.
    const cleaned = typeof v === "number" ? null : v.replace(/[$¥€£,\s]|元|rmb|usd|cny/gi, "");
    const n = typeof v === "number" ? v : cleaned ? Number(cleaned) : NaN;
    if (!Number.isFinite(n)) {
      ctx.addIssue({ code: "custom", message: `price must be a number, got ${JSON.stringify(v)}` });
      return z.NEVER;
    }
    return n;
  });

const ZListing = z.object(
  {
    name: z.string({ error: "name must be a string" }).min(1, { error: "name must not be empty" }),
    description: z.union([z.string(), z.null()], { error: "description must be a string or null" }).optional(),
    price: ZPrice,
  },
  { error: "must be an object with name, description and price" },
);

const ZMatchInput = z.object({
  id: z.union([z.string(), z.number()], { error: "id must be a string or a number" }),
  left: ZListing,
  right: ZListing,
});
type TMatchInput = z.infer<typeof ZMatchInput>;

export type TMatchLine = { line: number; raw: string };
type TParsed = { ok: true; input: TMatchInput } | { ok: false; error: string; id?: string | number };

const BATCH = 256;

function parseLine({ raw, line }: TMatchLine): TParsed {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (e) {
    return { ok: false, error: `line ${line}: not valid JSON (${(e as Error).message})` };
  }
  const r = ZMatchInput.safeParse(value);
  if (r.success) return { ok: true, input: r.data };
  const id = value && typeof value === "object" && "id" in value ? value.id : undefined;
  const known = typeof id === "string" || typeof id === "number";
  const detail = r.error.issues.map((i) => `${i.path.join(".") || "(line)"}: ${i.message}`).join("; ");
  return {
    ok: false,
    error: `line ${line}${known ? ` (id ${JSON.stringify(id)})` : ""}: ${detail}`,
    ...(known ? { id } : {}),
  };
}

const dot = (a: Float32Array, b: Float32Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
};

/** Output lines (JSON) for a batch of input lines, in order; errors also go to `onError`. Exported for tests. */
export async function matchLines(
  lines: readonly TMatchLine[],
  embedder: TTextEmbedder,
  onError: (message: string) => void = () => undefined,
): Promise<string[]> {
  if (embedder.model.name !== MATCHER_MODEL.embeddingModel)
    throw new Error(
      `${MATCHER_MODEL.name} scores cosines of ${MATCHER_MODEL.embeddingModel}, not ${embedder.model.name}`,
    );
  const parsed = lines.map(parseLine);
  const names = [...new Set(parsed.flatMap((p) => (p.ok ? [p.input.left.name, p.input.right.name] : [])))];
  const vectors = new Map((await embedder.embed(names)).map((v, i) => [names[i]!, v]));
  return parsed.map((p) => {
    if (!p.ok) {
      onError(p.error);
      return JSON.stringify({ ...(p.id !== undefined ? { id: p.id } : {}), error: p.error });
    }
    const { id, left, right } = p.input;
    const r = scoreListingPair(listingProfile(left), listingProfile(right), {
      embeddingCosine: dot(vectors.get(left.name)!, vectors.get(right.name)!),
    });
    return JSON.stringify({ id, match: r.match, score: r.score });
  });
}

/** `truecopy match --in pairs.jsonl`: offline, no database. */
export async function matchCommand(o: { file: string }): Promise<number> {
  const embedder = createTextEmbedder(MATCHER_MODEL.embeddingModel);
  const input = createInterface({ input: createReadStream(o.file, { encoding: "utf8" }), crlfDelay: Infinity });
  let line = 0;
  let bad = 0;
  let pending: TMatchLine[] = [];
  const onError = (message: string) => {
    bad += 1;
    process.stderr.write(`truecopy match: ${message}\n`);
  };
  const flush = async () => {
    if (!pending.length) return;
    const out = await matchLines(pending, embedder, onError);
    pending = [];
    process.stdout.write(`${out.join("\n")}\n`);
  };
  for await (const raw of input) {
    line += 1;
    if (!raw.trim()) continue;
    pending.push({ line, raw });
    if (pending.length >= BATCH) await flush();
  }
  await flush();
  if (bad) process.stderr.write(`truecopy match: ${bad} malformed line${bad === 1 ? "" : "s"}\n`);
  return bad ? 1 : 0;
}
