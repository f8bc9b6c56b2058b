import type { TRaster } from "./raster.js";
import type { TBox, TQuad } from "./types.js";

// Post-processing of a DB (differentiable binarisation) text detector, as PaddleOCR does it: the
// probability map is thresholded, each connected region becomes its minimum-area rectangle, regions
// whose mean probability is low are dropped, and the rectangle is grown back by the amount the
// detector was trained to shrink text regions (the "unclip", area × ratio / perimeter). Then boxes
// are put in reading order and cut out of the image for the recogniser.

export type TTextRegion = {
  /** Corners clockwise from the top left, in the probability map's pixels. */
  quad: TQuad;
  /** Mean probability inside the (unexpanded) rectangle. */
  score: number;
};

export type TDbOptions = {
  /** Pixels above this probability are text (PaddleOCR: 0.3). */
  threshold?: number;
  /** Regions whose mean probability is below this are dropped (PaddleOCR: 0.6). */
  boxThreshold?: number;
  /** How much a region is grown back (PaddleOCR: 1.5). */
  unclipRatio?: number;
  /** Regions whose shorter side is below this many pixels are noise (PaddleOCR: 3). */
  minSize?: number;
  maxCandidates?: number;
};

type TRect = { cx: number; cy: number; w: number; h: number; angle: number };

/** Text regions of a probability map of size width × height (values 0–1, row-major). */
export function dbTextRegions(prob: Float32Array, width: number, height: number, o: TDbOptions = {}): TTextRegion[] {
  const threshold = o.threshold ?? 0.3;
  const boxThreshold = o.boxThreshold ?? 0.6;
  const unclipRatio = o.unclipRatio ?? 1.5;
  const minSize = o.minSize ?? 3;
  const maxCandidates = o.maxCandidates ?? 1000;
  const labels = new Int32Array(width * height).fill(-1);
  const regions: TTextRegion[] = [];
  const stack: number[] = [];
  let next = 0;
  for (let start = 0; start < prob.length && regions.length < maxCandidates; start++) {
    if (labels[start] !== -1 || prob[start]! <= threshold) continue;
    // Flood fill (8-connected), recording each row's leftmost and rightmost pixel for the hull.
    const label = next++;
    const rowMin = new Map<number, number>();
    const rowMax = new Map<number, number>();
    labels[start] = label;
    stack.push(start);
    let count = 0;
    while (stack.length) {
      const i = stack.pop()!;
      const x = i % width;
      const y = (i - x) / width;
      count++;
      const lo = rowMin.get(y);
      if (lo === undefined || x < lo) rowMin.set(y, x);
      const hi = rowMax.get(y);
      if (hi === undefined || x > hi) rowMax.set(y, x);
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          if ((dx === 0 && dy === 0) || nx < 0 || nx >= width) continue;
          const j = ny * width + nx;
          if (labels[j] === -1 && prob[j]! > threshold) {
            labels[j] = label;
            stack.push(j);
          }
        }
      }
    }
    if (count < 4) continue;
    const points: [number, number][] = [];
    for (const [y, x0] of rowMin) {
      const x1 = rowMax.get(y)! + 1;
      points.push([x0, y], [x1, y], [x0, y + 1], [x1, y + 1]);
    }
    const rect = minAreaRect(convexHull(points));
    if (Math.min(rect.w, rect.h) < minSize) continue;
    const score = meanInside(prob, width, height, rect);
    if (score < boxThreshold) continue;
    const d = (rect.w * rect.h * unclipRatio) / (2 * (rect.w + rect.h));
    const grown = { ...rect, w: rect.w + 2 * d, h: rect.h + 2 * d };
    if (Math.min(grown.w, grown.h) < minSize + 2) continue;
    regions.push({ quad: clipQuad(rectCorners(grown), width, height), score });
  }
  return regions;
}

/** Andrew's monotone chain; returns the hull counter-clockwise (in y-down coordinates: clockwise on screen). */
export function convexHull(points: [number, number][]): [number, number][] {
  const pts = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (pts.length < 3) return pts;
  const cross = (o: [number, number], a: [number, number], b: [number, number]) =>
    (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: [number, number][] = [];
  for (const p of pts) {
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: [number, number][] = [];
  for (let i = pts.length - 1; i >= 0; i--) {
    const p = pts[i]!;
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, p) <= 0) upper.pop();
    upper.push(p);
  }
  return lower.slice(0, -1).concat(upper.slice(0, -1));
}

/** Minimum-area enclosing rectangle of a convex polygon (one side is collinear with a hull edge). */
function minAreaRect(hull: [number, number][]): TRect {
  let best: TRect = { cx: 0, cy: 0, w: 0, h: 0, angle: 0 };
  let bestArea = Infinity;
  const n = hull.length;
  for (let i = 0; i < Math.max(1, n); i++) {
    const p = hull[i]!;
    const q = hull[(i + 1) % n]!;
    const angle = n > 1 ? Math.atan2(q[1] - p[1], q[0] - p[0]) : 0;
    const c = Math.cos(angle);
    const s = Math.sin(angle);
    let minU = Infinity;
    let maxU = -Infinity;
    let minV = Infinity;
    let maxV = -Infinity;
    for (const [x, y] of hull) {
      const u = x * c + y * s;
      const v = -x * s + y * c;
      minU = Math.min(minU, u);
      maxU = Math.max(maxU, u);
      minV = Math.min(minV, v);
      maxV = Math.max(maxV, v);
    }
    const area = (maxU - minU) * (maxV - minV);
    if (area < bestArea - 1e-9) {
      bestArea = area;
      const cu = (minU + maxU) / 2;
      const cv = (minV + maxV) / 2;
      best = { cx: cu * c - cv * s, cy: cu * s + cv * c, w: maxU - minU, h: maxV - minV, angle };
    }
  }
  // Report the rectangle with its long side as width and the angle within (-45°, 45°] when it can be.
  if (best.h > best.w) best = { ...best, w: best.h, h: best.w, angle: best.angle + Math.PI / 2 };
  while (best.angle > Math.PI / 2) best.angle -= Math.PI;
  while (best.angle <= -Math.PI / 2) best.angle += Math.PI;
  return best;
}

function rectCorners(r: TRect): TQuad {
  const c = Math.cos(r.angle);
  const s = Math.sin(r.angle);
  const corners: TQuad = [
    [-r.w / 2, -r.h / 2],
    [r.w / 2, -r.h / 2],
    [r.w / 2, r.h / 2],
    [-r.w / 2, r.h / 2],
  ].map(([u, v]) => [r.cx + u! * c - v! * s, r.cy + u! * s + v! * c]);
  return orderClockwise(corners);
}

/** Top-left, top-right, bottom-right, bottom-left. */
export function orderClockwise(pts: TQuad): TQuad {
  const bySum = [...pts].sort((a, b) => a[0] + a[1] - (b[0] + b[1]));
  const tl = bySum[0]!;
  const br = bySum[3]!;
  const [m1, m2] = [bySum[1]!, bySum[2]!];
  const tr = m1[1] - m1[0] < m2[1] - m2[0] ? m1 : m2;
  const bl = tr === m1 ? m2 : m1;
  return [tl, tr, br, bl];
}

function clipQuad(q: TQuad, width: number, height: number): TQuad {
  return q.map(([x, y]) => [Math.max(0, Math.min(width, x)), Math.max(0, Math.min(height, y))]);
}

function meanInside(prob: Float32Array, width: number, height: number, r: TRect): number {
  const c = Math.cos(r.angle);
  const s = Math.sin(r.angle);
  const half = Math.hypot(r.w, r.h) / 2;
  let sum = 0;
  let n = 0;
  for (let y = Math.max(0, Math.floor(r.cy - half)); y < Math.min(height, Math.ceil(r.cy + half)); y++)
    for (let x = Math.max(0, Math.floor(r.cx - half)); x < Math.min(width, Math.ceil(r.cx + half)); x++) {
      const dx = x + 0.5 - r.cx;
      const dy = y + 0.5 - r.cy;
      if (Math.abs(dx * c + dy * s) > r.w / 2 || Math.abs(-dx * s + dy * c) > r.h / 2) continue;
      sum += prob[y * width + x]!;
      n++;
    }
  return n ? sum / n : 0;
}

/** Scales a quad from one coordinate system to another (detector map → image). */
export const scaleQuad = (q: TQuad, sx: number, sy: number): TQuad => q.map(([x, y]) => [x * sx, y * sy]);

/** The axis-aligned box around a quad, rounded outwards and clipped to the image. */
export function quadBox(q: TQuad, width: number, height: number): TBox {
  const xs = q.map((p) => p[0]);
  const ys = q.map((p) => p[1]);
  const x0 = Math.max(0, Math.floor(Math.min(...xs)));
  const y0 = Math.max(0, Math.floor(Math.min(...ys)));
  const x1 = Math.min(width, Math.ceil(Math.max(...xs)));
  const y1 = Math.min(height, Math.ceil(Math.max(...ys)));
  return [x0, y0, Math.max(0, x1 - x0), Math.max(0, y1 - y0)];
}

/**
 * Reading order: boxes are grouped into lines (a box joins a line when it overlaps the line's
 * vertical extent by half of the smaller height), lines top to bottom, boxes left to right.
 */
export function readingOrder<T extends { box: TBox }>(items: readonly T[]): T[] {
  const sorted = [...items].sort((a, b) => a.box[1] + a.box[3] / 2 - (b.box[1] + b.box[3] / 2));
  const lines: { top: number; bottom: number; items: T[] }[] = [];
  for (const item of sorted) {
    const [, y, , h] = item.box;
    const line = lines.find((l) => {
      const overlap = Math.min(l.bottom, y + h) - Math.max(l.top, y);
      return overlap >= 0.5 * Math.min(h, l.bottom - l.top);
    });
    if (line) {
      line.items.push(item);
      line.top = Math.min(line.top, y);
      line.bottom = Math.max(line.bottom, y + h);
    } else lines.push({ top: y, bottom: y + h, items: [item] });
  }
  lines.sort((a, b) => a.top - b.top);
  return lines.flatMap((l) => l.items.sort((a, b) => a.box[0] - b.box[0]));
}

/**
 * Cuts a quad (tl, tr, br, bl) out of an image as an upright RGB raster, sampling bilinearly;
 * width and height are the quad's longer edge lengths. Tall crops (height ≥ 1.5 × width) are
 * turned a quarter counter-clockwise: vertical text reads left to right then.
 */
export function cropQuad(img: TRaster, quad: TQuad): TRaster {
  const [tl, tr, br, bl] = quad as [[number, number], [number, number], [number, number], [number, number]];
  const dist = (a: [number, number], b: [number, number]) => Math.hypot(a[0] - b[0], a[1] - b[1]);
  const w = Math.max(1, Math.round(Math.max(dist(tl, tr), dist(bl, br))));
  const h = Math.max(1, Math.round(Math.max(dist(tl, bl), dist(tr, br))));
  const out = new Uint8Array(w * h * 3);
  const ch = img.channels;
  const sample = (x: number, y: number, k: number) => {
    const xc = Math.max(0, Math.min(img.width - 1, x));
    const yc = Math.max(0, Math.min(img.height - 1, y));
    const x0 = Math.floor(xc);
    const y0 = Math.floor(yc);
    const x1 = Math.min(img.width - 1, x0 + 1);
    const y1 = Math.min(img.height - 1, y0 + 1);
    const fx = xc - x0;
    const fy = yc - y0;
    const p = (xx: number, yy: number) => img.data[(yy * img.width + xx) * ch + k]!;
    return (p(x0, y0) * (1 - fx) + p(x1, y0) * fx) * (1 - fy) + (p(x0, y1) * (1 - fx) + p(x1, y1) * fx) * fy;
  };
  for (let j = 0; j < h; j++) {
    const v = (j + 0.5) / h;
    for (let i = 0; i < w; i++) {
      const u = (i + 0.5) / w;
      // Bilinear interpolation of the quad's corners: exact for rectangles, close for slight skews.
      const x = (1 - v) * ((1 - u) * tl[0] + u * tr[0]) + v * ((1 - u) * bl[0] + u * br[0]) - 0.5;
      const y = (1 - v) * ((1 - u) * tl[1] + u * tr[1]) + v * ((1 - u) * bl[1] + u * br[1]) - 0.5;
      const o = (j * w + i) * 3;
      for (let k = 0; k < 3; k++) out[o + k] = Math.round(sample(x, y, k));
    }
  }
  if (h < 1.5 * w) return { width: w, height: h, channels: 3, data: out };
  // Rotate 90° counter-clockwise: output (x, y) takes input (w - 1 - y, x).
  const rot = new Uint8Array(w * h * 3);
  for (let y = 0; y < w; y++)
    for (let x = 0; x < h; x++) {
      const src = (x * w + (w - 1 - y)) * 3;
      const dst = (y * h + x) * 3;
      rot[dst] = out[src]!;
      rot[dst + 1] = out[src + 1]!;
      rot[dst + 2] = out[src + 2]!;
    }
  return { width: h, height: w, channels: 3, data: rot };
}
