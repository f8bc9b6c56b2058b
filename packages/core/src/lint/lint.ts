import { detectLanguage } from "../text/language.js";
import { brandPackFindings } from "./brand-pack.js";
import { groundingFindings } from "./grounding/index.js";
import { createLintContext, overlaps } from "./lint-context.js";
import { compiledPackFor } from "./rule-packs.js";
import { runPack } from "./rule-engine.js";
import { paraphraseFindings, SUPERLATIVE_MODEL } from "./superlative-classifier.js";
import { QUALITY_PACK, QUALITY_PACK_VERSION, qualityFindings } from "./quality-checks.js";
import type { TLintFinding, TLintInput, TLintLocale, TLintResult, TSeverity, TVerdict } from "./types.js";

const SEVERITY_RANK: Record<TSeverity, number> = { INFO: 0, LOW: 1, MEDIUM: 2, HIGH: 3, CRITICAL: 4 };

/** zh*, en* from the input; otherwise the text's script decides (Latin and anything else → en). */
export function resolveLintLocale(locale: string | undefined, text: string): TLintLocale {
  const l = locale?.trim().toLowerCase();
  if (l?.startsWith("zh")) return "zh";
  if (l?.startsWith("en")) return "en";
  const detected = detectLanguage(text);
  if (detected === "zh") return "zh";
  if (detected === "mixed")
    return (text.match(/\p{Script=Han}/gu)?.length ?? 0) * 2 >= countLatinWords(text) * 3 ? "zh" : "en";
  return "en";
}

const countLatinWords = (text: string): number => text.match(/[A-Za-z]+/g)?.length ?? 0;

/** block if any HIGH or CRITICAL finding, review if any LOW or MEDIUM, else pass; INFO never counts. */
export function verdictOf(findings: readonly Pick<TLintFinding, "severity">[]): TVerdict {
  let worst = 0;
  for (const f of findings) worst = Math.max(worst, SEVERITY_RANK[f.severity]);
  return worst >= SEVERITY_RANK.HIGH ? "block" : worst >= SEVERITY_RANK.LOW ? "review" : "pass";
}

const isWording = (f: TLintFinding) => f.category !== "UNSUPPORTED" && f.category !== "QUALITY";

const nested = (a: TLintFinding, b: TLintFinding) =>
  (a.start <= b.start && b.end <= a.end) || (b.start <= a.start && a.end <= b.end);

/**
 * One finding per span and category: of nested findings of one category the most severe (then the
 * longest) stays; partly overlapping ones both stay, so neither part of the text loses its mark.
 * Prohibited wording wins over an UNSUPPORTED claim on the same span (the wording is the more
 * specific problem). Different categories on one span all stay.
 */
export function mergeFindings(findings: TLintFinding[]): TLintFinding[] {
  // Only findings in one cluster of overlapping spans can clash: sweep them into clusters (a 1 MB
  // text has tens of thousands of findings, almost all alone) and rank within each.
  const byStart = [...findings].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: TLintFinding[] = [];
  let cluster: TLintFinding[] = [];
  let clusterEnd = -1;
  for (const f of byStart) {
    if (cluster.length && f.start >= clusterEnd) {
      out.push(...mergeCluster(cluster));
      cluster = [];
    }
    cluster.push(f);
    clusterEnd = cluster.length === 1 ? f.end : Math.max(clusterEnd, f.end);
  }
  out.push(...mergeCluster(cluster));
  return out.sort((a, b) => a.start - b.start || a.end - b.end || a.rule.localeCompare(b.rule));
}

function mergeCluster(cluster: TLintFinding[]): TLintFinding[] {
  if (cluster.length < 2) return cluster;
  const ranked = [...cluster].sort(
    (a, b) =>
      SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const kept: TLintFinding[] = [];
  for (const f of ranked) {
    const clash = kept.some(
      (k) =>
        overlaps(k, f) &&
        ((k.category === f.category && (nested(k, f) || f.category === "UNSUPPORTED")) ||
          (f.category === "UNSUPPORTED" && isWording(k) && k.severity !== "INFO")),
    );
    if (!clash) kept.push(f);
  }
  // A wording finding that arrived after an UNSUPPORTED one on the same span still wins.
  return kept.filter(
    (f) => f.category !== "UNSUPPORTED" || !kept.some((k) => isWording(k) && k.severity !== "INFO" && overlaps(k, f)),
  );
}

/**
 * Lints one text: the locale's rule pack, the paraphrase model, quality checks, the merchant's
 * brand pack and grounding against the attributes. Pure and synchronous.
 */
export function lint(input: TLintInput): TLintResult {
  const locale = resolveLintLocale(input.locale, input.text);
  const ctx = createLintContext({ text: input.text, locale, attributes: input.attributes });
  const pack = compiledPackFor(locale);
  const findings: TLintFinding[] = runPack(pack, ctx);
  findings.push(...paraphraseFindings(ctx, findings), ...qualityFindings(ctx));
  const packs = [
    `${pack.pack.id}@${pack.pack.version}`,
    `${SUPERLATIVE_MODEL.name}@${SUPERLATIVE_MODEL.version}`,
    `${QUALITY_PACK}@${QUALITY_PACK_VERSION}`,
  ];
  if (input.brandPack) {
    findings.push(...brandPackFindings(input.brandPack, ctx, input.field));
    packs.push(`brand@${input.brandPack.version ?? "0"}`);
  }
  const grounding = groundingFindings(input, locale);
  findings.push(...grounding.findings);
  const merged = mergeFindings(findings);
  return { verdict: verdictOf(merged), locale, findings: merged, claims: grounding.claims, packs };
}
