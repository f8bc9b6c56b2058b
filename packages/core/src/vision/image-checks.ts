import type { TEvidence, TSeverity } from "../lint/types.js";
import type { TExposure } from "./exposure.js";
import type { TFocus } from "./focus.js";
import type { TImageFinding, TMessageLocale } from "./types.js";

// Quality checks of the picture itself. Thresholds follow what marketplaces ask of product images
// (Taobao/Tmall main images 800×800 for zoom, Amazon 1000 px on the longest side, at least 500):
// below 500 px on the short side an image is too small to show, below 800 it cannot be zoomed.

export const IMAGE_LIMITS = {
  /** Shorter side below this: MEDIUM. */
  minSide: 500,
  /** Shorter side below this: LOW (no zoom). */
  zoomSide: 800,
  /** Long side / short side above this: LOW (marketplaces crop to 1:1 or 3:4). */
  maxAspect: 2,
  /** Contrast-normalised variance of the Laplacian (focus.ts) below this is blurry. */
  blurBelow: 0.6,
} as const;

export const IMAGE_RULES = {
  small: "image.resolution.small",
  noZoom: "image.resolution.no_zoom",
  aspect: "image.aspect",
  blur: "image.blur",
  over: "image.exposure.over",
  under: "image.exposure.under",
  duplicate: "image.duplicate",
  unreadable: "image.unreadable",
} as const;

const t = (locale: TMessageLocale, zh: string, en: string) => (locale === "zh" ? zh : en);

function finding(
  rule: string,
  severity: TSeverity,
  message: string,
  detail: string,
  imageId: string | undefined,
): TImageFinding {
  const evidence: TEvidence = { source: "image", ...(imageId ? { imageId } : {}), detail };
  return { rule, category: "IMAGE", severity, message, evidence: [evidence] };
}

export function imageQualityFindings(o: {
  width: number;
  height: number;
  focus: TFocus;
  exposure: TExposure;
  locale: TMessageLocale;
  imageId?: string;
  limits?: Partial<typeof IMAGE_LIMITS>;
}): TImageFinding[] {
  const L = { ...IMAGE_LIMITS, ...o.limits };
  const { width, height, locale, imageId } = o;
  const size = `${width}×${height}`;
  const short = Math.min(width, height);
  const out: TImageFinding[] = [];
  if (short < L.minSide)
    out.push(
      finding(
        IMAGE_RULES.small,
        "MEDIUM",
        t(
          locale,
          `图片只有 ${size} 像素，短边低于 ${L.minSide} 像素，在商品页上会模糊：请换一张更大的图片。`,
          `The image is only ${size} px; below ${L.minSide} px on its short side it shows blurry on a product page: use a larger image.`,
        ),
        `size ${size}`,
        imageId,
      ),
    );
  else if (short < L.zoomSide)
    out.push(
      finding(
        IMAGE_RULES.noZoom,
        "LOW",
        t(
          locale,
          `图片为 ${size} 像素，短边低于 ${L.zoomSide} 像素，无法放大查看细节。`,
          `The image is ${size} px; below ${L.zoomSide} px on its short side shoppers cannot zoom in.`,
        ),
        `size ${size}`,
        imageId,
      ),
    );
  const aspect = Math.max(width, height) / short;
  if (aspect > L.maxAspect)
    out.push(
      finding(
        IMAGE_RULES.aspect,
        "LOW",
        t(
          locale,
          `图片宽高比为 ${aspect.toFixed(1)}:1，商品主图会被裁成 1:1 或 3:4，主体可能被裁掉。`,
          `The image's aspect ratio is ${aspect.toFixed(1)}:1; marketplaces crop product images to 1:1 or 3:4 and may cut the product off.`,
        ),
        `aspect ${aspect.toFixed(2)}`,
        imageId,
      ),
    );
  if (o.focus.texturedTiles > 0 && o.focus.laplacianVariance < L.blurBelow)
    out.push(
      finding(
        IMAGE_RULES.blur,
        "MEDIUM",
        t(
          locale,
          "图片模糊（对焦不清或被放大过）：请换一张清晰的图片。",
          "The image is blurry (out of focus or upscaled): use a sharp one.",
        ),
        `normalised variance of the Laplacian ${o.focus.laplacianVariance} (below ${L.blurBelow})`,
        imageId,
      ),
    );
  if (o.exposure.verdict === "over")
    out.push(
      finding(
        IMAGE_RULES.over,
        "LOW",
        t(
          locale,
          "图片过曝：亮部细节丢失，颜色发白。",
          "The image is over-exposed: highlights are washed out and colours look paler than they are.",
        ),
        `mean luma ${o.exposure.mean}, 5th percentile ${o.exposure.p05}`,
        imageId,
      ),
    );
  else if (o.exposure.verdict === "under")
    out.push(
      finding(
        IMAGE_RULES.under,
        "LOW",
        t(
          locale,
          "图片欠曝：画面过暗，细节和颜色看不清。",
          "The image is under-exposed: too dark to show details and colours.",
        ),
        `mean luma ${o.exposure.mean}, 95th percentile ${o.exposure.p95}`,
        imageId,
      ),
    );
  return out;
}

/** The same picture is used by other products (by perceptual hash). */
export function duplicateFinding(o: {
  matches: readonly { productId: string; sku?: string; imageId: string; distance: number }[];
  locale: TMessageLocale;
  imageId?: string;
}): TImageFinding | null {
  if (!o.matches.length) return null;
  const shown = o.matches.slice(0, 5);
  const skus = shown.map((m) => m.sku ?? m.productId).join(", ");
  const more = o.matches.length > shown.length ? ` (+${o.matches.length - shown.length})` : "";
  return {
    rule: IMAGE_RULES.duplicate,
    category: "IMAGE",
    severity: "LOW",
    message: t(
      o.locale,
      `这张图片与其他商品的图片相同或几乎相同：${skus}${more}。请确认图片展示的是本商品。`,
      `This image is the same as, or nearly the same as, images of other products: ${skus}${more}. Check that it shows this product.`,
    ),
    evidence: shown.map((m) => ({
      source: "image" as const,
      imageId: m.imageId,
      detail: `product ${m.sku ?? m.productId}, perceptual hash distance ${m.distance}`,
    })),
  };
}

/** The image could not be fetched or decoded: nothing else can be checked. */
export function unreadableFinding(o: { reason: string; locale: TMessageLocale; imageId?: string }): TImageFinding {
  return finding(
    IMAGE_RULES.unreadable,
    "MEDIUM",
    t(o.locale, `无法读取图片：${o.reason}`, `The image could not be read: ${o.reason}`),
    o.reason,
    o.imageId,
  );
}
