import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { spanIndex } from "./span-index.js";

describe("spanIndex", () => {
  it("answers covers and overlaps exactly like a scan", () => {
    const span = fc
      .tuple(fc.nat(50), fc.integer({ min: 1, max: 20 }))
      .map(([start, len]) => ({ start, end: start + len }));
    fc.assert(
      fc.property(fc.array(span, { maxLength: 12 }), span, (spans, s) => {
        const idx = spanIndex(spans);
        expect(idx.covers(s)).toBe(spans.some((x) => x.start <= s.start && s.end <= x.end));
        expect(idx.overlaps(s)).toBe(spans.some((x) => x.start < s.end && s.start < x.end));
      }),
    );
  });
});
