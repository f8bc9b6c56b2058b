// Image decoding with sharp (libvips, prebuilt binaries from npm). Bytes come from merchants and
// the internet: the format is sniffed from the first bytes (never the file name or the server's
// content type), only raster formats product images use are accepted (no SVG: it can reference
// other files and is a script host), the pixel count is bounded before decoding (decompression
// bombs) and EXIF orientation is applied so boxes match what a browser shows.
import { createHash } from "node:crypto";
import sharp, { type Metadata, type OutputInfo } from "sharp";
import { AppError, type TRaster } from "@truecopy/core";

export const IMAGE_FORMATS = ["jpeg", "png", "webp", "gif"] as const;
export type TImageFormat = (typeof IMAGE_FORMATS)[number];

export const IMAGE_MIME: Record<TImageFormat, string> = {
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  gif: "image/gif",
};

/** Images with more pixels than this are refused before they are decoded (50 MP). */
export const MAX_IMAGE_PIXELS = 50_000_000;

/** The format the bytes are, by their signature; null for anything else. */
export function sniffImageFormat(bytes: Uint8Array): TImageFormat | null {
  const b = bytes;
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "jpeg";
  if (b.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((v, i) => b[i] === v)) return "png";
  if (b.length >= 12 && ascii(b, 0, 4) === "RIFF" && ascii(b, 8, 12) === "WEBP") return "webp";
  if (b.length >= 6 && (ascii(b, 0, 6) === "GIF87a" || ascii(b, 0, 6) === "GIF89a")) return "gif";
  return null;
}

const ascii = (b: Uint8Array, start: number, end: number) => String.fromCharCode(...b.subarray(start, end));

export type TDecodedImage = {
  format: TImageFormat;
  /** Size as displayed (after EXIF rotation), in the file's own pixels. */
  width: number;
  height: number;
  bytes: number;
  sha256: string;
  /** RGB pixels, transparency flattened onto white, at most `maxSide` on the long side. */
  raster: TRaster & { channels: 3 };
  /** raster size / displayed size (1 when not downscaled). */
  scale: number;
};

export type TDecodeOptions = {
  /** Long side of the returned raster (default: the full size). */
  maxSide?: number;
  maxPixels?: number;
};

/** Decodes an image; a file that is not a supported image is a BAD_USER_INPUT error that says why. */
export async function decodeImage(bytes: Uint8Array, options: TDecodeOptions = {}): Promise<TDecodedImage> {
  const format = sniffImageFormat(bytes);
  if (!format)
    throw new AppError("BAD_USER_INPUT", `not a supported image (expected ${IMAGE_FORMATS.join(", ")})`, {
      reason: "format",
    });
  const maxPixels = options.maxPixels ?? MAX_IMAGE_PIXELS;
  const input = () => sharp(bytes, { limitInputPixels: maxPixels, failOn: "error", animated: false });
  let meta: Metadata;
  try {
    meta = await input().metadata();
  } catch (e) {
    const message = (e as Error).message;
    if (/pixel limit/i.test(message))
      throw new AppError("BAD_USER_INPUT", `the image has more than ${maxPixels.toLocaleString("en")} pixels`, {
        reason: "too_large",
      });
    throw new AppError("BAD_USER_INPUT", `the ${format} image cannot be read: ${message}`, { reason: "corrupt" });
  }
  if (!meta.width || !meta.height)
    throw new AppError("BAD_USER_INPUT", `the ${format} image has no size`, { reason: "corrupt" });
  if (meta.width * meta.height > maxPixels)
    throw new AppError(
      "BAD_USER_INPUT",
      `the image is ${meta.width}×${meta.height} pixels; at most ${maxPixels.toLocaleString("en")} are accepted`,
      { reason: "too_large" },
    );
  // EXIF orientations 5–8 swap width and height.
  const swapped = (meta.orientation ?? 1) >= 5;
  const width = swapped ? meta.height : meta.width;
  const height = swapped ? meta.width : meta.height;
  const maxSide = options.maxSide ?? Math.max(width, height);
  let pipeline = input().rotate().flatten({ background: "#ffffff" }).removeAlpha().toColourspace("srgb");
  if (Math.max(width, height) > maxSide)
    pipeline = pipeline.resize({ width: maxSide, height: maxSide, fit: "inside", withoutEnlargement: true });
  let decoded: { data: Buffer; info: OutputInfo };
  try {
    decoded = await pipeline.raw().toBuffer({ resolveWithObject: true });
  } catch (e) {
    throw new AppError("BAD_USER_INPUT", `the ${format} image cannot be decoded: ${(e as Error).message}`, {
      reason: "corrupt",
    });
  }
  const { data, info } = decoded;
  if (info.channels !== 3) throw new Error(`decoder returned ${info.channels} channels, 3 expected`);
  return {
    format,
    width,
    height,
    bytes: bytes.length,
    sha256: createHash("sha256").update(bytes).digest("hex"),
    raster: {
      width: info.width,
      height: info.height,
      channels: 3,
      data: new Uint8Array(data.buffer, data.byteOffset, data.length),
    },
    scale: info.width / width,
  };
}

/** Resizes RGB pixels to exactly width × height (libvips, bilinear-class quality). */
export async function resizeRaster(img: TRaster, width: number, height: number): Promise<TRaster & { channels: 3 }> {
  const { data, info } = await sharp(img.data, {
    raw: { width: img.width, height: img.height, channels: img.channels },
  })
    .removeAlpha()
    .resize({ width, height, fit: "fill", kernel: "linear" })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return {
    width: info.width,
    height: info.height,
    channels: 3,
    data: new Uint8Array(data.buffer, data.byteOffset, data.length),
  };
}

/** A JPEG of at most `maxSide` pixels (previews for the dashboard). */
export async function previewJpeg(bytes: Uint8Array, maxSide: number): Promise<Buffer> {
  if (!sniffImageFormat(bytes)) throw new AppError("BAD_USER_INPUT", "not a supported image");
  return sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS, animated: false })
    .rotate()
    .flatten({ background: "#ffffff" })
    .resize({ width: maxSide, height: maxSide, fit: "inside", withoutEnlargement: true })
    .jpeg({ quality: 80 })
    .toBuffer();
}
