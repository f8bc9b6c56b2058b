import { grayWithin, type TGray, type TRaster } from "./raster.js";

// Focus is measured as the variance of the Laplacian (Pech-Pacheco et al., 2000): a sharp edge has
// a strong second derivative, a blurred one a weak one. Two details make it usable on product
// photos: the image is first brought to a fixed size (the measure grows with resolution), and the
// variance is taken per tile, keeping the sharpest textured tiles — a packshot is mostly plain
// background whose zero Laplacian would drag a whole-image variance down however sharp the product.

/** Long side the measure is computed at; thresholds below are calibrated for it. */
export const FOCUS_SIDE = 512;
const TILE = 64;
/** Tiles flatter than this (luma standard deviation) carry no focus information. */
const MIN_TILE_STDDEV = 4;

export type TFocus = {
  /** Variance of the Laplacian over the sharper textured tiles (the 80th percentile); higher is sharper. */
  laplacianVariance: number;
  /** Tiles with texture enough to judge; 0 means the image is flat and the variance is the whole image's. */
  texturedTiles: number;
};

function laplacianTileVariances(g: TGray): { variances: number[]; overall: number } {
  const { width: w, height: h, data } = g;
  const lap = new Float32Array(w * h);
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      lap[i] = data[i - 1]! + data[i + 1]! + data[i - w]! + data[i + w]! - 4 * data[i]!;
    }
  }
  const variances: number[] = [];
  let allSum = 0;
  let allSq = 0;
  let allN = 0;
  for (let ty = 1; ty < h - 1; ty += TILE) {
    for (let tx = 1; tx < w - 1; tx += TILE) {
      let s = 0;
      let sq = 0;
      let gs = 0;
      let gsq = 0;
      let n = 0;
      for (let y = ty; y < Math.min(ty + TILE, h - 1); y++) {
        for (let x = tx; x < Math.min(tx + TILE, w - 1); x++) {
          const v = lap[y * w + x]!;
          const g0 = data[y * w + x]!;
          s += v;
          sq += v * v;
          gs += g0;
          gsq += g0 * g0;
          n++;
        }
      }
      allSum += s;
      allSq += sq;
      allN += n;
      // Small edge tiles are noisy estimates.
      if (n < (TILE * TILE) / 4) continue;
      const gVar = gsq / n - (gs / n) ** 2;
      if (Math.sqrt(Math.max(0, gVar)) < MIN_TILE_STDDEV) continue;
      variances.push(sq / n - (s / n) ** 2);
    }
  }
  const overall = allN ? allSq / allN - (allSum / allN) ** 2 : 0;
  return { variances, overall };
}

export function measureFocus(img: TRaster): TFocus {
  const gray = grayWithin(img, FOCUS_SIDE);
  const { variances, overall } = laplacianTileVariances(gray);
  if (!variances.length) return { laplacianVariance: round1(overall), texturedTiles: 0 };
  variances.sort((a, b) => a - b);
  const p80 = variances[Math.min(variances.length - 1, Math.floor(variances.length * 0.8))]!;
  return { laplacianVariance: round1(p80), texturedTiles: variances.length };
}

const round1 = (x: number) => Math.round(x * 10) / 10;
