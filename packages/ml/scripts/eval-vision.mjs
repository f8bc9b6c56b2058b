#!/usr/bin/env node
// Evaluates the vision pipeline as production runs it (built @truecopy/ml decoding and OCR, built
// @truecopy/core checks) on product-like images rendered by Chromium with known text and known
// colours (lib/vision-render.mjs):
//   - OCR character accuracy (1 − CER) over all lines, without whitespace and with word spaces,
//     by language, font and text size; share of lines read exactly;
//   - colour naming: the main foreground colour named as the product's colour (strictly, and with
//     the neighbouring names a shade may fairly get);
//   - colour consistency: the colour attribute set to the true colour (false alarms) and to a
//     clearly different colour (detections);
//   - the linter on the recognised text: rendered claims (100%有效, 全网最低价, Best Price
//     Guaranteed, Clinically Proven) found as findings on the image;
//   - blur: each image and the same image blurred (Gaussian σ = 2 px): share flagged blurry.
//
//   pnpm --filter @truecopy/core build && pnpm --filter @truecopy/ml build
//   node packages/ml/scripts/eval-vision.mjs [--images 160] [--seed 1] [--json] [--errors]
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { loadBuiltMl } from "./lib/built-ml.mjs";
import { ACCEPTED, characterAccuracy, renderVisionSamples, visionSamples } from "./lib/vision-render.mjs";

const ml = await loadBuiltMl();
const sharp = createRequire(import.meta.url)("sharp");
const core = await import(pathToFileURL(createRequire(import.meta.url).resolve("@truecopy/core")).href);

const args = process.argv.slice(2);
const arg = (flag, dflt) => {
  const i = args.indexOf(flag);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const count = arg("--images", 160);
const seed = arg("--seed", 1);
const json = args.includes("--json");
const showErrors = args.includes("--errors");

// A colour no photograph of the true colour could plausibly measure as.
const BLUR_SIGMA = 2;
const FAR = {
  black: "red",
  white: "black",
  silver: "red",
  grey: "yellow",
  navy: "orange",
  blue: "red",
  red: "green",
  pink: "green",
  green: "red",
  beige: "black",
  gold: "blue",
  purple: "green",
  khaki: "blue",
  brown: "blue",
  yellow: "purple",
  orange: "blue",
};
const ZH_COLOUR = Object.fromEntries(core.COLOUR_NAMES.map((n) => [n.id, n.zh]));
// Rendered lines the linter must flag (they are prohibited wording in their language).
const CLAIMS = ["100%有效", "全网最低价", "Best Price Guaranteed", "Clinically Proven"];

const log = (m) => process.stderr.write(`${m}\n`);
log(`rendering ${count} images with Chromium…`);
const t0 = performance.now();
const rendered = await renderVisionSamples(visionSamples(count, seed));
log(`rendered in ${Math.round(performance.now() - t0)} ms; reading them…`);

const ocr = ml.createOcr();
const results = [];
let ocrMs = 0;
for (const s of rendered) {
  const decoded = await ml.decodeImage(s.png);
  const t = performance.now();
  const { lines } = await ocr.recognize(decoded.raster, { scale: decoded.scale });
  ocrMs += performance.now() - t;
  const analyse = (attributes) =>
    core.analyzeImage({
      image: decoded.raster,
      size: decoded,
      text: lines,
      product: { attributes, copy: [], locale: s.lang === "en" ? "en-US" : "zh-CN" },
      primary: true,
    });
  const truthAttr = analyse({ 颜色: ZH_COLOUR[s.colourId] });
  const farAttr = analyse({ 颜色: ZH_COLOUR[FAR[s.colourId]] });
  const main = truthAttr.colors.filter((c) => !c.background).sort((a, b) => b.foregroundShare - a.foregroundShare)[0];
  // The same picture out of focus (Gaussian σ = 2 px at its own size).
  const blurred = await ml.decodeImage(await sharp(s.png).blur(BLUR_SIGMA).png().toBuffer());
  const blurFlag = (a) => a.findings.some((f) => f.rule === "image.blur");
  results.push({
    ...s,
    png: undefined,
    read: lines.map((l) => l.text),
    confidence: lines.map((l) => l.confidence),
    named: main?.name ?? null,
    falseAlarm: truthAttr.findings.some((f) => f.rule === "image.colour.attribute"),
    detected: farAttr.findings.some((f) => f.rule === "image.colour.attribute"),
    sharpness: truthAttr.blur,
    blurFalseAlarm: blurFlag(truthAttr),
    blurDetected: blurFlag(core.analyzeImage({ image: blurred.raster })),
    textFindings: truthAttr.findings.filter((f) => f.category !== "IMAGE").map((f) => `${f.rule}:${f.match}`),
  });
}

const pairs = (rs) => rs.map((r) => ({ truth: r.lines.join("\n"), read: r.read.join("\n") }));
const group = (key) => {
  const out = {};
  for (const r of results) (out[r[key]] ??= []).push(r);
  return Object.fromEntries(Object.entries(out).map(([k, rs]) => [k, round(characterAccuracy(pairs(rs)))]));
};
const round = (x) => Math.round(x * 1000) / 1000;
const linesTotal = results.reduce((n, r) => n + r.lines.length, 0);
const linesExact = results.reduce(
  (n, r) => n + r.lines.filter((l) => r.read.some((x) => x.replace(/\s+/g, "") === l.replace(/\s+/g, ""))).length,
  0,
);
const strict = results.filter((r) => r.named === r.colourId).length;
const lenient = results.filter((r) => r.named === r.colourId || (ACCEPTED[r.colourId] ?? []).includes(r.named)).length;
const claimImages = results.filter((r) => r.lines.some((l) => CLAIMS.includes(l)));
const claimsFound = claimImages.filter((r) => r.textFindings.length > 0).length;

const report = {
  images: results.length,
  lines: linesTotal,
  ocr: {
    characterAccuracy: round(characterAccuracy(pairs(results))),
    characterAccuracyWithSpaces: round(characterAccuracy(pairs(results), { spaces: true })),
    linesReadExactly: round(linesExact / linesTotal),
    byLanguage: group("lang"),
    slanted: round(characterAccuracy(pairs(results.filter((r) => r.rotate)))),
    jpeg: round(characterAccuracy(pairs(results.filter((r) => r.jpeg)))),
    byFont: group("font"),
    bySize: group("size"),
    msPerImage: Math.round(ocrMs / results.length),
  },
  colour: {
    namingAccuracy: round(strict / results.length),
    namingAccuracyLenient: round(lenient / results.length),
    contradictionFalseAlarms: round(results.filter((r) => r.falseAlarm).length / results.length),
    contradictionDetected: round(results.filter((r) => r.detected).length / results.length),
  },
  lint: { imagesWithClaims: claimImages.length, flagged: claimsFound },
  blur: {
    sigma: BLUR_SIGMA,
    detected: round(results.filter((r) => r.blurDetected).length / results.length),
    falseAlarms: round(results.filter((r) => r.blurFalseAlarm).length / results.length),
    minSharpScore: Math.min(...results.map((r) => r.sharpness)),
  },
};

if (json) console.log(JSON.stringify(report, null, 2));
else {
  const o = report.ocr;
  console.log(`vision evaluation: ${report.images} rendered images, ${report.lines} text lines (seed ${seed})`);
  console.log(
    `OCR character accuracy ${o.characterAccuracy} (with word spaces ${o.characterAccuracyWithSpaces}); lines read exactly ${o.linesReadExactly}; ${o.msPerImage} ms/image`,
  );
  console.log(`  by language ${JSON.stringify(o.byLanguage)}; slanted text ${o.slanted}; JPEG q70 ${o.jpeg}`);
  console.log(`  by size     ${JSON.stringify(o.bySize)}`);
  console.log(`  by font     ${JSON.stringify(o.byFont)}`);
  const c = report.colour;
  console.log(
    `colour naming accuracy ${c.namingAccuracy} (with neighbouring names ${c.namingAccuracyLenient}); attribute contradictions: ${c.contradictionDetected} detected, ${c.contradictionFalseAlarms} false alarms`,
  );
  console.log(`text claims on images flagged by the linter: ${report.lint.flagged}/${report.lint.imagesWithClaims}`);
  const b = report.blur;
  console.log(
    `blur: ${b.detected} of the images blurred with σ=${b.sigma} px flagged, ${b.falseAlarms} of the sharp ones (lowest sharp score ${b.minSharpScore})`,
  );
}
if (showErrors) {
  for (const r of results) {
    const truth = r.lines.join(" | ");
    const read = r.read.join(" | ");
    if (truth.replace(/\s+/g, "") !== read.replace(/\s+/g, ""))
      log(
        `OCR ${r.id} [${r.font} ${r.size}px${r.rotate ? ` ${r.rotate}°` : ""}${r.jpeg ? " jpeg" : ""}]: "${truth}" → "${read}"`,
      );
    if (r.named !== r.colourId) log(`colour ${r.id}: ${r.colourId} ${r.hex} named ${r.named}`);
    if (r.falseAlarm) log(`false alarm ${r.id}: ${r.colourId} ${r.hex}`);
    if (!r.detected) log(`missed ${r.id}: ${r.colourId} ${r.hex} vs attribute ${FAR[r.colourId]}`);
    if (r.blurFalseAlarm || !r.blurDetected)
      log(`blur ${r.id}: sharp score ${r.sharpness}, blurred flagged ${r.blurDetected}`);
  }
}
await ml.releaseOcrSessions();
