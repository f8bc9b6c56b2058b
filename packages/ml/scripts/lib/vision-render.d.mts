// Types of vision-render.mjs for the TypeScript tests that use it.
export type TVisionSample = {
  id: string;
  colourId: string;
  hex: string;
  font: string;
  size: number;
  lines: string[];
  lang: "zh" | "en" | "mixed";
  background: string;
  label: boolean;
  rotate: number;
  jpeg: boolean;
};
export type TRenderedSample = TVisionSample & {
  png: Buffer;
  fittedSize: number;
  lineBoxes: [number, number, number, number][];
};
export const CHROMIUM_PATH: string;
export const FONTS: string[];
export const SIZES: number[];
export const SWATCHES: Record<string, string[]>;
export const ACCEPTED: Record<string, string[]>;
export const ZH_LINES: string[];
export const EN_LINES: string[];
export function visionSamples(count: number, seed?: number): TVisionSample[];
export function renderVisionSamples(samples: TVisionSample[]): Promise<TRenderedSample[]>;
export function editDistance(a: string, b: string): number;
export function characterAccuracy(pairs: { truth: string; read: string }[], options?: { spaces?: boolean }): number;
