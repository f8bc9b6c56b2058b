// Product-like images with known text and known colours, rendered by Debian's headless Chromium
// (playwright-core, fonts from fonts-noto-cjk and DejaVu): the ground truth of the vision
// evaluation and of the rendered-image OCR test. Every sample is a pure function of its index, so
// runs are comparable; nothing here is a data set.
import { chromium } from "playwright-core";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export const FONTS = [
  "Noto Sans CJK SC",
  "Noto Serif CJK SC",
  "Noto Sans Mono CJK SC",
  "DejaVu Sans, Noto Sans CJK SC",
  "DejaVu Serif, Noto Serif CJK SC",
];
export const SIZES = [16, 22, 30, 40, 56];

// Shades by colour id, chosen from common colour references (CSS named colours, pigment and
// brand names) and kept apart from the reference shades the namer uses (colour-names.ts).
export const SWATCHES = {
  black: ["#101820", "#232323", "#0b0c10"],
  white: ["#fdfdfd", "#f8f8ff", "#fffafa"],
  silver: ["#bcc6cc", "#aaa9ad", "#d3d3d3"],
  grey: ["#696969", "#5a5a5a", "#8c8c8c"],
  navy: ["#1c2841", "#002147", "#23297a"],
  blue: ["#4169e1", "#1e90ff", "#0047ab"],
  red: ["#dc143c", "#cc0000", "#e32636"],
  pink: ["#ffb6c1", "#ff1493", "#db7093"],
  green: ["#228b22", "#32cd32", "#006400"],
  beige: ["#f0e6d2", "#e6d8b8", "#d8c8a8"],
  gold: ["#d4a017", "#b5a642", "#c5b358"],
  purple: ["#663399", "#9932cc", "#8a2be2"],
  khaki: ["#b7a58a", "#a39170", "#c8b88a"],
  brown: ["#964b00", "#654321", "#7c4a2d"],
  yellow: ["#ffd700", "#ffef00", "#fada5e"],
  orange: ["#ff8c00", "#ed9121", "#ff7518"],
};

// Names a shade may fairly be given besides its own: light achromatic shades are called silver as
// often as grey (and a shaded white product photographs light grey), a dark navy reads as blue.
export const ACCEPTED = {
  white: ["white", "silver"],
  silver: ["silver", "grey", "white"],
  grey: ["grey", "silver"],
  navy: ["navy", "blue"],
  khaki: ["khaki", "beige", "brown"],
  beige: ["beige", "white", "khaki"],
  gold: ["gold", "yellow", "khaki"],
};

export const ZH_LINES = [
  "纯棉短袖T恤",
  "100%有效",
  "全网最低价",
  "防水等级IP68",
  "买一送一限时特惠",
  "天然草本精华",
  "无线蓝牙耳机",
  "续航长达30小时",
  "新疆长绒棉",
  "食品级硅胶材质",
  "国家专利产品",
  "轻薄透气不闷汗",
  "祛痘效果看得见",
  "快充2小时充满",
  "保质期24个月",
  "净含量500ml",
];
export const EN_LINES = [
  "Made in China",
  "100% Cotton",
  "Waterproof IP68",
  "Best Price Guaranteed",
  "Wireless Earbuds",
  "Limited Time Offer",
  "Battery life 30 hours",
  "Organic Green Tea",
  "Stainless Steel 304",
  "Clinically Proven",
  "Net Wt 16 oz",
  "Dishwasher Safe",
  "Fast Charging 65W",
  "Gluten Free",
  "Extra Strong Hold",
  "Ultra Soft Fabric",
];

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = (r, list) => list[Math.floor(r() * list.length)];

/**
 * `count` samples: a product (a rounded box in a known colour with a soft highlight and shadow) on
 * a white or light-grey background, with 1–3 lines of known text (zh, en or both) printed on a
 * label or straight on the product, in one of FONTS at one of SIZES; a fifth of the texts slanted
 * by up to 6°, a third of the pictures saved as JPEG (quality 70).
 */
export function visionSamples(count, seed = 1) {
  const r = rng(seed);
  const ids = Object.keys(SWATCHES);
  const samples = [];
  for (let i = 0; i < count; i++) {
    const colourId = ids[i % ids.length];
    const hex = SWATCHES[colourId][Math.floor(i / ids.length) % SWATCHES[colourId].length];
    const font = FONTS[i % FONTS.length];
    const size = SIZES[Math.floor(i / FONTS.length) % SIZES.length];
    const nLines = 1 + Math.floor(r() * 3);
    const lang = i % 3 === 0 ? "zh" : i % 3 === 1 ? "en" : "mixed";
    const lines = [];
    while (lines.length < nLines) {
      const l = lang === "zh" || (lang === "mixed" && lines.length % 2 === 0) ? pick(r, ZH_LINES) : pick(r, EN_LINES);
      if (!lines.includes(l)) lines.push(l);
    }
    samples.push({
      id: `v${String(i).padStart(3, "0")}`,
      colourId,
      hex,
      font,
      size,
      lines,
      lang,
      background: r() < 0.7 ? "#ffffff" : "#eeeeee",
      // Text on a white label (dark ink) or straight on the product (ink chosen for contrast).
      label: r() < 0.6,
      // Harder cases: text set at a slant, and the picture saved as a lossy JPEG.
      rotate: r() < 0.2 ? Math.round((r() * 12 - 6) * 10) / 10 : 0,
      jpeg: r() < 0.3,
    });
  }
  return samples;
}

const escapeHtml = (s) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function luminance(hex) {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  return 0.299 * r + 0.587 * g + 0.114 * b;
}

function sceneHtml(s) {
  const ink = s.label ? "#1a1a1a" : luminance(s.hex) > 0.55 ? "#1a1a1a" : "#ffffff";
  const lineHeight = Math.round(s.size * 1.5);
  const textBlock = s.lines.map((l) => `<div>${escapeHtml(l)}</div>`).join("");
  const width = 720;
  const height = 600;
  const textHeight = s.lines.length * lineHeight + 24;
  // The product fills most of the frame; the label sits on its lower half.
  return `<div class="scene" id="${s.id}" style="width:${width}px;height:${height}px;background:${s.background}">
    <div class="product" style="left:40px;top:30px;width:${width - 80}px;height:${height - 70}px;background:
      linear-gradient(160deg, rgba(255,255,255,0.10), rgba(0,0,0,0) 45%, rgba(0,0,0,0.10)), ${s.hex};"></div>
    <div class="text" style="left:70px;top:${height - 70 - textHeight}px;width:${width - 140}px;font-family:'${s.font.split(", ").join("','")}';
      font-size:${s.size}px;line-height:${lineHeight}px;color:${ink};${s.label ? "background:#fbfbfb;" : ""}${s.rotate ? `transform:rotate(${s.rotate}deg);` : ""}">${textBlock}</div>
  </div>`;
}

/** Renders samples with Chromium; `{ ...sample, png }` in input order (`png` holds a JPEG when `sample.jpeg`). */
export async function renderVisionSamples(samples) {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 800, height: 700 }, deviceScaleFactor: 1 });
    const out = [];
    // A few scenes per page keep the DOM small and the screenshots quick.
    for (let i = 0; i < samples.length; i += 8) {
      const chunk = samples.slice(i, i + 8);
      await page.setContent(`<!doctype html><html><head><meta charset="utf-8"><style>
        body { margin: 0; } .scene { position: relative; overflow: hidden; }
        .product { position: absolute; border-radius: 28px; box-shadow: 0 14px 30px rgba(0,0,0,0.18); }
        .text { position: absolute; padding: 12px 16px; box-sizing: border-box; white-space: nowrap; overflow: hidden; border-radius: 6px; }
      </style></head><body>${chunk.map(sceneHtml).join("")}</body></html>`);
      await page.evaluate(() => document.fonts.ready);
      // Text wider than the product is set smaller until it fits: the truth is what is visible.
      // Each line's ink box (a Range around its text), relative to its scene, is returned too.
      const fitted = await page.evaluate(() =>
        [...document.querySelectorAll(".text")].map((el) => {
          let size = parseFloat(getComputedStyle(el).fontSize);
          while (el.scrollWidth > el.clientWidth && size > 12) {
            size -= 2;
            el.style.fontSize = `${size}px`;
            el.style.lineHeight = `${Math.round(size * 1.5)}px`;
          }
          const scene = el.parentElement.getBoundingClientRect();
          const lineBoxes = [...el.children].map((line) => {
            const range = document.createRange();
            range.selectNodeContents(line);
            const b = range.getBoundingClientRect();
            return [b.left - scene.left, b.top - scene.top, b.width, b.height].map(Math.round);
          });
          return { size, lineBoxes };
        }),
      );
      for (const [k, s] of chunk.entries())
        out.push({
          ...s,
          fittedSize: fitted[k].size,
          // Axis-aligned boxes of the unrotated lines ([x, y, width, height]; slanted text: approximate).
          lineBoxes: fitted[k].lineBoxes,
          png: await page.locator(`#${s.id}`).screenshot(s.jpeg ? { type: "jpeg", quality: 70 } : { type: "png" }),
        });
    }
    return out;
  } finally {
    await browser.close();
  }
}

/** Levenshtein distance over code points. */
export function editDistance(a, b) {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++)
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[y.length];
}

/**
 * Character accuracy of recognised text against the truth: 1 − edit distance / truth length, over
 * the lines in reading order. `spaces: false` compares without whitespace (Chinese has none, and
 * a missed word space is not a misread character).
 */
export function characterAccuracy(pairs, { spaces = false } = {}) {
  const norm = (t) => (spaces ? t.replace(/\s+/g, " ").trim() : t.replace(/\s+/g, ""));
  let errors = 0;
  let total = 0;
  for (const { truth, read } of pairs) {
    const t = norm(truth);
    errors += editDistance(t, norm(read));
    total += [...t].length;
  }
  return total ? 1 - errors / total : 1;
}
