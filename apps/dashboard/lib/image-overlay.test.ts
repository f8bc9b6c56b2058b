import { describe, expect, it } from "vitest";
import { clipBox, overlayShapes, strokeFor } from "./image-overlay";

describe("image overlay", () => {
  it("clips boxes to the image and drops those outside it", () => {
    expect(clipBox([10, 20, 30, 40], 100, 100)).toEqual([10, 20, 30, 40]);
    expect(clipBox([-10, 90, 30, 40], 100, 100)).toEqual([0, 90, 20, 10]);
    expect(clipBox([120, 10, 30, 40], 100, 100)).toBeNull();
    expect(clipBox([10, 10, 0, 40], 100, 100)).toBeNull();
    expect(clipBox([Number.NaN, 10, 5, 5], 100, 100)).toEqual([0, 10, 5, 5]);
  });

  it("puts text lines under findings and leaves out findings without a box", () => {
    const shapes = overlayShapes({
      width: 400,
      height: 300,
      findings: [
        { id: "f1", severity: "HIGH", box: [40, 20, 120, 30], label: "100%有效" },
        { id: "f2", severity: "LOW", box: null, label: "blurred" },
      ],
      lines: [{ id: "l1", text: "100%有效 天然", box: [38, 18, 200, 34], confidence: 0.97 }],
    });
    expect(shapes.map((s) => [s.kind, s.id])).toEqual([
      ["text", "l1"],
      ["finding", "f1"],
    ]);
    expect(shapes[1]).toMatchObject({ x: 40, y: 20, width: 120, height: 30, severity: "HIGH" });
  });

  it("keeps strokes about two screen pixels wide", () => {
    expect(strokeFor(1600, 400)).toBe(8);
    expect(strokeFor(200, 400)).toBe(1);
    expect(strokeFor(0, 400)).toBe(2);
  });
});
