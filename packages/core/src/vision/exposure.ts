import { grayWithin, type TRaster } from "./raster.js";

// Exposure from the luma histogram. A packshot on white has a large share of clipped white pixels
// by design and a black product is mostly dark pixels, so neither share alone means a bad exposure:
// an image is over-exposed when even its darker parts are bright (a washed-out photo), and
// under-exposed when even its brighter parts are dark.

export type TExposure = {
  /** Mean luma, 0–255. */
  mean: number;
  /** 5th and 95th percentiles of luma. */
  p05: number;
  p95: number;
  /** Share of pixels at 250 or above, and at 5 or below. */
  clippedHighlights: number;
  crushedShadows: number;
  verdict: "ok" | "over" | "under";
};

export const EXPOSURE_LIMITS = {
  /** Over-exposed: the 5th percentile is above this and the mean above `overMean`. */
  overP05: 175,
  overMean: 215,
  /** Under-exposed: the 95th percentile is below this and the mean below `underMean`. */
  underP95: 110,
  underMean: 55,
} as const;

export function measureExposure(img: TRaster): TExposure {
  const gray = grayWithin(img, 512);
  const hist = new Uint32Array(256);
  let sum = 0;
  for (const v of gray.data) {
    const b = Math.max(0, Math.min(255, Math.round(v)));
    hist[b]!++;
    sum += v;
  }
  const n = gray.data.length;
  const percentile = (q: number) => {
    const target = q * n;
    let acc = 0;
    for (let b = 0; b < 256; b++) {
      acc += hist[b]!;
      if (acc >= target) return b;
    }
    return 255;
  };
  let high = 0;
  for (let b = 250; b < 256; b++) high += hist[b]!;
  let low = 0;
  for (let b = 0; b <= 5; b++) low += hist[b]!;
  const mean = sum / n;
  const p05 = percentile(0.05);
  const p95 = percentile(0.95);
  const L = EXPOSURE_LIMITS;
  const verdict =
    p05 > L.overP05 && mean > L.overMean ? "over" : p95 < L.underP95 && mean < L.underMean ? "under" : "ok";
  return {
    mean: Math.round(mean * 10) / 10,
    p05,
    p95,
    clippedHighlights: round3(high / n),
    crushedShadows: round3(low / n),
    verdict,
  };
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
