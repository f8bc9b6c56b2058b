#!/usr/bin/env node
// Throughput of the image checks on one core, next to decoding alone on the same images:
//   pipeline — what the worker does per image once it has the bytes: decode (sharp, at most 2048 px),
//              OCR (PaddleOCR v4 detection + recognition on onnxruntime-node, one intra-op thread),
//              analyzeImage (focus, exposure, hashes, dominant colours, colour against the
//              attribute, the linter on the recognised text);
//   checks   — the same without OCR (decode + analyzeImage), to show where the time goes;
//   baseline — decode only (sharp to raw RGB).
// Images: product-like pictures rendered by Chromium (packages/ml/scripts/lib/vision-render.mjs),
// 720×600, 1–3 lines of zh/en text, PNG and JPEG. sharp and onnxruntime are limited to one thread
// so the figures are per core. Runs alternate the order of the measurements; medians; the last
// line is the figure.
//
//   pnpm --filter @truecopy/core build && pnpm --filter @truecopy/ml build
//   node bench/vision/vision.bench.mjs [--images 24] [--runs 3]
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { median } from "../lib/stats.mjs";

const root = join(dirname(new URL(import.meta.url).pathname), "../..");
const mlDir = join(root, "packages/ml");
if (process.argv.includes("--help")) {
  console.log("node bench/vision/vision.bench.mjs [--images 24] [--runs 3]");
  process.exit(0);
}
const requireFromMl = createRequire(join(mlDir, "package.json"));
const importPkg = async (name) => {
  try {
    return await import(pathToFileURL(requireFromMl.resolve(name)).href);
  } catch (e) {
    console.error(
      `${name} is not built (${e.message}): pnpm --filter @truecopy/core build && pnpm --filter @truecopy/ml build`,
    );
    process.exit(1);
  }
};
const ml = await importPkg("@truecopy/ml");
const core = await importPkg("@truecopy/core");
const sharp = requireFromMl("sharp");
const { renderVisionSamples, visionSamples } = await import(
  pathToFileURL(join(mlDir, "scripts/lib/vision-render.mjs")).href
);

const arg = (flag, dflt) => {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const count = arg("--images", 24);
const runs = arg("--runs", 3);
sharp.concurrency(1);

console.error(`vision bench: rendering ${count} images…`);
const images = (await renderVisionSamples(visionSamples(count, 11))).map((s) => ({
  bytes: s.png,
  lines: s.lines,
  colour: s.colourId,
}));
const ocr = ml.createOcr({ threads: 1 });
const ZH = Object.fromEntries(core.COLOUR_NAMES.map((n) => [n.id, n.zh]));

async function decodeAll() {
  let pixels = 0;
  for (const img of images) pixels += (await ml.decodeImage(img.bytes, { maxSide: 2048 })).raster.data.length;
  return pixels;
}

async function checksAll(withOcr) {
  let findings = 0;
  let chars = 0;
  for (const img of images) {
    const d = await ml.decodeImage(img.bytes, { maxSide: 2048 });
    const text = withOcr ? (await ocr.recognize(d.raster, { scale: d.scale })).lines : [];
    const a = core.analyzeImage({
      image: d.raster,
      size: d,
      text,
      product: { attributes: { 颜色: ZH[img.colour] }, copy: [], locale: "zh-CN" },
    });
    findings += a.findings.length;
    chars += a.recognizedText.length;
  }
  return { findings, chars };
}

// Warm-up: sessions loaded, code paths compiled; and a check that the work is real.
await decodeAll();
const warm = await checksAll(true);
const truthChars = images.reduce((n, i) => n + i.lines.join("\n").length, 0);
if (warm.chars < 0.9 * truthChars) {
  console.error(`vision bench: OCR read ${warm.chars} of ${truthChars} characters; something is wrong`);
  process.exit(1);
}

const time = async (fn) => {
  const t = performance.now();
  await fn();
  return (performance.now() - t) / 1000;
};
const results = { pipeline: [], checks: [], decode: [] };
for (let r = 0; r < runs; r++) {
  const order = r % 2 ? ["decode", "checks", "pipeline"] : ["pipeline", "checks", "decode"];
  for (const which of order) {
    const s = await time(which === "decode" ? decodeAll : () => checksAll(which === "pipeline"));
    results[which].push(images.length / s);
    console.error(`  run ${r + 1} ${which}: ${(images.length / s).toFixed(1)} images/s`);
  }
}
const pipeline = median(results.pipeline);
const checks = median(results.checks);
const decode = median(results.decode);
console.log(`images: ${images.length} (720×600, rendered), one core, medians of ${runs} runs`);
console.log(`checks without OCR: ${checks.toFixed(1)} images/s (${(checks / decode).toFixed(2)}x of decode only)`);
console.log(
  `vision: ${pipeline.toFixed(2)} images/s per core via decode + OCR + checks vs ${decode.toFixed(1)} images/s decode only = ${(pipeline / decode).toFixed(3)}x`,
);
await ml.releaseOcrSessions();
