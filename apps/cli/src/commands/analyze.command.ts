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
import { lineError, parseJsonlLine, runJsonlCommand, type TJsonlLine } from "../jsonl.js";

// The contract (stable; used for evaluation): one input line {"id","text","locale"?} → one output
// line, in input order. A bad line yields {"id"?, "error"} and the run continues.
const ZAnalyzeInput = z.object({
  id: z.union([z.string(), z.number()]),
  text: z.string({ error: "text must be a string" }),
  locale: z.string().optional(),
});

const BATCH = 64;
const KEYPHRASES = 10;

export type TLine = TJsonlLine;

/** One output line (JSON) per input line, in order; exported for tests. */
export async function analyzeLines(
  lines: TLine[],
  classifier: TSentimentClassifier,
  identify: TLanguageIdentifier,
): Promise<string[]> {
  const parsed = lines.map((l) => parseJsonlLine(ZAnalyzeInput, l));
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
    // The id is a field of the answer here, not a part of its message.
    if (!p.ok)
      return JSON.stringify({ ...(p.id !== undefined ? { id: p.id } : {}), error: lineError(p, { withId: false }) });
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
  // A bad line is answered with an error object on stdout: nothing goes to stderr.
  await runJsonlCommand({
    name: "analyze",
    file: o.file,
    batch: BATCH,
    stream: true,
    handle: async (lines) => (await analyzeLines(lines, classifier, identify)).map((output) => ({ output })),
  });
  return 0;
}
