#!/usr/bin/env node
// Evaluation of the copy generator on the evaluation part of the shared AdvertiseGen sample (the 1
// in 5 attribute strings train-generator.mjs never reads): each row's attribute string becomes a
// CLI-contract input {id, locale: "zh", field: "DESCRIPTION", attributes}, the generated text is
// compared with the row's human reference.
//
// - BLEU-4 on characters and ROUGE-1/2/L on jieba words, as ChatGLM-6B's P-Tuning v2 figures were
//   computed (lib/generation-metrics.mjs); also against all references of the same input;
// - coverage: share of the input's attribute values the text states verbatim;
// - contradictions: outputs that name a value of the data set's vocabulary (all 806 rows) the input
//   does not give — for a key the input has (another colour, another collar), or a colour or
//   material when the input gives none; and every mention of a vocabulary value not in the input;
// - the gate: offered vs blocked, and why;
// - copying: outputs sharing a 16-character passage with any mining reference.
//
//   pnpm --filter @truecopy/core build && node packages/ml/scripts/eval-generator.mjs
//     [--cli]            through `truecopy generate --in` (the stable contract; needs the CLI built)
//     [--style vivid|concise|technical] [--examples N] [--json]
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { attributeMap, loadAdvertiseGen } from "./lib/advertisegen.mjs";
import { charBleu4, jiebaWords, rouge } from "./lib/generation-metrics.mjs";
import { containsValue } from "./lib/generator-mining.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "../../..");
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const style = opt("--style", "vivid");
const examples = Number(opt("--examples", 0));

const { rows } = loadAdvertiseGen();
const evaluation = rows.filter((r) => r.evaluation);
const mining = rows.filter((r) => !r.evaluation);
const inputs = evaluation.map((r) => ({
  id: String(r.index),
  locale: "zh",
  field: "DESCRIPTION",
  style,
  attributes: attributeMap(r.attributes),
}));

const started = performance.now();
const outputs = args.includes("--cli") ? viaCli(inputs) : await viaCore(inputs);
const msPerOutput = (performance.now() - started) / inputs.length;

async function viaCore(lines) {
  const coreFile = join(root, "packages/core/dist/index.js");
  if (!existsSync(coreFile)) {
    console.error(`missing ${coreFile}: build first (pnpm --filter @truecopy/core build)`);
    process.exit(1);
  }
  const { generateCopy } = await import(coreFile);
  return lines.map((l) => {
    const c = generateCopy(l);
    return { id: l.id, text: c.text, claims: c.claims, blocked: c.gate.status === "blocked", reasons: c.gate.reasons };
  });
}

function viaCli(lines) {
  const cli = join(root, "apps/cli/dist/main.js");
  if (!existsSync(cli)) {
    console.error(`missing ${cli}: build first (pnpm turbo run build --filter @truecopy/cli...)`);
    process.exit(1);
  }
  const dir = mkdtempSync(join(tmpdir(), "eval-generator-"));
  try {
    const file = join(dir, "in.jsonl");
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join("\n"));
    const out = execFileSync(process.execPath, [cli, "generate", "--in", file], {
      encoding: "utf8",
      maxBuffer: 1 << 28,
    });
    return out
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l))
      .map((o) => ({ ...o, blocked: o.status === "blocked", reasons: o.findings }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// The data set's vocabulary (every row: the judge may know values the generator never saw).
const keysOfValue = new Map();
for (const r of rows)
  for (const { key, value } of r.attributes) {
    if (!keysOfValue.has(value)) keysOfValue.set(value, new Set());
    keysOfValue.get(value).add(key);
  }
const vocabulary = [...keysOfValue.keys()].filter((v) => [...v].length > 1).sort((a, b) => b.length - a.length);
const ALWAYS_FACTS = new Set(["颜色", "材质"]);

function mentions(text) {
  // Longest values first; a shorter value inside a mentioned longer one is not a mention of its own.
  const taken = new Uint8Array(text.length);
  const found = [];
  for (const v of vocabulary) {
    if (!containsValue(text, v)) continue;
    for (let i = text.indexOf(v); i >= 0; i = text.indexOf(v, i + 1)) {
      let free = true;
      for (let k = i; k < i + v.length; k++) if (taken[k]) free = false;
      if (!free) continue;
      taken.fill(1, i, i + v.length);
      found.push(v);
    }
  }
  return [...new Set(found)];
}

const passages = new Set();
const PASSAGE = 16;
for (const r of mining)
  for (let i = 0; i + PASSAGE <= r.summary.length; i++) passages.add(r.summary.slice(i, i + PASSAGE));

const sums = { bleu: 0, r1: 0, r2: 0, rl: 0, multiBleu: 0, multiRl: 0, chars: 0 };
let covered = 0;
let values = 0;
let contradicting = 0;
let unsupportedMentions = 0;
let blocked = 0;
let copying = 0;
const reasons = {};
const contradictionExamples = [];
const refsOf = new Map();
for (const r of evaluation) refsOf.set(r.content, [...(refsOf.get(r.content) ?? []), r.summary]);

evaluation.forEach((r, i) => {
  const o = outputs[i];
  const text = o.text;
  sums.bleu += charBleu4(text, r.summary);
  const rg = rouge(jiebaWords(text), jiebaWords(r.summary));
  sums.r1 += rg["rouge-1"];
  sums.r2 += rg["rouge-2"];
  sums.rl += rg["rouge-l"];
  const refs = refsOf.get(r.content);
  sums.multiBleu += charBleu4(text, refs);
  sums.multiRl += Math.max(...refs.map((ref) => rouge(jiebaWords(text), jiebaWords(ref))["rouge-l"]));
  sums.chars += [...text].length;
  for (const a of r.attributes) {
    values++;
    if (text.includes(a.value)) covered++;
  }
  const given = new Set(r.attributes.map((a) => a.value));
  const givenKeys = new Set(r.attributes.map((a) => a.key));
  let contradicts = false;
  for (const m of mentions(text)) {
    if (given.has(m) || r.attributes.some((a) => a.value.includes(m))) continue;
    unsupportedMentions++;
    const keys = [...keysOfValue.get(m)];
    if (keys.some((k) => givenKeys.has(k) || ALWAYS_FACTS.has(k))) {
      contradicts = true;
      if (contradictionExamples.length < 10) contradictionExamples.push({ content: r.content, mention: m, text });
    }
  }
  if (contradicts) contradicting++;
  if (o.blocked) {
    blocked++;
    for (const x of o.reasons ?? []) reasons[x.code ?? x.rule] = (reasons[x.code ?? x.rule] ?? 0) + 1;
  }
  for (let k = 0; k + PASSAGE <= text.length; k++)
    if (passages.has(text.slice(k, k + PASSAGE))) {
      copying++;
      break;
    }
});

const n = evaluation.length;
const f2 = (x) => x.toFixed(2);
const result = {
  rows: n,
  inputs: refsOf.size,
  style,
  "bleu-4": +f2(sums.bleu / n),
  "rouge-1": +f2(sums.r1 / n),
  "rouge-2": +f2(sums.r2 / n),
  "rouge-l": +f2(sums.rl / n),
  "bleu-4 (all refs)": +f2(sums.multiBleu / n),
  "rouge-l (best ref)": +f2(sums.multiRl / n),
  coverage: +(covered / values).toFixed(3),
  contradicting,
  unsupportedValueMentions: unsupportedMentions,
  blocked,
  blockedReasons: reasons,
  copying16: copying,
  meanChars: +(sums.chars / n).toFixed(1),
  msPerOutput: +msPerOutput.toFixed(2),
};
if (args.includes("--json")) console.log(JSON.stringify(result, null, 2));
else {
  console.log(
    `generator on AdvertiseGen evaluation rows (${n} rows, ${refsOf.size} inputs, style ${style}, ${args.includes("--cli") ? "via CLI" : "via core"})`,
  );
  console.log(`  BLEU-4 (chars)   ${f2(sums.bleu / n)}    anchor ChatGLM-6B P-Tuning v2: 7.97`);
  console.log(`  ROUGE-1 (jieba)  ${f2(sums.r1 / n)}`);
  console.log(`  ROUGE-2 (jieba)  ${f2(sums.r2 / n)}`);
  console.log(`  ROUGE-L (jieba)  ${f2(sums.rl / n)}    anchor: 25.0`);
  console.log(
    `  with all references of the input: BLEU-4 ${f2(sums.multiBleu / n)}, ROUGE-L (best) ${f2(sums.multiRl / n)}`,
  );
  console.log(`  coverage of input values ${result.coverage}  (goal >= 0.9)`);
  console.log(
    `  outputs contradicting the input ${contradicting}  (goal 0); vocabulary values not in the input ${unsupportedMentions}`,
  );
  console.log(`  gate: ${n - blocked} offered, ${blocked} blocked ${JSON.stringify(reasons)}`);
  console.log(`  outputs sharing a ${PASSAGE}-character passage with a mining reference: ${copying}`);
  console.log(`  mean length ${result.meanChars} characters, ${result.msPerOutput} ms per output`);
  for (const e of contradictionExamples) console.log(`  contradiction: ${e.mention} | ${e.content} | ${e.text}`);
  for (const [i, r] of evaluation.slice(0, examples).entries())
    console.log(`\n${r.content}\n  reference: ${r.summary}\n  generated: ${outputs[i].text}`);
}
