import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeImage, type TBox } from "@truecopy/core";
import {
  ACCEPTED,
  characterAccuracy,
  renderVisionSamples,
  visionSamples,
  type TRenderedSample,
  type TVisionSample,
} from "../scripts/lib/vision-render.mjs";
import { decodeImage } from "./image-decoder.js";
import { createOcr, releaseOcrSessions } from "./ocr.js";
import type { TOcrLine } from "@truecopy/core";

// OCR and colour naming on images rendered here by Chromium with known text (zh and en, five
// fonts, sizes 16–56 px, some slanted, some saved as JPEG) and known colours. The thresholds are
// the (character accuracy ≥ 0.95); the evaluation script reports the full figures.

type TRead = { sample: TRenderedSample; lines: TOcrLine[]; decoded: Awaited<ReturnType<typeof decodeImage>> };
let reads: TRead[] = [];

const claimSample = (over: Partial<TVisionSample>): TVisionSample => ({
  id: "claim",
  colourId: "black",
  hex: "#151515",
  font: "Noto Sans CJK SC",
  size: 40,
  lines: ["天然草本精华", "祛痘100%有效"],
  lang: "zh",
  background: "#ffffff",
  label: true,
  rotate: 0,
  jpeg: false,
  ...over,
});

beforeAll(async () => {
  const samples = [
    ...visionSamples(30, 7),
    claimSample({}),
    claimSample({
      id: "claim-en",
      lines: ["Organic Green Tea", "Best Price Guaranteed"],
      lang: "en",
      font: "DejaVu Sans",
    }),
  ];
  const rendered = await renderVisionSamples(samples);
  const ocr = createOcr();
  reads = [];
  for (const sample of rendered) {
    const decoded = await decodeImage(sample.png);
    const { lines } = await ocr.recognize(decoded.raster, { scale: decoded.scale });
    reads.push({ sample, lines, decoded });
  }
}, 300_000);
afterAll(releaseOcrSessions);

const overlaps = (a: TBox, b: TBox) =>
  Math.min(a[0] + a[2], b[0] + b[2]) > Math.max(a[0], b[0]) &&
  Math.min(a[1] + a[3], b[1] + b[3]) > Math.max(a[1], b[1]);

describe("OCR on rendered product images", () => {
  it("reads zh and en text with a character accuracy of at least 0.95", () => {
    const pairs = reads.map((r) => ({ truth: r.sample.lines.join("\n"), read: r.lines.map((l) => l.text).join("\n") }));
    const accuracy = characterAccuracy(pairs);
    expect(accuracy).toBeGreaterThanOrEqual(0.95);
    // Word spaces the recogniser drops are put back from the gaps in the image.
    expect(characterAccuracy(pairs, { spaces: true })).toBeGreaterThanOrEqual(0.9);
    for (const lang of ["zh", "en"] as const) {
      const subset = pairs.filter((_, i) => reads[i]!.sample.lang === lang);
      expect(subset.length).toBeGreaterThan(0);
      expect(characterAccuracy(subset), lang).toBeGreaterThanOrEqual(0.95);
    }
  });

  it("puts each line's box over the line as rendered", () => {
    let checked = 0;
    for (const r of reads) {
      if (r.sample.rotate) continue;
      r.sample.lines.forEach((truth, i) => {
        const read = r.lines.find((l) => l.text.replace(/\s+/g, "") === truth.replace(/\s+/g, ""));
        if (!read) return;
        expect(overlaps(read.box, r.sample.lineBoxes[i]!), `${r.sample.id} "${truth}"`).toBe(true);
        checked++;
      });
    }
    expect(checked).toBeGreaterThan(30);
  });

  it("names the product's colour (the shade's own name or a neighbouring one) in most images", () => {
    const named = reads.map((r) => {
      const a = analyzeImage({ image: r.decoded.raster, size: r.decoded });
      const main = a.colors.filter((c) => !c.background).sort((x, y) => y.foregroundShare - x.foregroundShare)[0];
      return [r.sample.colourId, ...(ACCEPTED[r.sample.colourId] ?? [])].includes(main?.name ?? "");
    });
    expect(named.filter(Boolean).length / named.length).toBeGreaterThanOrEqual(0.85);
  });

  it("lints the printed text: an absolute claim becomes a finding on the image, boxed over the claim", () => {
    for (const id of ["claim", "claim-en"]) {
      const r = reads.find((x) => x.sample.id === id)!;
      const a = analyzeImage({
        image: r.decoded.raster,
        size: r.decoded,
        text: r.lines,
        product: { attributes: {}, copy: [], locale: r.sample.lang === "zh" ? "zh-CN" : "en-US" },
        imageId: id,
      });
      const wording = a.findings.filter((f) => f.category !== "IMAGE");
      const claim = wording.find((f) => f.category === "ABSOLUTE" || f.category === "GUARANTEE");
      expect(claim, `${id}: ${JSON.stringify(a.findings)}`).toBeDefined();
      expect(overlaps(claim!.box!, r.sample.lineBoxes[1]!), `${id} ${claim!.rule}`).toBe(true);
      // Every finding on the text is boxed over the rendered line its words are on.
      const squash = (t: string) => t.replace(/\s+/g, "").toLowerCase();
      for (const f of wording) {
        const line = r.sample.lines.findIndex((l) => squash(l).includes(squash(f.match!)));
        expect(line, `${id} ${f.rule} "${f.match}"`).toBeGreaterThanOrEqual(0);
        expect(overlaps(f.box!, r.sample.lineBoxes[line]!), `${id} ${f.rule}`).toBe(true);
        expect(f.evidence[0]).toMatchObject({ source: "image", imageId: id });
      }
    }
  });

  it("reports a black product whose colour attribute says white, and not one that says black", () => {
    const r = reads.find((x) => x.sample.id === "claim")!;
    const withColour = (colour: string) =>
      analyzeImage({
        image: r.decoded.raster,
        size: r.decoded,
        text: r.lines,
        product: { attributes: { 颜色: colour }, copy: [], locale: "zh-CN" },
      }).findings.filter((f) => f.rule === "image.colour.attribute");
    expect(withColour("白色")).toHaveLength(1);
    expect(withColour("黑色")).toEqual([]);
  });
});
