#!/usr/bin/env node
// Throughput of the text embedder (`embed()`, onnxruntime-node) against a bare onnxruntime-node
// InferenceSession on the same model file and the same batches, measured in the same run:
//   embed()      — end to end: hashedFeatureIds, sort by length, packing, id tensors, session runs,
//                  copying each text's vector out. Its session is created and warmed up untimed.
//   bare ORT     — a second InferenceSession (same file, same session options) fed the same runs:
//     + features — timed: hashedFeatureIds (the same function), sort, the same packing, int64
//                  tensors built the plain way (BigInt per id), session.run. What a caller writing
//                  the loop by hand would pay; the goal (>= 0.8x) is against this side.
//     run only   — timed: session.run alone; features and tensors are built before the clock starts.
//                  The ceiling no embedder can reach (it must compute features); printed for scale.
//   ORT defaults — run only again, on a session created with onnxruntime's default options (an
//                  intra-op thread pool as wide as the machine), to show what the embedder's
//                  one-thread sessions buy on a machine whose cores are busy with other work.
// Plus the pure-JS references of earlier versions of this bench: hashedFeatureIds alone, and a
// plain-JS embedding bag over the same (dequantised) weights, with the largest difference between
// ONNX and JS vectors as a check that both compute the same thing.
// Each run alternates the order of embed() and the bare session; medians over --runs.
// The model is the registry default unless --model names another.
//
//   pnpm turbo run build --filter @truecopy/ml...
//   node bench/embed/embed.bench.mjs [--texts 4000] [--runs 5] [--batch N] [--model NAME]
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { median } from "../lib/stats.mjs";

const mlDir = join(dirname(new URL(import.meta.url).pathname), "../../packages/ml");
// Packages are resolved through their exports maps from the ml package (as a consumer would).
const requireFromMl = createRequire(join(mlDir, "package.json"));
const importPkg = async (name) => import(pathToFileURL(requireFromMl.resolve(name)).href);
const ml = await importPkg("@truecopy/ml");
const core = await importPkg("@truecopy/core");
const ort = await importPkg("onnxruntime-node");
const { decodeHashgramModel } = await import(pathToFileURL(join(mlDir, "scripts/lib/onnx-model.mjs")).href);
const { embedBag } = await import(pathToFileURL(join(mlDir, "scripts/lib/embedding-bag.mjs")).href);

if (process.argv.includes("--help")) {
  console.log("node bench/embed/embed.bench.mjs [--texts 4000] [--runs 5] [--batch N] [--model NAME]");
  console.log(`  --model  a text-embedding model of the registry (default: ${ml.DEFAULT_TEXT_EMBEDDING_MODEL})`);
  process.exit(0);
}
const option = (flag) => {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const numberOption = (flag, dflt) => {
  const raw = option(flag);
  if (raw === undefined) return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} needs a positive integer, got ${raw}`);
  return n;
};
const count = numberOption("--texts", 4000);
const runs = numberOption("--runs", 5);
const batchOption = numberOption("--batch", undefined);
const modelName = option("--model") ?? ml.DEFAULT_TEXT_EMBEDDING_MODEL;
const spec = ml.getModelSpec(modelName);
if (spec.kind !== "text-embedding") throw new Error(`${modelName} is a ${spec.kind} model, not a text embedding`);

// The embedder's run packing (packages/ml/src/onnx-runs.ts), repeated here so the bare session
// gets exactly the same batches: texts sorted by id count, at most `batch` texts and
// `MAX_IDS_PER_RUN` padded ids per run. The defaults are the embedder's.
const BATCH = batchOption ?? 16;
const MAX_IDS_PER_RUN = 32768;
// embed() is called per chunk of this many texts, as the worker calls it per job batch.
const CHUNK = 1024;

// Synthetic product copy (zh and en, 1–6 sentences), generated deterministically.
const EN = [
  "wireless",
  "earbuds",
  "noise",
  "cancelling",
  "battery",
  "hours",
  "waterproof",
  "cotton",
  "dress",
  "summer",
  "stainless",
  "steel",
  "kettle",
  "1.7L",
  "fast",
  "charging",
  "5000mAh",
  "power",
  "bank",
  "leather",
  "wallet",
  "slim",
];
const ZH = [
  "无线蓝牙耳机",
  "主动降噪",
  "续航30小时",
  "纯棉短袖",
  "夏季新款",
  "不锈钢电热水壶",
  "快速烧水",
  "大容量充电宝",
  "真皮钱包",
  "轻薄便携",
  "智能手表",
  "心率监测",
  "防水设计",
  "显瘦百搭",
];
let seed = 42;
const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const texts = Array.from({ length: count }, (_, i) => {
  const sentences = 1 + Math.floor(rand() * 6);
  const parts = [];
  for (let s = 0; s < sentences; s++) {
    parts.push(
      i % 2 === 0
        ? Array.from({ length: 6 + Math.floor(rand() * 10) }, () => pick(EN)).join(" ") + "."
        : Array.from({ length: 3 + Math.floor(rand() * 5) }, () => pick(ZH)).join("，") + "。",
    );
  }
  return parts.join(" ");
});
const chunks = [];
for (let i = 0; i < texts.length; i += CHUNK) chunks.push(texts.slice(i, i + CHUNK));

const featuresOf = (text) => core.hashedFeatureIds(text, { buckets: spec.buckets, maxFeatures: spec.maxFeatures });

/** The embedder's packing of one chunk: runs of text indices with their padded width. */
function packChunk(ids) {
  const order = ids.map((_, i) => i).sort((a, b) => ids[a].length - ids[b].length);
  const out = [];
  let start = 0;
  while (start < order.length) {
    let end = start;
    let width = 1;
    while (end < order.length && end - start < BATCH) {
      const w = Math.max(width, ids[order[end]].length);
      if (end > start && (end - start + 1) * w > MAX_IDS_PER_RUN) break;
      width = w;
      end++;
    }
    out.push({ indices: order.slice(start, end), width });
    start = end;
  }
  return out;
}

/** An int64 [texts, width] tensor padded with the padding id, built the plain way. */
function plainTensor(ids, run) {
  const data = new BigInt64Array(run.indices.length * run.width).fill(BigInt(spec.buckets));
  run.indices.forEach((textIndex, row) => {
    const list = ids[textIndex];
    for (let j = 0; j < list.length; j++) data[row * run.width + j] = BigInt(list[j]);
  });
  return new ort.Tensor("int64", data, [run.indices.length, run.width]);
}

const modelBytes = readFileSync(ml.modelFileUrl(spec));
const embedder = ml.createTextEmbedder(modelName, batchOption === undefined ? {} : { batchSize: batchOption });
// The same session options as the embedder's session cache (SESSION_OPTIONS in packages/ml/src/onnx-runs.ts).
const bare = await ort.InferenceSession.create(modelBytes, {
  executionProviders: ["cpu"],
  graphOptimizationLevel: "all",
  intraOpNumThreads: 1,
});
const bareDefaults = await ort.InferenceSession.create(modelBytes);
// Session creation and warm-up are not timed, on either side.
await embedder.embed(texts.slice(0, 256));
{
  const ids = texts.slice(0, 256).map(featuresOf);
  for (const run of packChunk(ids)) {
    await bare.run({ ids: plainTensor(ids, run) });
    await bareDefaults.run({ ids: plainTensor(ids, run) });
  }
}

const viaEmbed = async () => {
  const out = [];
  for (const chunk of chunks) out.push(...(await embedder.embed(chunk)));
  return out;
};
const viaBare = async () => {
  const out = new Array(texts.length);
  let offset = 0;
  for (const chunk of chunks) {
    const ids = chunk.map(featuresOf);
    for (const run of packChunk(ids)) {
      const { embedding } = await bare.run({ ids: plainTensor(ids, run) });
      run.indices.forEach((i, row) => (out[offset + i] = embedding.data.slice(row * spec.dim, (row + 1) * spec.dim)));
    }
    offset += chunk.length;
  }
  return out;
};
// Everything but session.run is prepared here, outside the clock.
const prepared = chunks.map((chunk) => {
  const ids = chunk.map(featuresOf);
  return packChunk(ids).map((run) => ({ tensor: plainTensor(ids, run), rows: run.indices.length }));
});
const runOnly = (session) => async () => {
  let rows = 0;
  for (const runsOfChunk of prepared) {
    for (const run of runsOfChunk) {
      const { embedding } = await session.run({ ids: run.tensor });
      rows += embedding.dims[0];
    }
  }
  return rows;
};

async function timed(fn) {
  const started = performance.now();
  const out = await fn();
  return { out, textsPerSecond: count / ((performance.now() - started) / 1000) };
}

const log = (m) => process.stderr.write(`${m}\n`);
const rates = { embed: [], bare: [], runOnly: [], defaults: [], features: [] };
let embedOut;
let bareOut;
for (let r = 0; r < runs; r++) {
  const order = r % 2 === 0 ? ["embed", "bare", "runOnly", "defaults"] : ["defaults", "runOnly", "bare", "embed"];
  for (const side of order) {
    if (side === "embed") {
      const m = await timed(viaEmbed);
      embedOut = m.out;
      rates.embed.push(m.textsPerSecond);
    } else if (side === "bare") {
      const m = await timed(viaBare);
      bareOut = m.out;
      rates.bare.push(m.textsPerSecond);
    } else {
      const m = await timed(runOnly(side === "runOnly" ? bare : bareDefaults));
      if (m.out !== count) throw new Error(`run-only side produced ${m.out} rows for ${count} texts`);
      rates[side].push(m.textsPerSecond);
    }
  }
  rates.features.push((await timed(async () => texts.map(featuresOf))).textsPerSecond);
  log(
    `run ${r + 1}/${runs}: embed() ${rates.embed.at(-1).toFixed(0)}/s, bare ${rates.bare.at(-1).toFixed(0)}/s, run only ${rates.runOnly.at(-1).toFixed(0)}/s, ORT defaults ${rates.defaults.at(-1).toFixed(0)}/s`,
  );
}
await ml.releaseEmbeddingSessions();
await bare.release();
await bareDefaults.release();

const maxDifference = (a, b) => {
  let d = 0;
  a.forEach((v, i) => {
    for (let j = 0; j < v.length; j++) d = Math.max(d, Math.abs(v[j] - b[i][j]));
  });
  return d;
};
// Same model, same batches: the two ONNX paths must agree (float32 rounding at most).
const embedVsBare = maxDifference(embedOut, bareOut);
if (!(embedVsBare < 1e-5)) {
  console.error(`embed() and the bare session disagree: max |difference| ${embedVsBare}`);
  process.exit(1);
}

// The plain-JS bag reads the hashgram weights; another graph family has no JS reference.
let jsBag = null;
try {
  const weights = decodeHashgramModel(modelBytes);
  const features = texts.map(featuresOf);
  const m = await timed(async () => features.map((ids) => embedBag(ids, weights)));
  // The bag reused the feature pass: charge it that time too, so it does the same work as embed().
  const total = 1 / (1 / m.textsPerSecond + 1 / median(rates.features));
  jsBag = { textsPerSecond: total, maxDifference: maxDifference(embedOut, m.out) };
} catch (error) {
  log(`js embedding bag skipped: ${error instanceof Error ? error.message : String(error)}`);
}

const f = (x) => x.toFixed(0).padStart(8);
const e = median(rates.embed);
const b = median(rates.bare);
const o = median(rates.runOnly);
const avgChars = (texts.reduce((s, t) => s + t.length, 0) / count).toFixed(0);
console.log(
  `embed bench: ${spec.name}@${spec.version} (dim ${spec.dim}), ${count} texts (zh/en, avg ${avgChars} chars), batch ${BATCH}, median of ${runs} runs`,
);
console.log(`  features only (hashedFeatureIds)               ${f(median(rates.features))} texts/s`);
if (jsBag) console.log(`  js embedding bag (features + bag)              ${f(jsBag.textsPerSecond)} texts/s`);
console.log(`  session.run only, ORT default options         ${f(median(rates.defaults))} texts/s`);
console.log(`  bare ORT session.run only (tensors prebuilt)   ${f(o)} texts/s`);
console.log(`  bare ORT, features + tensors + session.run     ${f(b)} texts/s`);
console.log(`  embed() end to end                             ${f(e)} texts/s`);
console.log(
  `  embed()/session.run only: ${(e / o).toFixed(2)}x; max |embed() - bare| ${embedVsBare.toExponential(2)}` +
    (jsBag ? `; max |onnx - js| ${jsBag.maxDifference.toExponential(2)}` : ""),
);
const ratio = e / b;
console.log(
  `embed: ${e.toFixed(0)} texts/s via embed() vs ${b.toFixed(0)} texts/s bare ORT session (same features, same batches) = ${ratio.toFixed(2)}x (goal >= 0.8x${ratio >= 0.8 ? "" : ", MISSED"})`,
);
