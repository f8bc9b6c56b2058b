import type { TSpan } from "./lint-context.js";
import type { TLintLocale } from "./types.js";

// Clauses for the paraphrase model: text between punctuation (a "." only when it is not a decimal
// point), and in English also before a coordinating "and"/"but" that joins two claims. Leading and
// trailing spaces and conjunctions are trimmed off the span.
const ZH_BREAK = /[，,。！!？?；;：:\n、…（）()【】「」“”"]+|\.(?!\d)/gu;
const EN_BREAK = /[,。！!？?；;：:\n…()[\]“”"]+|\.(?!\d)|\s(?=(?:and|but|while|yet)\s)/gu;
const LEADING = /^(?:\s|and\s|but\s|while\s|yet\s|so\s|plus\s|而且|并且|而|且|更|还)+/u;

export function clauseSpans(text: string, locale: TLintLocale): TSpan[] {
  const spans: TSpan[] = [];
  const re = locale === "zh" ? ZH_BREAK : EN_BREAK;
  re.lastIndex = 0;
  let from = 0;
  const push = (start: number, end: number) => {
    const raw = text.slice(start, end);
    const lead = LEADING.exec(raw)?.[0].length ?? 0;
    const trimmedEnd = raw.trimEnd().length;
    if (trimmedEnd - lead >= 2) spans.push({ start: start + lead, end: start + trimmedEnd });
  };
  for (let m = re.exec(text); m; m = re.exec(text)) {
    push(from, m.index);
    from = m.index + m[0].length;
    if (m[0].length === 0) re.lastIndex++;
  }
  push(from, text.length);
  return spans;
}
