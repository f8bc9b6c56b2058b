// Splits a text into runs by the spans that cover them, so findings can be highlighted as elements
// around plain text (React escapes the text; no markup is ever built from it). Offsets are UTF-16
// code units, as the API gives them. Overlapping spans split the text at every boundary; each run
// lists the spans over it, innermost (shortest) first.

export type TSpan = { id: string; start: number; end: number };
export type TRun<S extends TSpan> = { start: number; end: number; text: string; spans: S[] };

export function highlightRuns<S extends TSpan>(text: string, spans: readonly S[]): TRun<S>[] {
  const valid = spans.filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.start < s.end);
  const cuts = new Set<number>([0, text.length]);
  for (const span of valid) {
    cuts.add(clamp(span.start, text.length));
    cuts.add(clamp(span.end, text.length));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const runs: TRun<S>[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i] ?? 0;
    const end = points[i + 1] ?? start;
    if (end <= start) continue;
    const over = valid
      .filter((s) => s.start <= start && s.end >= end)
      .sort((a, b) => a.end - a.start - (b.end - b.start));
    const previous = runs.at(-1);
    // Neighbouring runs under the same spans stay one run.
    if (previous !== undefined && sameSpans(previous.spans, over)) {
      previous.end = end;
      previous.text = text.slice(previous.start, end);
    } else {
      runs.push({ start, end, text: text.slice(start, end), spans: over });
    }
  }
  return runs;
}

function clamp(value: number, max: number): number {
  return Math.min(max, Math.max(0, value));
}

function sameSpans(a: readonly TSpan[], b: readonly TSpan[]): boolean {
  return a.length === b.length && a.every((span, index) => span.id === b[index]?.id);
}
