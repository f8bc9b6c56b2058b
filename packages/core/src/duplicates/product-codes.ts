// Model numbers, brands and the words of product listings, as the same-product matcher and the
// blocking keys see them. Two listings of one product nearly always share the model number
// ("KX-TG9343T" / "kxtg9343t", "P6000" inside "COOLPIXP6000BK"); two products that differ only in
// it are different products.

const HAN = /\p{Script=Han}/u;
// Separators between listing tokens; "-", "/", ".", "+" and "_" stay inside (KX-TG9343T, AW110J/H).
const SPLIT =
  /[\s,;:()[\]{}"'|*!?<>«»“”‘’、，。；：！？（）【】《》·]+|(?<=\p{Script=Han})(?!\p{Script=Han})|(?<!\p{Script=Han})(?=\p{Script=Han})/u;

// Number + unit is a measurement, not a model number: 32gb, 2.4ghz, 1080p, 4x, 5400rpm, 18.4in.
const MEASUREMENT =
  /^\d+(?:\.\d+)?(?:mah|wh|kwh|w|kw|v|a|hz|khz|mhz|ghz|mm|cm|m|km|in|inch|ft|g|kg|mg|lb|lbs|oz|ml|l|gb|tb|mb|kb|mbps|gbps|mp|fps|db|k|p|i|x|pcs|pc|rpm|bit|bits|ms|s|min|h|hr|hrs|mph|gal|qt|cu|sq|yd|lux|nm|ma|cc|ppm|dpi|st|nd|rd|th|pk|pack|ct|v|ah|va|btu|c|f)$/;
const DIMENSIONS = /^\d+(?:\.\d+)?(?:[a-z]{0,3})x\d+(?:\.\d+)?(?:[a-z]{0,3})(?:x\d+(?:\.\d+)?[a-z]{0,3})?$/;
// Formats and standards that look like codes but name no product.
const NOT_CODES = new Set(
  "mp3 mp4 mpeg2 mpeg4 mpeg1 h264 h265 x264 3g 4g 5g 2g 3d 4k 8k 1080i 720p 480p 1080p 2160p usb2 usb3 usb20 usb30 hdmi1 ipv4 ipv6 ps2 ps3 ps4 ps5 a4 a3 b5 802 ddr2 ddr3 ddr4 ddr5 pc2 pc3 cd-r cdr dvdr win32 win64 x64 x86 mp3s 2x 3x 4x 6x 8x 10x 12x 16x 20x 24x 32x 48x 52x ie7 ie8 ios7".split(
    " ",
  ),
);

export type TListingTokens = {
  /** Folded words (NFKC, lower case, alphanumerics only); Han runs as character bigrams. */
  words: string[];
  /** Model numbers: alphanumerics only, lower case, at least 3 characters with a letter and a digit. */
  codes: string[];
  /** Stand-alone numbers (versions, sizes without units, series numbers): 890, 2007, 5. */
  numbers: string[];
};

export const foldToken = (s: string): string =>
  s
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "");

/** All letters and digits of a text, folded: where one listing's model number is looked for in another's text. */
export const foldAlnum = (s: string): string => foldToken(s);

export function isModelNumber(folded: string): boolean {
  if (folded.length < 3 || folded.length > 40) return false;
  if (!/\d/.test(folded) || !/[a-z]/.test(folded)) return false;
  if (HAN.test(folded)) return false;
  if (NOT_CODES.has(folded) || MEASUREMENT.test(folded) || DIMENSIONS.test(folded)) return false;
  return true;
}

export function listingTokens(text: string): TListingTokens {
  const words: string[] = [];
  const codes: string[] = [];
  const numbers: string[] = [];
  for (const raw of text.normalize("NFKC").split(SPLIT)) {
    if (!raw) continue;
    if (HAN.test(raw)) {
      words.push(raw);
      continue;
    }
    // "8GB+256GB", "16GB/512GB": specifications joined, not a model number.
    const pieces = raw.split(/[+/]/).map(foldToken).filter(Boolean);
    if (pieces.length > 1 && pieces.every((x) => /^\d+$/.test(x) || MEASUREMENT.test(x))) {
      for (const x of pieces) (/^\d+$/.test(x) ? numbers : words).push(x);
      words.push(...pieces.filter((x) => /^\d+$/.test(x)));
      continue;
    }
    const folded = foldToken(raw);
    if (!folded) continue;
    if (/^\d+$/.test(folded)) numbers.push(raw.includes(".") ? raw.replace(/[^\d.]/g, "") : folded);
    else if (isModelNumber(folded)) codes.push(folded);
    // Hyphenated words give their parts too ("wi-fi" → wifi, wi, fi), so "hard-shell" meets "hard shell".
    const parts = raw
      .toLowerCase()
      .split(/[-/_.+]+/)
      .map(foldToken)
      .filter(Boolean);
    words.push(folded);
    if (parts.length > 1) words.push(...parts);
  }
  // Han runs: character bigrams, so "蓝牙耳机" meets "耳机" without a segmenter.
  const han: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (HAN.test(w)) {
      const run = [...w];
      if (run.length === 1) han.push(w);
      for (let k = 0; k + 1 < run.length; k++) han.push(run[k]! + run[k + 1]!);
    }
  }
  return {
    words: [...words.filter((w) => !HAN.test(w)), ...han],
    codes: [...new Set(codes)],
    numbers: [...new Set(numbers)],
  };
}

/** Length of the longest common substring. */
export function longestCommonSubstring(a: string, b: string): number {
  if (!a || !b) return 0;
  let best = 0;
  let prev = new Uint16Array(b.length + 1);
  let cur = new Uint16Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      cur[j] = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? prev[j - 1]! + 1 : 0;
      if (cur[j]! > best) best = cur[j]!;
    }
    [prev, cur] = [cur, prev];
  }
  return best;
}

/**
 * How alike two model numbers are, in [0, 1]: 1 when equal; the shorter's share of the longer when
 * one contains the other ("p6000" in "coolpixp6000bk"); otherwise the longest shared run over the
 * longer length. Codes that share everything but their digits ("wfw9200" / "wfw9300") stay low.
 */
export function codeSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const [s, l] = a.length <= b.length ? [a, b] : [b, a];
  if (s.length >= 4 && l.includes(s)) return 0.5 + (0.5 * s.length) / l.length;
  return longestCommonSubstring(a, b) / l.length / 2;
}

// Words that are not a brand when they open a title.
const NOT_BRANDS = new Set(
  "new the a an for with and genuine original official brand hot sale 2pcs 1pc set pack of premium deluxe".split(" "),
);

/** The brand: an attribute when the merchant gave one, else the first word of the title (Latin) or its first Han run up to 4 characters. */
export function brandOf(title: string, attributes?: Readonly<Record<string, unknown>> | null): string | null {
  if (attributes) {
    for (const [k, v] of Object.entries(attributes)) {
      if (/^(brand|品牌|manufacturer|make|厂商|制造商)$/i.test(k.trim()) && typeof v === "string" && v.trim())
        return foldToken(v) || null;
    }
  }
  for (const raw of title.normalize("NFKC").split(/[\s,;:()[\]{}"'|/]+/)) {
    const w = foldToken(raw);
    if (!w || NOT_BRANDS.has(w)) continue;
    if (HAN.test(w)) return [...w].slice(0, 4).join("") || null;
    if (/^[a-z][a-z&-]*$/.test(w) && w.length >= 2) return w;
    return null;
  }
  return null;
}

/**
 * Blocking keys for same-product candidates: `m:<model number>` for every model number of the
 * title (and of the description's first 300 characters), `b:<brand>` for the brand.
 */
export function blockingKeys(p: {
  title: string;
  description?: string | null;
  attributes?: Readonly<Record<string, unknown>> | null;
}): string[] {
  const keys = new Set<string>();
  const codes = listingTokens(`${p.title} ${(p.description ?? "").slice(0, 300)}`).codes;
  for (const c of codes) if (c.length >= 4) keys.add(`m:${c}`);
  const brand = brandOf(p.title, p.attributes);
  if (brand) keys.add(`b:${brand}`);
  return [...keys].slice(0, 32);
}
