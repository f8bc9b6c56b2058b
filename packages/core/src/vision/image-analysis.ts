import type { TAttributeMap, TBrandPack, TEvidence } from "../lint/types.js";
import { resolveLintLocale } from "../lint/lint.js";
import { colourFindings } from "./colour-consistency.js";
import { dominantColours, type TDominantColour } from "./dominant-colours.js";
import { measureExposure, type TExposure } from "./exposure.js";
import { measureFocus, type TFocus } from "./focus.js";
import { imageQualityFindings } from "./image-checks.js";
import { lintImageText } from "./image-text.js";
import { differenceHash, imageHashToHex, perceptualHash } from "./perceptual-hash.js";
import { assertRaster, type TRaster } from "./raster.js";
import type { TImageFinding, TMessageLocale, TOcrLine } from "./types.js";

// Everything the vision checks say about one decoded image, given the text recognised in it and
// the product it belongs to. Pure: decoding and OCR happen before (packages/ml), storage and the
// duplicate lookup after (packages/db).

export type TImageProduct = {
  attributes: TAttributeMap;
  /** The product's copy (title, description …) to compare colours with. */
  copy: readonly { field: string; text: string }[];
  /** The product's locale: messages are written in it. */
  locale?: string | null;
  brandPack?: TBrandPack;
};

export type TImageAnalysis = {
  width: number;
  height: number;
  /** Contrast-normalised variance of the Laplacian at 512 px (focus.ts): higher is sharper, below 0.6 blurry. */
  blur: number;
  focus: TFocus;
  exposure: TExposure;
  /** 64-bit pHash and dHash, 16 hex digits each. */
  phash: string;
  dhash: string;
  colors: TDominantColour[];
  text: TOcrLine[];
  /** The recognised lines as linted (reading order, joined by "\n"); "" without text. */
  recognizedText: string;
  findings: TImageFinding[];
};

export function messageLocale(locale: string | null | undefined, sample = ""): TMessageLocale {
  return resolveLintLocale(locale ?? undefined, sample);
}

export function analyzeImage(o: {
  image: TRaster;
  /** The image's size as stored, when `image` is a downscaled copy (checks and boxes use it). */
  size?: { width: number; height: number };
  text?: readonly TOcrLine[];
  product?: TImageProduct;
  imageId?: string;
  /** The product's main image (position 0). */
  primary?: boolean;
}): TImageAnalysis {
  assertRaster(o.image);
  const width = o.size?.width ?? o.image.width;
  const height = o.size?.height ?? o.image.height;
  const product = o.product ?? { attributes: {}, copy: [] };
  const copySample = product.copy.map((c) => c.text).join("\n");
  const locale = messageLocale(product.locale, copySample);
  const focus = measureFocus(o.image);
  const exposure = measureExposure(o.image);
  const colors = dominantColours(o.image);
  const lines = [...(o.text ?? [])];
  const textLint = lintImageText({
    lines,
    locale: product.locale ?? undefined,
    attributes: product.attributes,
    ...(product.brandPack ? { brandPack: product.brandPack } : {}),
    ...(o.imageId ? { imageId: o.imageId } : {}),
  });
  const findings = [
    ...imageQualityFindings({ width, height, focus, exposure, locale, ...(o.imageId ? { imageId: o.imageId } : {}) }),
    ...colourFindings({
      colours: colors,
      attributes: product.attributes,
      copy: product.copy,
      locale,
      primary: o.primary ?? true,
      ...(o.imageId ? { imageId: o.imageId } : {}),
    }),
    ...textLint.findings,
  ];
  return {
    width,
    height,
    blur: focus.laplacianVariance,
    focus,
    exposure,
    phash: imageHashToHex(perceptualHash(o.image)),
    dhash: imageHashToHex(differenceHash(o.image)),
    colors,
    text: lines,
    recognizedText: textLint.text,
    findings,
  };
}

/** What an image says about its product, as evidence for grounding and generation (provenance "image"). */
export type TImageFacts = {
  imageId?: string;
  /** Foreground colours (background left out), largest first, with their share of the product. */
  colours: { id: string; nameZh: string; nameEn: string; hex: string; share: number }[];
  /** Recognised text lines confident enough to quote. */
  text: { text: string; confidence: number }[];
  evidence: TEvidence[];
};

/** Only colours covering this share of the product and text read with this confidence count as facts. */
const FACT_COLOUR_SHARE = 0.15;
const FACT_TEXT_CONFIDENCE = 0.8;

export function imageFacts(a: Pick<TImageAnalysis, "colors" | "text">, imageId?: string): TImageFacts {
  const hasBackground = a.colors.some((c) => c.background);
  const colours = a.colors
    .filter((c) => !c.background)
    .map((c) => ({ c, share: hasBackground ? c.foregroundShare : c.share }))
    .filter((x) => x.share >= FACT_COLOUR_SHARE)
    .sort((x, y) => y.share - x.share)
    .map(({ c, share }) => ({ id: c.name, nameZh: c.nameZh, nameEn: c.nameEn, hex: c.hex, share }));
  const text = a.text
    .filter((l) => l.confidence >= FACT_TEXT_CONFIDENCE && l.text.trim())
    .map((l) => ({ text: l.text, confidence: l.confidence }));
  const id = imageId ? { imageId } : {};
  const evidence: TEvidence[] = [
    ...colours.map((c) => ({
      source: "image" as const,
      ...id,
      detail: `colour ${c.nameEn} / ${c.nameZh} ${c.hex} (${Math.round(c.share * 100)}%)`,
    })),
    ...text.map((l) => ({ source: "image" as const, ...id, detail: `text "${l.text}"` })),
  ];
  return { ...id, colours, text, evidence };
}
