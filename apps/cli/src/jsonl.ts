import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import type { z } from "zod";

// The JSONL commands (analyze, lint, generate, vision, match, dedupe) read one JSON object a line
// and answer in input order. What they share: reading the non-blank lines with their numbers,
// parsing a line against the command's schema, naming a bad line's number, id and fields the same
// way, and writing the answers to stdout.

export type TJsonlLine = { line: number; raw: string };

/** Why a line was not answered: its number, its id when it had one, and what was wrong. */
export type TLineProblem = { line: number; id?: string | number; problem: string };

export type TParsedLine<T> = { ok: true; input: T } | ({ ok: false } & TLineProblem);

/** The non-blank lines of a file, numbered from 1 as an editor counts them. */
export async function* readJsonlLines(file: string): AsyncGenerator<TJsonlLine> {
  const input = createInterface({ input: createReadStream(file, { encoding: "utf8" }), crlfDelay: Infinity });
  let line = 0;
  for await (const raw of input) {
    line += 1;
    if (raw.trim()) yield { line, raw };
  }
}

/** One line parsed as JSON and checked against `schema`; every failed field is named. */
export function parseJsonlLine<T>(schema: z.ZodType<T>, { line, raw }: TJsonlLine): TParsedLine<T> {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (e) {
    return { ok: false, line, problem: `not valid JSON (${(e as Error).message})` };
  }
  const r = schema.safeParse(value);
  if (r.success) return { ok: true, input: r.data };
  const id = value && typeof value === "object" && "id" in value ? value.id : undefined;
  return {
    ok: false,
    line,
    ...(typeof id === "string" || typeof id === "number" ? { id } : {}),
    problem: r.error.issues.map((i) => `${i.path.join(".") || "(line)"}: ${i.message}`).join("; "),
  };
}

/** `line 3 (id "x"): text: text must be a string`; `withId: false` leaves the id out. */
export function lineError(p: TLineProblem, { withId = true }: { withId?: boolean } = {}): string {
  const where = withId && p.id !== undefined ? ` (id ${JSON.stringify(p.id)})` : "";
  return `line ${p.line}${where}: ${p.problem}`;
}

/** Lines for stdout, written in 64 KiB chunks rather than one write each. */
export function createStdoutWriter(): { line(text: string): void; flush(): void } {
  let out = "";
  const flush = () => {
    if (out) process.stdout.write(out);
    out = "";
  };
  return {
    line(text) {
      out += `${text}\n`;
      if (out.length > 1 << 16) flush();
    },
    flush,
  };
}

/** What a command answers for one line: an output line, an error for stderr, or both. */
export type TLineAnswer = { output?: string; error?: string };

/**
 * Runs a JSONL command: reads `file`, hands `handle` up to `batch` lines at a time, writes the
 * answers' output lines to stdout in input order and their errors to stderr as `truecopy NAME: …`.
 * Quick commands write stdout in chunks; `stream` writes each batch's answers as soon as they are
 * ready, for commands slow enough per line that a reader should see progress. Returns how many
 * lines had an error.
 */
export async function runJsonlCommand(o: {
  name: string;
  file: string;
  batch?: number;
  stream?: boolean;
  handle: (lines: TJsonlLine[]) => TLineAnswer[] | Promise<TLineAnswer[]>;
}): Promise<number> {
  const out = createStdoutWriter();
  let bad = 0;
  let pending: TJsonlLine[] = [];
  const flush = async () => {
    for (const a of await o.handle(pending)) {
      if (a.output !== undefined) out.line(a.output);
      if (a.error !== undefined) {
        bad += 1;
        process.stderr.write(`truecopy ${o.name}: ${a.error}\n`);
      }
    }
    pending = [];
    if (o.stream) out.flush();
  };
  for await (const l of readJsonlLines(o.file)) {
    pending.push(l);
    if (pending.length >= (o.batch ?? 1)) await flush();
  }
  if (pending.length) await flush();
  out.flush();
  return bad;
}

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
