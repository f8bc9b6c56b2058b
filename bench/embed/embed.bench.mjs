#!/usr/bin/env node
// Throughput of the text embedder (onnxruntime-node) against two baselines measured in the same
// run on the same texts:
//   features-only — the hashedFeatureIds pass alone (the embedder's unavoidable JS part);
//   js-bag        — a plain-JS embedding bag over the same (dequantised) weights.
// Prints texts/s and the ratios, plus the largest difference between ONNX and JS vectors.
//
//   pnpm --filter @truecopy/core build && pnpm --filter @truecopy/ml build
//   node bench/embed/embed.bench.mjs [--texts 4000] [--batch N (default: the embedder's)]
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

const mlDir = join(dirname(new URL(import.meta.url).pathname), "../../packages/ml");
// Both packages are resolved through their exports maps from the ml package (as a consumer would).
const requireFromMl = createRequire(join(mlDir, "package.json"));
const importPkg = async (name) => import(pathToFileURL(requireFromMl.resolve(name)).href);
const ml = await importPkg("@truecopy/ml");
const core = await importPkg("@truecopy/core");
const { decodeHashgramModel } = await import(pathToFileURL(join(mlDir, "scripts/lib/onnx-model.mjs")).href);
const { embedBag } = await import(pathToFileURL(join(mlDir, "scripts/lib/embedding-bag.mjs")).href);

const arg = (flag, dflt) => {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const count = arg("--texts", 4000);
const batch = arg("--batch", undefined);

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

const spec = ml.getModelSpec("hashgram-v1");
const weights = decodeHashgramModel(readFileSync(ml.modelFileUrl(spec)));
const embedder = ml.createTextEmbedder("hashgram-v1", batch === undefined ? {} : { batchSize: batch });
await embedder.embed(texts.slice(0, 64)); // session creation and warm-up are not timed

async function measure(fn) {
  const started = performance.now();
  const out = await fn();
  return { out, textsPerSecond: count / ((performance.now() - started) / 1000) };
}

const features = await measure(async () =>
  texts.map((t) => core.hashedFeatureIds(t, { buckets: spec.buckets, maxFeatures: spec.maxFeatures })),
);
const jsBag = await measure(async () => features.out.map((ids) => embedBag(ids, weights)));
// The JS bag reused the feature pass: charge it that time too so both sides do the same work.
const jsBagTotal = 1 / (1 / jsBag.textsPerSecond + 1 / features.textsPerSecond);
const onnx = await measure(async () => {
  const out = [];
  for (let i = 0; i < texts.length; i += 1024) out.push(...(await embedder.embed(texts.slice(i, i + 1024))));
  return out;
});
await ml.releaseEmbeddingSessions();

let maxDiff = 0;
onnx.out.forEach((v, i) => {
  for (let j = 0; j < v.length; j++) maxDiff = Math.max(maxDiff, Math.abs(v[j] - jsBag.out[i][j]));
});

const f = (x) => x.toFixed(0).padStart(8);
console.log(
  `embed bench: ${count} texts (zh/en, avg ${(texts.reduce((s, t) => s + t.length, 0) / count).toFixed(0)} chars), batch ${batch ?? "default"}`,
);
console.log(`  features only (hashedFeatureIds)   ${f(features.textsPerSecond)} texts/s`);
console.log(`  js embedding bag (features + bag)  ${f(jsBagTotal)} texts/s`);
console.log(`  onnx embed() (features + onnx)     ${f(onnx.textsPerSecond)} texts/s`);
console.log(
  `  ratio embed()/js-bag: ${(onnx.textsPerSecond / jsBagTotal).toFixed(2)}x; embed()/features-only: ${(onnx.textsPerSecond / features.textsPerSecond).toFixed(2)}x`,
);
console.log(`  max |onnx - js| over all vector components: ${maxDiff.toExponential(2)}`);
