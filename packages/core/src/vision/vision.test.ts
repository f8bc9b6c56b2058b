import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  analyzeImage,
  checkImageRef,
  colourFindings,
  compatibleColour,
  cropQuad,
  ctcGreedyDecode,
  dbTextRegions,
  deltaE2000,
  differenceHash,
  dominantColours,
  hexToLab,
  hexToRgb,
  IMAGE_LIMITS,
  imageFacts,
  imageHashBlocks,
  imageHashDistance,
  imageHashFromHex,
  imageHashToHex,
  labToHex,
  lintImageText,
  measureExposure,
  measureFocus,
  nameColour,
  perceptualHash,
  joinLineBoxes,
  readingOrder,
  restoreWordSpaces,
  rgbToLab,
  spanBox,
  type TRaster,
} from "../index.js";

// Synthetic images drawn in code: every expected value follows from how the picture was drawn.

function canvas(width: number, height: number, hex = "#ffffff"): TRaster {
  const [r, g, b] = hexToRgb(hex);
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) data.set([r, g, b], i * 3);
  return { width, height, channels: 3, data };
}

function fillRect(img: TRaster, x0: number, y0: number, w: number, h: number, hex: string): TRaster {
  const [r, g, b] = hexToRgb(hex);
  for (let y = y0; y < y0 + h; y++)
    for (let x = x0; x < x0 + w; x++) img.data.set([r, g, b], (y * img.width + x) * img.channels);
  return img;
}

/** Deterministic texture: a product with detail (stripes and dots) for focus and hash tests. */
function textured(width: number, height: number, seed = 7): TRaster {
  const img = canvas(width, height, "#f0f0f0");
  let s = seed;
  const rnd = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
  for (let k = 0; k < 60; k++) {
    const w = 4 + Math.floor(rnd() * width * 0.2);
    const h = 4 + Math.floor(rnd() * height * 0.2);
    const x = Math.floor(rnd() * (width - w));
    const y = Math.floor(rnd() * (height - h));
    const v = Math.floor(rnd() * 200);
    fillRect(img, x, y, w, h, `#${[v, 255 - v, (v * 3) % 256].map((c) => c.toString(16).padStart(2, "0")).join("")}`);
  }
  return img;
}

function boxBlur(img: TRaster, radius: number): TRaster {
  const out = new Uint8Array(img.data.length);
  const { width: w, height: h, channels: c } = img;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      for (let k = 0; k < 3; k++) {
        let sum = 0;
        let n = 0;
        for (let dy = -radius; dy <= radius; dy++)
          for (let dx = -radius; dx <= radius; dx++) {
            const xx = Math.min(w - 1, Math.max(0, x + dx));
            const yy = Math.min(h - 1, Math.max(0, y + dy));
            sum += img.data[(yy * w + xx) * c + k]!;
            n++;
          }
        out[(y * w + x) * c + k] = Math.round(sum / n);
      }
  return { ...img, data: out };
}

/** Nearest-neighbour resize (a crude re-scaling a duplicate may have gone through). */
function resize(img: TRaster, w: number, h: number): TRaster {
  const out = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const sx = Math.floor((x * img.width) / w);
      const sy = Math.floor((y * img.height) / h);
      out.set(img.data.subarray((sy * img.width + sx) * 3, (sy * img.width + sx) * 3 + 3), (y * w + x) * 3);
    }
  return { width: w, height: h, channels: 3, data: out };
}

describe("colour space", () => {
  it("converts sRGB to CIELAB (D65) and back", () => {
    const white = rgbToLab(255, 255, 255);
    expect(white.L).toBeCloseTo(100, 3);
    expect(Math.abs(white.a)).toBeLessThan(0.01);
    const red = rgbToLab(255, 0, 0);
    expect(red.L).toBeCloseTo(53.24, 1);
    expect(red.a).toBeCloseTo(80.09, 1);
    expect(red.b).toBeCloseTo(67.2, 1);
    for (const hex of ["#000000", "#ff8800", "#123456", "#c0c0c0", "#fefefe"])
      expect(labToHex(hexToLab(hex))).toBe(hex);
  });

  it("computes CIEDE2000 as Sharma, Wu and Dalal's test data say", () => {
    // Pairs 1, 7 and 17 of the published test set.
    expect(deltaE2000({ L: 50, a: 2.6772, b: -79.7751 }, { L: 50, a: 0, b: -82.7485 })).toBeCloseTo(2.0425, 4);
    expect(deltaE2000({ L: 50, a: 0, b: 0 }, { L: 50, a: -1, b: 2 })).toBeCloseTo(2.3669, 4);
    expect(deltaE2000({ L: 50, a: 2.5, b: 0 }, { L: 73, a: 25, b: -18 })).toBeCloseTo(27.1492, 4);
  });
});

describe("colour names", () => {
  it.each([
    ["#0a0a0a", "black"],
    ["#fbfbf9", "white"],
    ["#bfc1c2", "silver"],
    ["#7a7a7a", "grey"],
    ["#1a2350", "navy"],
    ["#2a62c9", "blue"],
    ["#c8102e", "red"],
    ["#f4a7bb", "pink"],
    ["#2e7d32", "green"],
    ["#eadfc8", "beige"],
    ["#cba135", "gold"],
    ["#7b3fa0", "purple"],
    ["#b9a77f", "khaki"],
    ["#6b4226", "brown"],
    ["#ffe000", "yellow"],
    ["#f57f17", "orange"],
  ])("%s is %s", (hex, id) => {
    expect(nameColour(hexToLab(hex)).id).toBe(id);
  });

  it("names in zh and en from the attribute vocabulary", () => {
    const n = nameColour(hexToLab("#0a0a0a"));
    expect([n.en, n.zh]).toEqual(["black", "黑色"]);
  });

  it("treats neighbouring names as consistent and far ones as not", () => {
    const measured = (hex: string) => {
      const lab = hexToLab(hex);
      return { id: nameColour(lab).id, lab };
    };
    expect(compatibleColour(measured("#3a3a3a"), "black")).toBe(true);
    expect(compatibleColour(measured("#c0c0c0"), "silver")).toBe(true);
    expect(compatibleColour(measured("#c0c0c0"), "black")).toBe(false);
    expect(compatibleColour(measured("#c8102e"), "blue")).toBe(false);
  });
});

describe("dominant colours", () => {
  it("finds the product's colour and tells the background apart", () => {
    const img = fillRect(canvas(400, 400), 100, 80, 200, 240, "#151515");
    const colours = dominantColours(img);
    const bg = colours.find((c) => c.background);
    const fg = colours.filter((c) => !c.background);
    expect(bg?.name).toBe("white");
    expect(bg!.share).toBeCloseTo(1 - (200 * 240) / (400 * 400), 1);
    expect(fg[0]?.name).toBe("black");
    expect(fg[0]?.nameZh).toBe("黑色");
    expect(fg[0]!.foregroundShare).toBeGreaterThan(0.95);
  });

  it("reports shares that add up, and is deterministic", () => {
    const img = fillRect(
      fillRect(canvas(300, 300, "#e0e0e0"), 50, 50, 120, 200, "#1e5bc6"),
      170,
      50,
      80,
      200,
      "#d0021b",
    );
    const a = dominantColours(img);
    expect(a).toEqual(dominantColours(img));
    expect(a.reduce((s, c) => s + c.share, 0)).toBeCloseTo(1, 1);
    expect(a.filter((c) => !c.background).map((c) => c.name)).toEqual(["blue", "red"]);
  });
});

describe("colour against the attribute and the copy", () => {
  const silverWatch = () => fillRect(canvas(400, 400), 120, 60, 160, 280, "#c4c6c8");
  const blackWatch = () => fillRect(canvas(400, 400), 120, 60, 160, 280, "#161616");

  it("reports a black watch shown in silver, with the image and the attribute as evidence", () => {
    const findings = colourFindings({
      colours: dominantColours(silverWatch()),
      attributes: { 颜色: "黑色" },
      copy: [{ field: "TITLE", text: "男士石英手表" }],
      locale: "zh",
      imageId: "img-1",
      primary: true,
    });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: "image.colour.attribute", category: "IMAGE", severity: "MEDIUM" });
    expect(findings[0]!.message).toContain("银色");
    expect(findings[0]!.message).toContain("黑色");
    expect(findings[0]!.evidence).toEqual([
      expect.objectContaining({ source: "image", imageId: "img-1" }),
      { source: "attribute", name: "颜色", value: "黑色" },
    ]);
  });

  it("accepts the colour the product is sold in, and any of several", () => {
    const common = { copy: [], locale: "en" as const, primary: true };
    expect(
      colourFindings({ ...common, colours: dominantColours(blackWatch()), attributes: { colour: "Black" } }),
    ).toEqual([]);
    expect(
      colourFindings({
        ...common,
        colours: dominantColours(silverWatch()),
        attributes: { 颜色分类: ["黑色", "银色"] },
      }),
    ).toEqual([]);
    // No colour attribute and no colour in the copy: nothing to compare.
    expect(
      colourFindings({ ...common, colours: dominantColours(silverWatch()), attributes: { 材质: "不锈钢" } }),
    ).toEqual([]);
  });

  it("reports copy that names another colour than the image shows; a part's colour does not count", () => {
    const colours = dominantColours(blackWatch());
    const copy = (text: string) =>
      colourFindings({ colours, attributes: {}, copy: [{ field: "TITLE", text }], locale: "en", primary: false });
    const found = copy("Red leather watch for women");
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ rule: "image.colour.copy", severity: "LOW", match: "Red" });
    expect(copy("Black watch for women")).toEqual([]);
  });
});

describe("focus and exposure", () => {
  it("separates a sharp image from the same image blurred", () => {
    const sharp = textured(600, 600);
    const blurred = boxBlur(sharp, 4);
    const a = measureFocus(sharp);
    const b = measureFocus(blurred);
    expect(a.laplacianVariance).toBeGreaterThan(IMAGE_LIMITS.blurBelow);
    expect(b.laplacianVariance).toBeLessThan(IMAGE_LIMITS.blurBelow);
    expect(a.texturedTiles).toBeGreaterThan(0);
  });

  it("calls a dark photo under-exposed, a washed-out one over-exposed, and a packshot on white fine", () => {
    expect(measureExposure(fillRect(canvas(200, 200, "#141414"), 20, 20, 50, 50, "#3c3c3c")).verdict).toBe("under");
    expect(measureExposure(fillRect(canvas(200, 200, "#fcfcfc"), 20, 20, 50, 50, "#e6e6e6")).verdict).toBe("over");
    const packshot = measureExposure(fillRect(canvas(200, 200), 50, 30, 100, 140, "#101010"));
    expect(packshot.verdict).toBe("ok");
    expect(packshot.clippedHighlights).toBeGreaterThan(0.5);
  });
});

describe("perceptual hashes", () => {
  it("keeps a rescaled copy within the duplicate distance and a different picture far", () => {
    const a = textured(640, 480, 1);
    const small = resize(a, 320, 240);
    const other = textured(640, 480, 2);
    for (const hash of [perceptualHash, differenceHash]) {
      expect(imageHashDistance(hash(a), hash(small))).toBeLessThanOrEqual(4);
      expect(imageHashDistance(hash(a), hash(other))).toBeGreaterThan(12);
    }
  });

  it("round-trips through hex", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 2 ** 32 - 1 }), (hi, lo) => {
        const hex = imageHashToHex({ hi, lo });
        expect(hex).toMatch(/^[0-9a-f]{16}$/);
        expect(imageHashFromHex(hex)).toEqual({ hi, lo });
      }),
    );
    expect(() => imageHashFromHex("xyz")).toThrow(/16 hex digits/);
  });

  it("block keys: hashes within the duplicate distance always share a block", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 63 }), { maxLength: 6 }),
        (hi, lo, flips) => {
          let h = (BigInt(hi) << 32n) | BigInt(lo);
          for (const b of flips) h ^= 1n << BigInt(b);
          const a = imageHashToHex({ hi, lo });
          const b = h.toString(16).padStart(16, "0");
          const shared = imageHashBlocks(a).filter((k) => imageHashBlocks(b).includes(k));
          expect(shared.length).toBeGreaterThan(0);
        },
      ),
    );
  });
});

describe("OCR post-processing", () => {
  it("decodes CTC output: collapses repeats, drops blanks, keeps doubled letters split by a blank", () => {
    const charset = ["a", "b", "l", "o"];
    const classes = charset.length + 1;
    // Steps: b b _ a l _ l o o _  → "ball"… with "o": "ballo"
    const seq = [2, 2, 0, 1, 3, 0, 3, 4, 4, 0];
    const probs = new Float32Array(seq.length * classes);
    seq.forEach((c, t) => {
      for (let k = 0; k < classes; k++) probs[t * classes + k] = k === c ? 0.9 : 0.1 / (classes - 1);
    });
    const r = ctcGreedyDecode({ probs, steps: seq.length, classes, charset });
    expect(r.text).toBe("ballo");
    expect(r.confidence).toBeCloseTo(0.9, 5);
    expect(r.positions).toHaveLength(5);
    expect(r.positions[0]).toBeCloseTo(0.1, 5);
    expect([...r.positions].sort((x, y) => x - y)).toEqual(r.positions);
    expect(() => ctcGreedyDecode({ probs, steps: seq.length, classes, charset: ["a"] })).toThrow(/charset/);
  });

  it("turns a probability map into grown text boxes and drops faint regions", () => {
    const w = 200;
    const h = 100;
    const prob = new Float32Array(w * h);
    const paint = (x0: number, y0: number, bw: number, bh: number, p: number) => {
      for (let y = y0; y < y0 + bh; y++) for (let x = x0; x < x0 + bw; x++) prob[y * w + x] = p;
    };
    paint(20, 20, 100, 10, 0.95);
    paint(140, 60, 40, 12, 0.45); // above the pixel threshold, below the box threshold
    const regions = dbTextRegions(prob, w, h);
    expect(regions).toHaveLength(1);
    const [tl, tr, br, bl] = regions[0]!.quad;
    // Unclip: d = 100·10·1.5 / (2·110) ≈ 6.8 px on every side.
    expect(tl![0]).toBeCloseTo(20 - 6.82, 0);
    expect(tl![1]).toBeCloseTo(20 - 6.82, 0);
    expect(br![0]).toBeCloseTo(120 + 6.82, 0);
    expect(br![1]).toBeCloseTo(30 + 6.82, 0);
    expect(tr![1]).toBeCloseTo(tl![1], 3);
    expect(bl![0]).toBeCloseTo(tl![0], 3);
    expect(regions[0]!.score).toBeCloseTo(0.95, 2);
  });

  it("finds the rotated rectangle of slanted text", () => {
    const w = 200;
    const h = 200;
    const prob = new Float32Array(w * h);
    const angle = (20 * Math.PI) / 180;
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        const dx = x + 0.5 - 100;
        const dy = y + 0.5 - 100;
        const u = dx * Math.cos(angle) + dy * Math.sin(angle);
        const v = -dx * Math.sin(angle) + dy * Math.cos(angle);
        if (Math.abs(u) <= 60 && Math.abs(v) <= 8) prob[y * w + x] = 0.9;
      }
    const [region] = dbTextRegions(prob, w, h, { unclipRatio: 0 });
    const [tl, tr] = region!.quad;
    const slope = (Math.atan2(tr![1] - tl![1], tr![0] - tl![0]) * 180) / Math.PI;
    expect(slope).toBeCloseTo(20, 0);
    expect(Math.hypot(tr![0] - tl![0], tr![1] - tl![1])).toBeCloseTo(120, -1);
  });

  it("puts boxes in reading order: lines top to bottom, words left to right", () => {
    const items = [
      { id: "c", box: [300, 12, 80, 30] as [number, number, number, number] },
      { id: "d", box: [10, 80, 90, 30] as [number, number, number, number] },
      { id: "a", box: [10, 10, 120, 34] as [number, number, number, number] },
      { id: "b", box: [150, 14, 100, 28] as [number, number, number, number] },
    ];
    expect(readingOrder(items).map((i) => i.id)).toEqual(["a", "b", "c", "d"]);
  });

  it("cuts a box out upright, and turns tall (vertical) text a quarter", () => {
    const img = fillRect(canvas(100, 100), 20, 30, 40, 10, "#ff0000");
    const crop = cropQuad(img, [
      [20, 30],
      [60, 30],
      [60, 40],
      [20, 40],
    ]);
    expect([crop.width, crop.height]).toEqual([40, 10]);
    expect([...crop.data.subarray(0, 3)]).toEqual([255, 0, 0]);
    const tall = cropQuad(img, [
      [10, 10],
      [20, 10],
      [20, 50],
      [10, 50],
    ]);
    expect([tall.width, tall.height]).toEqual([40, 10]);
  });
});

describe("text in images through the linter", () => {
  const lines = [
    { text: "天然草本精华", box: [40, 20, 240, 40] as [number, number, number, number], confidence: 0.98 },
    {
      text: "祛痘100%有效",
      box: [40, 80, 320, 40] as [number, number, number, number],
      confidence: 0.97,
      charPositions: [0.05, 0.15, 0.25, 0.35, 0.45, 0.55, 0.65, 0.75, 0.9],
    },
  ];

  it("reports an absolute claim printed on the box, on the box of its words", () => {
    const r = lintImageText({ lines, locale: "zh-CN", imageId: "img-9" });
    expect(r.text).toBe("天然草本精华\n祛痘100%有效");
    const absolute = r.findings.find((f) => f.category === "ABSOLUTE");
    expect(absolute).toBeDefined();
    expect(absolute!.match).toContain("100%有效");
    const [x, y, w, h] = absolute!.box!;
    // Inside the second line, starting after 祛痘.
    expect(y).toBe(80);
    expect(h).toBe(40);
    expect(x).toBeGreaterThan(40 + 0.2 * 320 - 1);
    expect(x + w).toBeLessThanOrEqual(40 + 320);
    expect(absolute!.evidence[0]).toMatchObject({ source: "image", imageId: "img-9" });
  });

  it("lints bilingual packaging with both languages' packs, whatever the product's language", () => {
    const r = lintImageText({
      lines: [
        { text: "100%有效", box: [0, 0, 120, 30], confidence: 0.99 },
        { text: "Best Price Guaranteed", box: [0, 40, 300, 30], confidence: 0.99 },
        { text: "Made in China", box: [0, 80, 200, 30], confidence: 0.99 },
      ],
      locale: "zh-CN",
    });
    const matches = r.findings.filter((f) => f.category !== "UNSUPPORTED").map((f) => f.match);
    expect(matches.some((m) => m?.includes("100%有效"))).toBe(true);
    const best = r.findings.find((f) => /guaranteed/i.test(f.match ?? ""));
    expect(best?.box).toEqual([0, 40, 300, 30]);
    const keys = r.findings.map((f) => `${f.rule}@${f.box?.join(",")}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("ignores lines read with low confidence", () => {
    const r = lintImageText({ lines: [{ ...lines[1]!, confidence: 0.3 }] });
    expect(r.findings).toEqual([]);
    expect(r.text).toBe("");
  });

  it("maps spans to boxes in proportion when the recogniser gave no positions", () => {
    expect(spanBox({ text: "abcd", box: [0, 0, 100, 10], confidence: 1 }, 1, 3)).toEqual([25, 0, 50, 10]);
    expect(spanBox({ text: "abcd", box: [0, 0, 100, 10], confidence: 1 }, 0, 4)).toEqual([0, 0, 100, 10]);
  });
});

describe("analyzeImage", () => {
  it("puts the checks together: size, colour against the attribute, text on the image, facts for grounding", () => {
    const img = fillRect(canvas(420, 300), 140, 40, 140, 220, "#c4c6c8");
    const a = analyzeImage({
      image: img,
      text: [{ text: "全网最低价", box: [10, 10, 100, 20], confidence: 0.95 }],
      product: { attributes: { 颜色: "黑色" }, copy: [{ field: "TITLE", text: "黑色男士手表" }], locale: "zh-CN" },
      imageId: "img-2",
      primary: true,
    });
    expect([a.width, a.height]).toEqual([420, 300]);
    expect(a.phash).toMatch(/^[0-9a-f]{16}$/);
    const rules = a.findings.map((f) => f.rule);
    expect(rules).toContain("image.resolution.small");
    expect(rules).toContain("image.colour.attribute");
    expect(a.findings.find((f) => f.category === "ABSOLUTE")?.box).toBeDefined();
    const facts = imageFacts(a, "img-2");
    expect(facts.colours[0]).toMatchObject({ id: "silver", nameZh: "银色" });
    expect(facts.text).toEqual([{ text: "全网最低价", confidence: 0.95 }]);
    expect(facts.evidence.every((e) => e.source === "image" && e.imageId === "img-2")).toBe(true);
  });

  it("refuses a pixel buffer that does not match its size", () => {
    expect(() => analyzeImage({ image: { width: 10, height: 10, channels: 3, data: new Uint8Array(10) } })).toThrow(
      /pixel buffer/,
    );
  });
});

describe("recognised lines: word spaces and split lines", () => {
  // A crop whose ink columns are given: 1 = ink. Each character 8 px wide; gaps as drawn.
  function inkFor(pattern: string) {
    const columns = Uint8Array.from([...pattern].map((c) => (c === "#" ? 1 : 0)));
    return { columns, inkHeight: 20 };
  }
  const centres = (pattern: string) => {
    const out: number[] = [];
    const re = /#+/g;
    for (let m = re.exec(pattern); m; m = re.exec(pattern)) out.push((m.index + m[0].length / 2) / pattern.length);
    return out;
  };

  it("puts back a space where the gap between two Latin letters is wide for the text's size", () => {
    // "Best" "Price": letter gaps of 2 px, a word gap of 9 px (≥ 0.25 × 20 and ≥ 2 × the median).
    const pattern = "######..######..######..######.........######..######..######..######..######";
    const r = restoreWordSpaces({ text: "BestPrice", positions: centres(pattern), ink: inkFor(pattern) });
    expect(r.text).toBe("Best Price");
    expect(r.positions).toHaveLength(10);
  });

  it("leaves letter gaps alone, and never puts spaces into Chinese", () => {
    const even = "######...######...######...######";
    expect(restoreWordSpaces({ text: "Tea!", positions: centres(even), ink: inkFor(even) }).text).toBe("Tea!");
    const wide = "######..........######..........######";
    expect(restoreWordSpaces({ text: "纯棉布", positions: centres(wide), ink: inkFor(wide) }).text).toBe("纯棉布");
  });

  it("joins boxes of one line and keeps a character both boxes read once", () => {
    const joined = joinLineBoxes([
      { text: "Made", box: [84, 353, 90, 38], confidence: 0.99, charPositions: [0.1, 0.31, 0.59, 0.8] },
      {
        text: "e in China",
        box: [157, 353, 191, 38],
        confidence: 0.97,
        charPositions: [0.016, 0.11, 0.21, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9],
      },
      { text: "100% Cotton", box: [86, 414, 222, 36], confidence: 0.99 },
    ]);
    expect(joined.map((l) => l.text)).toEqual(["Made in China", "100% Cotton"]);
    expect(joined[0]!.box).toEqual([84, 353, 264, 38]);
    expect(joined[0]!.charPositions).toHaveLength([..."Made in China"].length);
  });
});

describe("image references", () => {
  it("accepts public URLs, uploads and (when enabled) relative paths inside the image folder", () => {
    expect(checkImageRef("https://img.example.com/a.jpg")).toMatchObject({
      ok: true,
      ref: { kind: "url", host: "img.example.com" },
    });
    const sha = "a".repeat(64);
    expect(checkImageRef(`upload:${sha}.png`)).toEqual({
      ok: true,
      ref: { kind: "upload", sha256: sha, file: `${sha}.png` },
    });
    expect(checkImageRef("demo/images/x.jpg", { localPaths: true })).toEqual({
      ok: true,
      ref: { kind: "path", path: "demo/images/x.jpg" },
    });
    expect(checkImageRef("./a/../b.png", { localPaths: true })).toEqual({
      ok: true,
      ref: { kind: "path", path: "b.png" },
    });
  });

  it("refuses private hosts unless allowed, other schemes, and paths that leave the folder", () => {
    for (const [ref, reason] of [
      ["http://127.0.0.1/a.png", /not a public address/],
      ["http://169.254.169.254/latest/meta-data", /not a public address/],
      ["http://[::1]/a.png", /not a public address/],
      ["http://localhost/a.png", /not a public host/],
      ["https://user:pw@img.example.com/a.png", /credentials/],
      ["file:///etc/passwd", /not file:/],
      ["data:image/png;base64,AAAA", /not data:/],
      ["/etc/passwd", /stay inside/],
      ["../secret.png", /stay inside/],
      ["a/../../secret.png", /stay inside/],
      ["C:\\Windows\\win.ini", /stay inside/],
      ["", /empty/],
    ] as const)
      expect(checkImageRef(ref, { localPaths: true }), ref).toMatchObject({
        ok: false,
        reason: expect.stringMatching(reason),
      });
    expect(checkImageRef("images/a.png")).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/IMAGE_LOCAL_DIR/),
    });
    expect(checkImageRef("http://127.0.0.1:8080/a.png", { allowedHosts: ["127.0.0.1"] })).toMatchObject({ ok: true });
  });
});
