import { access, readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import {
  analyzeImage,
  duplicateFinding,
  DUPLICATE_MAX_DISTANCE,
  imageHashDistance,
  imageHashFromHex,
  isAppError,
  messageLocale,
  sameMainColour,
  type TDominantColour,
} from "@truecopy/core";
import { createOcr, decodeImage, type TOcr } from "@truecopy/ml";
import { lineError, parseJsonlLine, plural, runJsonlCommand, type TJsonlLine } from "../jsonl.js";

// The contract (stable; used by external evaluation): one input line {"id","path"} (optionally
// "attributes", "locale" and "text" — the product's copy — to compare the image's colours with) →
// one output line
// {"id","width","height","blur","colors":[{"name","hex","share"}],"text":[{"text","box","confidence"}],"findings":[…]}
// in input order. `blur` is the contrast-normalised variance of the Laplacian of the sharpest
// regions (higher is sharper, below 0.6 blurry);
// colours are the image's dominant colours (canonical names, zh names in `nameZh`, the background
// marked); `box` is [x, y, width, height] in the image's pixels. A malformed line or an image that
// cannot be read is reported on stderr (line number, id, reason) and gets no output line; the
// other lines are still processed and the exit code is 1. Relative paths are resolved against the
// input file's folder, then the working directory. An image that is the same picture as an earlier
// line's gets an image.duplicate finding naming that line's id. No database is needed.

const ZVisionInput = z.object({
  id: z.union([z.string(), z.number()], { error: "id must be a string or a number" }),
  path: z.string({ error: "path must be a string (an image file)" }).min(1, { error: "path is empty" }),
  attributes: z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]), {
      error: "attributes must be an object of strings, numbers, booleans or lists of strings",
    })
    .optional(),
  locale: z.string({ error: "locale must be a string such as zh-CN or en-US" }).optional(),
  text: z.string({ error: "text must be a string (the product's copy)" }).optional(),
});

export type TVisionLine = TJsonlLine;
export type TVisionLineResult = { ok: true; output: string } | { ok: false; error: string };

/** Decoded images are analysed at this size at most (boxes are still reported in full-size pixels). */
const ANALYSIS_SIDE = 2048;

async function resolveImage(file: string, baseDir: string): Promise<string> {
  if (path.isAbsolute(file)) return file;
  const beside = path.resolve(baseDir, file);
  try {
    await access(beside);
    return beside;
  } catch {
    return path.resolve(file);
  }
}

/** Images of earlier lines, for the duplicate check within one input file. */
export type TSeenImages = { id: string | number; phash: string; colours: TDominantColour[] }[];

/** Analyses one input line into its output line, or the error for stderr; exported for tests. */
export async function visionLine(
  l: TVisionLine,
  o: { ocr: TOcr; baseDir: string; seen?: TSeenImages },
): Promise<TVisionLineResult> {
  const parsed = parseJsonlLine(ZVisionInput, l);
  if (!parsed.ok) return { ok: false, error: lineError(parsed) };
  const input = parsed.input;
  const where = `line ${l.line} (id ${JSON.stringify(input.id)})`;
  let bytes: Buffer;
  const file = await resolveImage(input.path, o.baseDir);
  try {
    bytes = await readFile(file);
  } catch (e) {
    return {
      ok: false,
      error: `${where}: path: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    };
  }
  let decoded;
  try {
    decoded = await decodeImage(bytes, { maxSide: ANALYSIS_SIDE });
  } catch (e) {
    if (isAppError(e)) return { ok: false, error: `${where}: path: ${e.message}` };
    throw e;
  }
  const { lines } = await o.ocr.recognize(decoded.raster, { scale: decoded.scale });
  const a = analyzeImage({
    image: decoded.raster,
    size: decoded,
    text: lines,
    product: {
      attributes: input.attributes ?? {},
      copy: input.text ? [{ field: "TEXT", text: input.text }] : [],
      ...(input.locale ? { locale: input.locale } : {}),
    },
  });
  // The same picture on an earlier line (another product of the file): pHash and main colour.
  const hash = imageHashFromHex(a.phash);
  const matches = (o.seen ?? [])
    .map((s) => ({ s, distance: imageHashDistance(hash, imageHashFromHex(s.phash)) }))
    .filter(({ s, distance }) => distance <= DUPLICATE_MAX_DISTANCE && sameMainColour(a.colors, s.colours))
    .map(({ s, distance }) => ({ productId: String(s.id), sku: String(s.id), imageId: String(s.id), distance }));
  const duplicate = duplicateFinding({ matches, locale: messageLocale(input.locale, input.text ?? "") });
  if (duplicate) a.findings.push(duplicate);
  o.seen?.push({ id: input.id, phash: a.phash, colours: a.colors });
  return {
    ok: true,
    output: JSON.stringify({
      id: input.id,
      width: a.width,
      height: a.height,
      blur: a.blur,
      colors: a.colors.map((c) => ({
        name: c.name,
        nameZh: c.nameZh,
        hex: c.hex,
        share: c.share,
        ...(c.background ? { background: true } : {}),
      })),
      text: a.text.map((t) => ({ text: t.text, box: t.box, confidence: t.confidence })),
      findings: a.findings.map((f) => ({
        rule: f.rule,
        category: f.category,
        severity: f.severity,
        message: f.message,
        ...(f.box ? { box: f.box } : {}),
        ...(f.match !== undefined ? { match: f.match } : {}),
        ...(f.suggestion !== undefined ? { suggestion: f.suggestion } : {}),
      })),
      format: decoded.format,
      phash: a.phash,
    }),
  };
}

/** `truecopy vision --in FILE.jsonl`: offline, no database. */
export async function visionCommand(o: { file: string; ocr?: TOcr }): Promise<number> {
  const ocr = o.ocr ?? createOcr();
  const baseDir = path.dirname(path.resolve(o.file));
  const seen: TSeenImages = [];
  const bad = await runJsonlCommand({
    name: "vision",
    file: o.file,
    stream: true,
    // One line at a time: each image is compared with the earlier lines' (seen).
    handle: async ([l]) => {
      const r = await visionLine(l!, { ocr, baseDir, seen });
      return [r.ok ? { output: r.output } : { error: r.error }];
    },
  });
  if (bad) process.stderr.write(`truecopy vision: ${plural(bad, "line")} skipped\n`);
  return bad ? 1 : 0;
}
