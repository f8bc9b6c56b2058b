import { grayWithin, type TGray, type TRaster } from "./raster.js";

// Focus from the variance of the Laplacian (Pech-Pacheco et al., 2000): a sharp edge has a strong
// second derivative, a blurred one a weak one. Three details make it usable on product photos:
//   - the image is brought to a fixed size first (the measure grows with resolution);
//   - the variance is taken per tile and divided by the tile's own intensity variance, so a
//     low-contrast label and a black-on-white one score alike (only the edges' sharpness counts);
//   - the sharpest tiles decide (the mean of the top three): a packshot is mostly plain background
//     and soft shadow, and a photo focused on the product is sharp where the product is.
// Tiles without texture (flat areas, sensor noise) are left out.

/** Long side the measure is computed at; the threshold in image-checks.ts is calibrated for it. */
export const FOCUS_SIDE = 512;
const TILE = 32;
/** Tiles flatter than this (luma standard deviation) carry no focus information. */
const MIN_TILE_STDDEV = 8;
const TOP_TILES = 3;

export type TFocus = {
  /**
   * Contrast-normalised variance of the Laplacian of the sharpest tiles (var ∇²I / var I, mean of
   * the top three tiles at 512 px); higher is sharper. 0 when no tile has texture to judge.
   */
  laplacianVariance: number;
  /** Tiles with texture enough to judge; 0 means the image is flat and cannot be judged. */
  texturedTiles: number;
};

function tileRatios(g: TGray): number[] {
  const { width: w, height: h, data } = g;
  const ratios: number[] = [];
  for (let ty = 1; ty + TILE <= h - 1; ty += TILE) {
    for (let tx = 1; tx + TILE <= w - 1; tx += TILE) {
      let s = 0;
      let sq = 0;
      let gs = 0;
      let gsq = 0;
      for (let y = ty; y < ty + TILE; y++) {
        for (let x = tx; x < tx + TILE; x++) {
          const i = y * w + x;
          const v = data[i - 1]! + data[i + 1]! + data[i - w]! + data[i + w]! - 4 * data[i]!;
          s += v;
          sq += v * v;
          gs += data[i]!;
          gsq += data[i]! * data[i]!;
        }
      }
      const n = TILE * TILE;
      const gVar = gsq / n - (gs / n) ** 2;
      if (gVar < MIN_TILE_STDDEV * MIN_TILE_STDDEV) continue;
      ratios.push((sq / n - (s / n) ** 2) / gVar);
    }
  }
  return ratios;
}

export function measureFocus(img: TRaster): TFocus {
  const ratios = tileRatios(grayWithin(img, FOCUS_SIDE)).sort((a, b) => b - a);
  if (!ratios.length) return { laplacianVariance: 0, texturedTiles: 0 };
  const top = ratios.slice(0, TOP_TILES);
  const mean = top.reduce((a, b) => a + b, 0) / top.length;
  return { laplacianVariance: Math.round(mean * 1000) / 1000, texturedTiles: ratios.length };
}
