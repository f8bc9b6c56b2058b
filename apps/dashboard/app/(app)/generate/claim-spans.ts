// Cuts a generated text into plain runs and claim runs (UTF-16 offsets, as the API gives them), so
// each claim can be shown with its source on hover. Claims never overlap in the template
// generator's output; where an LLM's do, the earlier (then longer) one wins.

export type TClaimSpan = { start: number; end: number; source: string; sourceKind: string };
export type TRun = { text: string; claim: TClaimSpan | null };

export function claimRuns(text: string, claims: readonly TClaimSpan[]): TRun[] {
  const sorted = [...claims]
    .filter((c) => c.start >= 0 && c.end <= text.length && c.end > c.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const runs: TRun[] = [];
  let at = 0;
  for (const c of sorted) {
    if (c.start < at) continue;
    if (c.start > at) runs.push({ text: text.slice(at, c.start), claim: null });
    runs.push({ text: text.slice(c.start, c.end), claim: c });
    at = c.end;
  }
  if (at < text.length) runs.push({ text: text.slice(at), claim: null });
  return runs;
}
