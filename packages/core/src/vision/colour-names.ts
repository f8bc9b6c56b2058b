import { COLOUR_SURFACES } from "../analysis/attribute-vocabulary.js";
import { deltaE2000, hexToLab, lch, type TLab } from "./colour-space.js";

// Names for measured colours, in the same canonical ids the copy and attribute analysis use
// (attribute-vocabulary.ts), so "the image is black" and "颜色: 黑色" compare directly. Each name
// has a few reference shades; a colour takes the name of the nearest shade by CIEDE2000.
// "clear" (transparent) has no colour of its own and is never measured.

export const COLOUR_IDS = [
  "black",
  "white",
  "silver",
  "grey",
  "navy",
  "blue",
  "red",
  "pink",
  "green",
  "beige",
  "gold",
  "purple",
  "khaki",
  "brown",
  "yellow",
  "orange",
] as const;
export type TColourId = (typeof COLOUR_IDS)[number];

export type TColourName = { id: TColourId; en: string; zh: string };

// Reference shades: the colour as sold (fabric, plastic, anodised metal), not spectral hues —
// a flat grey is what a photographed silver watch case measures.
const SHADES: Record<TColourId, readonly string[]> = {
  black: ["#000000", "#141414", "#262626", "#1c1f24"],
  white: ["#ffffff", "#f4f4f2", "#f8f6f0", "#eef0f2"],
  silver: ["#c0c0c0", "#cfd1d3", "#b4b7ba", "#d9d9d9"],
  grey: ["#808080", "#9a9a9a", "#666666", "#4d4d4d", "#8a9299"],
  navy: ["#000080", "#1b2442", "#1f2d5c", "#141e3c"],
  blue: ["#1e5bc6", "#0000ff", "#4a90d9", "#2f6db5", "#7fb3e6", "#1565c0", "#5dade2"],
  red: ["#d0021b", "#ff0000", "#b22222", "#8b0000", "#7b1e2b", "#e53935"],
  pink: ["#ffc0cb", "#ff69b4", "#f48fb1", "#e75480", "#f7a8c0", "#d81b60"],
  green: ["#008000", "#2e8b57", "#3cb371", "#556b2f", "#1b5e20", "#7cb342", "#00a86b"],
  beige: ["#f5f5dc", "#e8dcc4", "#e3d5b8", "#efe6d5", "#dccfb3"],
  gold: ["#d4af37", "#c9a227", "#b8860b", "#cfb53b", "#e0b84f"],
  purple: ["#800080", "#6a1b9a", "#9370db", "#8e44ad", "#b39ddb", "#5e2a84"],
  khaki: ["#c3b091", "#bdb76b", "#a89f6e", "#b5a67c"],
  brown: ["#8b4513", "#a0522d", "#5d4037", "#6f4e37", "#c19a6b", "#7b3f00"],
  yellow: ["#ffff00", "#ffd600", "#fff176", "#f4d03f", "#fbc02d", "#ffeb3b"],
  orange: ["#ffa500", "#ff7f00", "#f57c00", "#ff8c42", "#e65100", "#fb8c00"],
};

const isAscii = (s: string) => /^[\x20-\x7e]+$/.test(s);

export const COLOUR_NAMES: readonly TColourName[] = COLOUR_IDS.map((id) => {
  const surfaces = COLOUR_SURFACES[id] ?? [];
  return {
    id,
    en: surfaces.find(isAscii) ?? id,
    zh: surfaces.find((s) => !isAscii(s)) ?? id,
  };
});
const BY_ID = new Map<string, TColourName>(COLOUR_NAMES.map((n) => [n.id, n]));

const REFERENCES: readonly { id: TColourId; lab: TLab }[] = (Object.entries(SHADES) as [TColourId, string[]][]).flatMap(
  ([id, hexes]) => hexes.map((hex) => ({ id, lab: hexToLab(hex) })),
);

export const colourName = (id: TColourId): TColourName => BY_ID.get(id)!;

export const isColourId = (id: string): id is TColourId => BY_ID.has(id);

/** The name of a measured colour and how far (CIEDE2000) it is from that name's nearest shade. */
export function nameColour(lab: TLab): TColourName & { distance: number } {
  let best = REFERENCES[0]!;
  let bestD = Infinity;
  for (const r of REFERENCES) {
    const d = deltaE2000(lab, r.lab);
    if (d < bestD) {
      bestD = d;
      best = r;
    }
  }
  return { ...colourName(best.id), distance: Math.round(bestD * 10) / 10 };
}

/** Distance (CIEDE2000) from a colour to the nearest reference shade of `id`. */
export function distanceToColour(lab: TLab, id: TColourId): number {
  let d = Infinity;
  for (const r of REFERENCES) if (r.id === id) d = Math.min(d, deltaE2000(lab, r.lab));
  return d;
}

// Names a photograph of a product sold in colour X may plausibly measure as: lighting, shadows,
// metal reflections and dyes move a colour across neighbouring names (a black bag photographs
// dark grey, a silver case light grey or white, navy reads as blue or black). Only a colour outside
// this set contradicts X.
const COMPATIBLE: Record<TColourId, readonly TColourId[]> = {
  black: ["black", "grey", "navy"],
  white: ["white", "silver", "beige", "grey"],
  silver: ["silver", "grey", "white"],
  grey: ["grey", "silver", "black", "white"],
  navy: ["navy", "blue", "black", "purple"],
  blue: ["blue", "navy", "purple"],
  red: ["red", "pink", "orange", "brown"],
  pink: ["pink", "red", "purple"],
  green: ["green", "khaki"],
  beige: ["beige", "white", "khaki", "brown", "yellow", "gold"],
  gold: ["gold", "yellow", "orange", "brown", "beige", "khaki"],
  purple: ["purple", "pink", "blue", "navy"],
  khaki: ["khaki", "beige", "brown", "green", "gold"],
  brown: ["brown", "khaki", "beige", "orange", "red", "gold"],
  yellow: ["yellow", "gold", "orange", "beige"],
  orange: ["orange", "red", "yellow", "brown", "gold"],
};

/** Whether a measured colour is consistent with a product sold in colour `id`. */
export function compatibleColour(measured: { id: TColourId; lab: TLab }, id: TColourId): boolean {
  if (COMPATIBLE[id].includes(measured.id)) return true;
  // Close to one of the name's shades although nearer to another name's (a dark khaki, a bluish grey).
  return distanceToColour(measured.lab, id) <= 12;
}

/** Achromatic colours (black, white, greys): the ones a background usually is. */
export const isNeutral = (lab: TLab): boolean => lch(lab).C < 8;
