import { seededRandom } from "../serving/random.js";
import { deltaE2000, deltaE76, labToHex, rgbToLab, type TLab } from "./colour-space.js";
import { nameColour, type TColourId } from "./colour-names.js";
import { sampleRgb, type TRaster } from "./raster.js";

// Dominant colours by k-means in CIELAB over a grid sample of the pixels (k-means++ seeding with a
// fixed seed, so an image always gets the same answer). Clusters closer than a just-noticeable
// difference are merged. The cluster that covers most of the image border is the background when
// it also fills most of the border: a packshot's white or a studio's grey is not the product's colour.

export type TDominantColour = {
  /** Canonical colour id (attribute-vocabulary ids): black, white, silver, navy … */
  name: TColourId;
  nameZh: string;
  nameEn: string;
  hex: string;
  /** Share of the image's pixels, 0–1. */
  share: number;
  /** Share of the non-background pixels (0 for the background itself). */
  foregroundShare: number;
  background: boolean;
  lab: TLab;
};

export type TDominantColourOptions = {
  /** Clusters before merging (default 6). */
  k?: number;
  /** Pixels sampled (default 12,000). */
  samples?: number;
  /** Colours below this share of the image are left out (default 0.02). */
  minShare?: number;
  seed?: number;
};

const ITERATIONS = 20;
/** Clusters nearer than this (CIEDE2000) are one colour. */
const MERGE_DISTANCE = 4;
/** The background cluster must hold at least this share of the border samples. */
const BACKGROUND_BORDER_SHARE = 0.55;

export function dominantColours(img: TRaster, options: TDominantColourOptions = {}): TDominantColour[] {
  const k = options.k ?? 6;
  const { rgb, border, count } = sampleRgb(img, options.samples ?? 12_000);
  const labs = new Float64Array(count * 3);
  // Many pixels share a colour (flat backgrounds): convert each distinct colour once.
  const cache = new Map<number, TLab>();
  for (let i = 0; i < count; i++) {
    const key = (rgb[i * 3]! << 16) | (rgb[i * 3 + 1]! << 8) | rgb[i * 3 + 2]!;
    let lab = cache.get(key);
    if (!lab) {
      lab = rgbToLab(rgb[i * 3]!, rgb[i * 3 + 1]!, rgb[i * 3 + 2]!);
      cache.set(key, lab);
    }
    labs[i * 3] = lab.L;
    labs[i * 3 + 1] = lab.a;
    labs[i * 3 + 2] = lab.b;
  }
  const centres = kMeans(labs, count, Math.min(k, cache.size), options.seed ?? 1);
  const assign = new Int32Array(count);
  const sizes = new Float64Array(centres.length);
  const borderHits = new Float64Array(centres.length);
  let borderTotal = 0;
  for (let i = 0; i < count; i++) {
    const c = nearest(labs, i, centres);
    assign[i] = c;
    sizes[c]! += 1;
    if (border[i]) {
      borderHits[c]! += 1;
      borderTotal++;
    }
  }
  // Merge near-identical clusters (k-means splits a large flat area into two).
  let groups = centres.map((lab, i) => ({ lab, n: sizes[i]!, borderN: borderHits[i]! }));
  groups = groups.filter((g) => g.n > 0);
  for (let merged = true; merged;) {
    merged = false;
    outer: for (let i = 0; i < groups.length; i++)
      for (let j = i + 1; j < groups.length; j++) {
        const a = groups[i]!;
        const b = groups[j]!;
        if (deltaE2000(a.lab, b.lab) >= MERGE_DISTANCE) continue;
        const n = a.n + b.n;
        groups[i] = {
          lab: {
            L: (a.lab.L * a.n + b.lab.L * b.n) / n,
            a: (a.lab.a * a.n + b.lab.a * b.n) / n,
            b: (a.lab.b * a.n + b.lab.b * b.n) / n,
          },
          n,
          borderN: a.borderN + b.borderN,
        };
        groups.splice(j, 1);
        merged = true;
        break outer;
      }
  }
  groups.sort((a, b) => b.n - a.n);
  const top = groups.reduce((best, g) => (g.borderN > best.borderN ? g : best), groups[0]!);
  const backgroundGroup = borderTotal && top.borderN / borderTotal >= BACKGROUND_BORDER_SHARE ? top : null;
  const foregroundN = count - (backgroundGroup?.n ?? 0);
  const minShare = options.minShare ?? 0.02;
  return groups
    .filter((g) => g.n / count >= minShare)
    .map((g) => {
      const name = nameColour(g.lab);
      const background = g === backgroundGroup;
      return {
        name: name.id,
        nameZh: name.zh,
        nameEn: name.en,
        hex: labToHex(g.lab),
        share: round3(g.n / count),
        foregroundShare: background || !foregroundN ? 0 : round3(g.n / foregroundN),
        background,
        lab: { L: round1(g.lab.L), a: round1(g.lab.a), b: round1(g.lab.b) },
      };
    });
}

function nearest(labs: Float64Array, i: number, centres: TLab[]): number {
  let best = 0;
  let bestD = Infinity;
  const L = labs[i * 3]!;
  const a = labs[i * 3 + 1]!;
  const b = labs[i * 3 + 2]!;
  for (let c = 0; c < centres.length; c++) {
    const x = centres[c]!;
    const d = (L - x.L) ** 2 + (a - x.a) ** 2 + (b - x.b) ** 2;
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best;
}

/** Lloyd's k-means with k-means++ seeding (Euclidean in Lab, i.e. ΔE76, as the objective). */
function kMeans(labs: Float64Array, n: number, k: number, seed: number): TLab[] {
  const random = seededRandom(seed);
  const at = (i: number): TLab => ({ L: labs[i * 3]!, a: labs[i * 3 + 1]!, b: labs[i * 3 + 2]! });
  const centres: TLab[] = [at(Math.floor(random() * n))];
  const d2 = new Float64Array(n).fill(Infinity);
  while (centres.length < k) {
    const last = centres[centres.length - 1]!;
    let total = 0;
    for (let i = 0; i < n; i++) {
      d2[i] = Math.min(d2[i]!, deltaE76(at(i), last) ** 2);
      total += d2[i]!;
    }
    if (total === 0) break;
    let r = random() * total;
    let pick = n - 1;
    for (let i = 0; i < n; i++) {
      r -= d2[i]!;
      if (r <= 0) {
        pick = i;
        break;
      }
    }
    centres.push(at(pick));
  }
  const sums = new Float64Array(centres.length * 4);
  for (let iter = 0; iter < ITERATIONS; iter++) {
    sums.fill(0);
    for (let i = 0; i < n; i++) {
      const c = nearest(labs, i, centres);
      sums[c * 4]! += labs[i * 3]!;
      sums[c * 4 + 1]! += labs[i * 3 + 1]!;
      sums[c * 4 + 2]! += labs[i * 3 + 2]!;
      sums[c * 4 + 3]! += 1;
    }
    let moved = 0;
    for (let c = 0; c < centres.length; c++) {
      const m = sums[c * 4 + 3]!;
      if (!m) continue;
      const next = { L: sums[c * 4]! / m, a: sums[c * 4 + 1]! / m, b: sums[c * 4 + 2]! / m };
      moved = Math.max(moved, deltaE76(next, centres[c]!));
      centres[c] = next;
    }
    if (moved < 0.1) break;
  }
  return centres;
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** The colour with the largest share of the product (of the frame when there is no background). */
export function mainColour(colours: readonly TDominantColour[]): TDominantColour | null {
  const fg = colours.filter((c) => !c.background);
  const pool = fg.length ? fg : colours;
  return pool.reduce<TDominantColour | null>((best, c) => (!best || c.share > best.share ? c : best), null);
}

/**
 * Whether two images show the same main colour (CIEDE2000 within 12): perceptual hashes see only
 * brightness structure, so a black and a silver box photographed alike hash alike.
 */
export function sameMainColour(a: readonly TDominantColour[], b: readonly TDominantColour[]): boolean {
  const x = mainColour(a);
  const y = mainColour(b);
  if (!x || !y) return true;
  return deltaE2000(x.lab, y.lab) <= 12;
}
