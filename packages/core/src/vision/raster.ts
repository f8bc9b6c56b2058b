// Decoded images as the vision checks see them: 8-bit sRGB pixels, row-major, no padding. Decoding
// (JPEG, PNG, WebP…) happens outside core; everything here is arithmetic on these arrays.

export type TRaster = {
  width: number;
  height: number;
  /** 3 (RGB) or 4 (RGBA; alpha is ignored — decoders flatten transparency onto white first). */
  channels: 3 | 4;
  data: Uint8Array | Uint8ClampedArray;
};

/** A single-channel image of floats (luma 0–255, a probability map…). */
export type TGray = { width: number; height: number; data: Float32Array };

export function assertRaster(img: TRaster): void {
  if (!Number.isInteger(img.width) || !Number.isInteger(img.height) || img.width < 1 || img.height < 1)
    throw new RangeError(`image size ${img.width}×${img.height} is not a positive integer size`);
  if (img.channels !== 3 && img.channels !== 4)
    throw new RangeError(`${String(img.channels)} channels: 3 or 4 expected`);
  if (img.data.length !== img.width * img.height * img.channels)
    throw new RangeError(
      `pixel buffer holds ${img.data.length} bytes, ${img.width}×${img.height}×${img.channels} expected`,
    );
}

/** Rec. 601 luma, the weighting focus and hash measures are usually defined on. */
export function toGray(img: TRaster): TGray {
  const { width, height, channels, data } = img;
  const out = new Float32Array(width * height);
  for (let i = 0, p = 0; i < out.length; i++, p += channels)
    out[i] = 0.299 * data[p]! + 0.587 * data[p + 1]! + 0.114 * data[p + 2]!;
  return { width, height, data: out };
}

/**
 * Area-average resize of a gray image (each output pixel is the mean of the input pixels it
 * covers, fractional edges weighted). Downscaling this way is what hash and focus measures assume:
 * no aliasing from skipped pixels.
 */
export function resizeGray(src: TGray, width: number, height: number): TGray {
  const out = new Float32Array(width * height);
  const sx = src.width / width;
  const sy = src.height / height;
  // Horizontal pass into an intermediate of size width × src.height, then vertical.
  const tmp = new Float32Array(width * src.height);
  for (let x = 0; x < width; x++) {
    const x0 = x * sx;
    const x1 = x0 + sx;
    for (let y = 0; y < src.height; y++) {
      const row = y * src.width;
      let sum = 0;
      for (let ix = Math.floor(x0); ix < Math.ceil(x1); ix++) {
        const w = Math.min(ix + 1, x1) - Math.max(ix, x0);
        sum += src.data[row + Math.min(ix, src.width - 1)]! * w;
      }
      tmp[y * width + x] = sum / sx;
    }
  }
  for (let y = 0; y < height; y++) {
    const y0 = y * sy;
    const y1 = y0 + sy;
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let iy = Math.floor(y0); iy < Math.ceil(y1); iy++) {
        const w = Math.min(iy + 1, y1) - Math.max(iy, y0);
        sum += tmp[Math.min(iy, src.height - 1) * width + x]! * w;
      }
      out[y * width + x] = sum / sy;
    }
  }
  return { width, height, data: out };
}

/** The size that fits `maxSide` keeping the aspect ratio (never upscales). */
export function fitWithin(width: number, height: number, maxSide: number): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** Gray image no larger than `maxSide` on its long side (area-averaged). */
export function grayWithin(img: TRaster, maxSide: number): TGray {
  const gray = toGray(img);
  const size = fitWithin(img.width, img.height, maxSide);
  return size.width === img.width && size.height === img.height ? gray : resizeGray(gray, size.width, size.height);
}

/**
 * RGB samples of at most about `maxPixels` pixels, taken on a regular grid (for colour statistics,
 * where a sample is as good as every pixel). Also returns which samples lie on the image border.
 */
export function sampleRgb(
  img: TRaster,
  maxPixels: number,
  borderFraction = 0.04,
): { rgb: Uint8Array; border: Uint8Array; count: number } {
  const step = Math.max(1, Math.sqrt((img.width * img.height) / maxPixels));
  const cols = Math.max(1, Math.floor(img.width / step));
  const rows = Math.max(1, Math.floor(img.height / step));
  const rgb = new Uint8Array(cols * rows * 3);
  const border = new Uint8Array(cols * rows);
  const bx = Math.max(1, Math.round(img.width * borderFraction));
  const by = Math.max(1, Math.round(img.height * borderFraction));
  let n = 0;
  for (let r = 0; r < rows; r++) {
    const y = Math.min(img.height - 1, Math.floor((r + 0.5) * step));
    for (let c = 0; c < cols; c++) {
      const x = Math.min(img.width - 1, Math.floor((c + 0.5) * step));
      const p = (y * img.width + x) * img.channels;
      rgb[n * 3] = img.data[p]!;
      rgb[n * 3 + 1] = img.data[p + 1]!;
      rgb[n * 3 + 2] = img.data[p + 2]!;
      border[n] = x < bx || y < by || x >= img.width - bx || y >= img.height - by ? 1 : 0;
      n++;
    }
  }
  return { rgb, border, count: n };
}
