import { z } from "zod";
import { listingProfile, MATCHER_MODEL, scoreListingPair } from "@truecopy/core";
import { createTextEmbedder, type TTextEmbedder } from "@truecopy/ml";
import { lineError, parseJsonlLine, plural, runJsonlCommand, type TJsonlLine, type TLineAnswer } from "../jsonl.js";

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

export type TMatchLine = TJsonlLine;

const BATCH = 256;

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
  const parsed = lines.map((l) => parseJsonlLine(ZMatchInput, l));
  const names = [...new Set(parsed.flatMap((p) => (p.ok ? [p.input.left.name, p.input.right.name] : [])))];
  const vectors = new Map((await embedder.embed(names)).map((v, i) => [names[i]!, v]));
  return parsed.map((p) => {
    if (!p.ok) {
      const error = lineError(p);
      onError(error);
      return JSON.stringify({ ...(p.id !== undefined ? { id: p.id } : {}), error });
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
  // A bad line keeps its place in the output (an error object) and is also named on stderr.
  const bad = await runJsonlCommand({
    name: "match",
    file: o.file,
    batch: BATCH,
    stream: true,
    handle: async (lines) => {
      const errors: TLineAnswer[] = [];
      const out = await matchLines(lines, embedder, (error) => errors.push({ error }));
      return [...out.map((output) => ({ output })), ...errors];
    },
  });
  if (bad) process.stderr.write(`truecopy match: ${plural(bad, "malformed line")}\n`);
  return bad ? 1 : 0;
}
