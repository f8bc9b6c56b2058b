import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { z } from "zod";
import {
  detectLanguage,
  extractAspectMentions,
  extractAttributes,
  extractKeyphrases,
  judgeMention,
  tokenize,
  type TAspectMention,
  type TLanguageIdentifier,
} from "@truecopy/core";
import { createSentimentClassifier, loadLanguageIdentifier, type TSentimentClassifier } from "@truecopy/ml";

// The contract (stable; used for evaluation): one input line {"id","text","locale"?} → one output
// line, in input order. A bad line yields {"id"?, "error"} and the run continues.
const ZAnalyzeInput = z.object({
  id: z.union([z.string(), z.number()]),
  text: z.string({ error: "text must be a string" }),
  locale: z.string().optional(),
});

const BATCH = 64;
const KEYPHRASES = 10;

export type TLine = { line: number; raw: string };
type TParsed = { ok: true; input: z.infer<typeof ZAnalyzeInput> } | { ok: false; error: string; id?: string | number };

function parseLine({ raw, line }: TLine): TParsed {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (e) {
    return { ok: false, error: `line ${line}: not valid JSON (${(e as Error).message})` };
  }
  const r = ZAnalyzeInput.safeParse(value);
  if (r.success) return { ok: true, input: r.data };
  const id = value && typeof value === "object" && "id" in value ? value.id : undefined;
  const detail = r.error.issues.map((i) => `${i.path.join(".") || "(line)"}: ${i.message}`).join("; ");
  return {
    ok: false,
    error: `line ${line}: ${detail}`,
    ...(typeof id === "string" || typeof id === "number" ? { id } : {}),
  };
}

/** One output line (JSON) per input line, in order; exported for tests. */
export async function analyzeLines(
  lines: TLine[],
  classifier: TSentimentClassifier,
  identify: TLanguageIdentifier,
): Promise<string[]> {
  const parsed = lines.map(parseLine);
  const texts = parsed.map((p) => (p.ok ? p.input.text : ""));
  const mentions = texts.map((text): TAspectMention[] | Error => {
    try {
      return extractAspectMentions(text);
    } catch (e) {
      return e as Error;
    }
  });
  // One model run for the texts and every distinct clause that names an aspect.
  const clauses = [...new Set(mentions.flatMap((m) => (m instanceof Error ? [] : m.map((x) => x.clause.text))))];
  const results = await classifier.classify([...texts, ...clauses]);
  const sentiments = results.slice(0, texts.length);
  const clauseSentiment = new Map(clauses.map((c, i) => [c, results[texts.length + i]!]));
  return parsed.map((p, i) => {
    if (!p.ok) return JSON.stringify({ ...(p.id !== undefined ? { id: p.id } : {}), error: p.error });
    const { id, text } = p.input;
    try {
      const found = mentions[i]!;
      if (found instanceof Error) throw found;
      const tokens = tokenize(text);
      return JSON.stringify({
        id,
        language: detectLanguage(text, { identify }),
        // Words, numbers and units; punctuation and emoji are kept by the tokenizer but are not words.
        tokens: tokens.filter((t) => t.kind !== "punct" && t.kind !== "emoji").map((t) => t.text),
        keyphrases: extractKeyphrases(tokens, { k: KEYPHRASES }).map((k) => k.phrase),
        attributes: extractAttributes(text).map((a) => ({ key: a.key, value: a.value, start: a.start, end: a.end })),
        sentiment: sentiments[i],
        // One entry per aspect and clause; start/end are the aspect word's UTF-16 offsets.
        aspects: found.map((m) => {
          const j = judgeMention(m, clauseSentiment.get(m.clause.text));
          return { aspect: m.aspect, sentiment: j.polarity, start: m.term.start, end: m.term.end };
        }),
      });
    } catch (e) {
      return JSON.stringify({ id, error: `analysis failed: ${(e as Error).message}` });
    }
  });
}

/** `truecopy analyze --in FILE.jsonl`: analysis of free text, one JSON line out per line in. */
export async function analyzeCommand(o: { file: string }): Promise<number> {
  const classifier = createSentimentClassifier();
  const identify = await loadLanguageIdentifier();
  const input = createInterface({ input: createReadStream(o.file, { encoding: "utf8" }), crlfDelay: Infinity });
  let batch: TLine[] = [];
  let line = 0;
  const flush = async () => {
    for (const out of await analyzeLines(batch, classifier, identify)) process.stdout.write(`${out}\n`);
    batch = [];
  };
  for await (const raw of input) {
    line += 1;
    if (!raw.trim()) continue;
    batch.push({ line, raw });
    if (batch.length >= BATCH) await flush();
  }
  if (batch.length) await flush();
  return 0;
}
