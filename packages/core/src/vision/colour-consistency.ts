import { attributeKeyOf } from "../analysis/attribute-comparison.js";
import { extractAttributes } from "../analysis/attribute-extractor.js";
import type { TAttributeMap, TEvidence, TSeverity } from "../lint/types.js";
import { colourName, compatibleColour, isColourId, type TColourId } from "./colour-names.js";
import type { TDominantColour } from "./dominant-colours.js";
import type { TImageFinding, TMessageLocale } from "./types.js";

// Does the picture show the colour the product is sold as? The colours the attributes name (颜色,
// colour …) and the colours the copy names (not those of a part: "银色表圈") are compared with the
// image's foreground colours. A colour is supported when a foreground colour covering a fair share
// of the product is the same or a neighbouring name (colour-names.ts); the product's colours
// contradict the image when none of them is supported while one colour clearly dominates it.
// Images without a detectable background (a lifestyle scene) are judged only when one colour
// covers most of the frame.

export const COLOUR_RULES = { attribute: "image.colour.attribute", copy: "image.colour.copy" } as const;

/** A product colour counts as shown when a compatible colour covers this share of the foreground. */
const SUPPORT_SHARE = 0.15;
/** The image's main colour must cover this share of the foreground (of the frame without background). */
const DOMINANT_SHARE = 0.35;
const DOMINANT_SHARE_NO_BACKGROUND = 0.5;
/** Less foreground than this (of the frame) and there is no product to judge. */
const MIN_FOREGROUND = 0.05;

/** A colour the product data names; `source` is the attribute it came from, absent for the copy. */
export type TNamedColour = { id: TColourId; text: string; field?: string; source?: TEvidence };

/** Colour ids named by the product's colour attributes, with the attribute as evidence. */
export function attributeColours(attributes: TAttributeMap): TNamedColour[] {
  const out: TNamedColour[] = [];
  for (const [name, raw] of Object.entries(attributes)) {
    if (attributeKeyOf(name, raw) !== "colour") continue;
    const values = Array.isArray(raw) ? raw.map(String) : [String(raw)];
    for (const value of values)
      for (const f of extractAttributes(value))
        if (f.key === "colour" && typeof f.normalized === "string" && isColourId(f.normalized))
          out.push({ id: f.normalized, text: f.value, source: { source: "attribute", name, value } });
  }
  return out;
}

/** Colour ids the copy names for the product itself (a part's or a trim's colour is left out). */
export function copyColours(copy: readonly { field: string; text: string }[]): TNamedColour[] {
  const out: TNamedColour[] = [];
  for (const { field, text } of copy)
    for (const f of extractAttributes(text))
      if (f.key === "colour" && !f.part && typeof f.normalized === "string" && isColourId(f.normalized))
        out.push({ id: f.normalized, text: f.value, field });
  return out;
}

function describe(c: TDominantColour, locale: TMessageLocale, share: number): string {
  const pct = Math.round(share * 100);
  return locale === "zh" ? `${c.nameZh}（${c.hex}，约占${pct}%）` : `${c.nameEn} (${c.hex}, about ${pct}%)`;
}

/** Findings for colours the product is sold as that the image does not show. */
export function colourFindings(o: {
  colours: readonly TDominantColour[];
  attributes: TAttributeMap;
  copy: readonly { field: string; text: string }[];
  locale: TMessageLocale;
  imageId?: string;
  /** The product's main image: contradictions there are MEDIUM, on other images LOW. */
  primary: boolean;
}): TImageFinding[] {
  const hasBackground = o.colours.some((c) => c.background);
  const foreground = o.colours.filter((c) => !c.background);
  const fgShare = foreground.reduce((s, c) => s + c.share, 0);
  if (fgShare < MIN_FOREGROUND || !foreground.length) return [];
  const shareOf = (c: TDominantColour) => (hasBackground ? c.foregroundShare : c.share);
  const main = foreground.reduce((best, c) => (shareOf(c) > shareOf(best) ? c : best));
  if (shareOf(main) < (hasBackground ? DOMINANT_SHARE : DOMINANT_SHARE_NO_BACKGROUND)) return [];
  const shown = (id: TColourId) =>
    foreground.some((c) => shareOf(c) >= SUPPORT_SHARE && compatibleColour({ id: c.name, lab: c.lab }, id));
  const severity: TSeverity = o.primary ? "MEDIUM" : "LOW";
  const imageEvidence: TEvidence = {
    source: "image",
    ...(o.imageId ? { imageId: o.imageId } : {}),
    detail: `dominant colour ${main.nameEn} ${main.hex} (${Math.round(shareOf(main) * 100)}% of the ${hasBackground ? "product" : "frame"})`,
  };
  const findings: TImageFinding[] = [];

  const attr = attributeColours(o.attributes);
  const attrIds = [...new Set(attr.map((c) => c.id))];
  if (attrIds.length && !attrIds.some(shown)) {
    const names = attrIds.map((id) => (o.locale === "zh" ? colourName(id).zh : colourName(id).en));
    findings.push({
      rule: COLOUR_RULES.attribute,
      category: "IMAGE",
      severity,
      message:
        o.locale === "zh"
          ? `图片主色为${describe(main, "zh", shareOf(main))}，与颜色属性“${names.join("、")}”不符：请核对图片或属性。`
          : `The image is mainly ${describe(main, "en", shareOf(main))}, but the colour attribute says ${names.join(", ")}: check the picture or the attribute.`,
      evidence: [imageEvidence, ...dedupeEvidence(attr.flatMap((c) => (c.source ? [c.source] : [])))],
    });
  }

  // The copy's colours are checked apart from the attribute's: a colour both name is reported once.
  const copy = copyColours(o.copy).filter((c) => !attrIds.includes(c.id));
  const copyIds = [...new Set(copy.map((c) => c.id))];
  if (copyIds.length && !copyIds.some(shown) && !attrIds.some(shown)) {
    const names = copy.map((c) => c.text);
    findings.push({
      rule: COLOUR_RULES.copy,
      category: "IMAGE",
      severity,
      message:
        o.locale === "zh"
          ? `文案写的是“${[...new Set(names)].join("、")}”，图片主色却是${describe(main, "zh", shareOf(main))}。`
          : `The copy says "${[...new Set(names)].join('", "')}" but the image is mainly ${describe(main, "en", shareOf(main))}.`,
      match: names[0]!,
      evidence: [imageEvidence],
    });
  }
  return findings;
}

function dedupeEvidence(list: TEvidence[]): TEvidence[] {
  const seen = new Set<string>();
  return list.filter((e) => {
    const k = JSON.stringify(e);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
