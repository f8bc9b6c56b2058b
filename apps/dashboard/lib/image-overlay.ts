// Shapes to draw over a product image: findings' boxes and recognised text lines, in the image's own
// pixels ([x, y, width, height], origin top left, as the vision checks report them). The overlay is an
// SVG whose viewBox is the image's size, so the boxes scale with the picture however it is shown.

export type TImageBox = readonly [number, number, number, number];

export type TOverlayFinding = { id: string; severity: string; box?: TImageBox | null; label: string };
export type TOverlayLine = { id: string; text: string; box: TImageBox; confidence: number };

export type TOverlayShape = {
  id: string;
  kind: "finding" | "text";
  x: number;
  y: number;
  width: number;
  height: number;
  severity: string | null;
  label: string;
};

const finite = (n: number) => (Number.isFinite(n) ? n : 0);

/** A box clipped to the image; null when nothing of it is inside. */
export function clipBox(box: TImageBox, width: number, height: number): [number, number, number, number] | null {
  const x0 = Math.max(0, Math.min(width, finite(box[0])));
  const y0 = Math.max(0, Math.min(height, finite(box[1])));
  const x1 = Math.max(0, Math.min(width, finite(box[0]) + Math.max(0, finite(box[2]))));
  const y1 = Math.max(0, Math.min(height, finite(box[1]) + Math.max(0, finite(box[3]))));
  return x1 > x0 && y1 > y0 ? [x0, y0, x1 - x0, y1 - y0] : null;
}

/** Text lines first (drawn under), findings on top; boxes outside the image are left out. */
export function overlayShapes(o: {
  width: number;
  height: number;
  findings: readonly TOverlayFinding[];
  lines: readonly TOverlayLine[];
}): TOverlayShape[] {
  const shapes: TOverlayShape[] = [];
  for (const line of o.lines) {
    const b = clipBox(line.box, o.width, o.height);
    if (b)
      shapes.push({
        id: line.id,
        kind: "text",
        x: b[0],
        y: b[1],
        width: b[2],
        height: b[3],
        severity: null,
        label: line.text,
      });
  }
  for (const f of o.findings) {
    const b = f.box ? clipBox(f.box, o.width, o.height) : null;
    if (b)
      shapes.push({
        id: f.id,
        kind: "finding",
        x: b[0],
        y: b[1],
        width: b[2],
        height: b[3],
        severity: f.severity,
        label: f.label,
      });
  }
  return shapes;
}

/** Stroke width in image pixels that looks about 2 px wide at the size the image is shown. */
export function strokeFor(imageWidth: number, shownWidth: number): number {
  if (!(imageWidth > 0) || !(shownWidth > 0)) return 2;
  return Math.max(1, (2 * imageWidth) / shownWidth);
}
