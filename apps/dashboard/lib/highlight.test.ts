import { describe, expect, it } from "vitest";
import { highlightRuns } from "./highlight";

describe("highlightRuns", () => {
  it("cuts the text at span boundaries and keeps every character once", () => {
    const text = "全网最低价，国家级品质";
    const runs = highlightRuns(text, [
      { id: "a", start: 0, end: 5 },
      { id: "b", start: 6, end: 9 },
    ]);
    expect(runs.map((r) => [r.text, r.spans.map((s) => s.id)])).toEqual([
      ["全网最低价", ["a"]],
      ["，", []],
      ["国家级", ["b"]],
      ["品质", []],
    ]);
    expect(runs.map((r) => r.text).join("")).toBe(text);
  });

  it("splits overlaps, innermost span first, and uses UTF-16 offsets", () => {
    const text = "best 🔋 ever";
    // The emoji is two UTF-16 code units (5..7).
    const runs = highlightRuns(text, [
      { id: "outer", start: 0, end: 12 },
      { id: "inner", start: 5, end: 7 },
    ]);
    expect(runs.map((r) => [r.text, r.spans.map((s) => s.id)])).toEqual([
      ["best ", ["outer"]],
      ["🔋", ["inner", "outer"]],
      [" ever", ["outer"]],
    ]);
  });

  it("ignores empty or inverted spans and clamps spans past the end", () => {
    expect(
      highlightRuns("abc", [
        { id: "x", start: 2, end: 2 },
        { id: "y", start: 2, end: 1 },
        { id: "z", start: 1, end: 99 },
      ]).map((r) => [r.text, r.spans.length]),
    ).toEqual([
      ["a", 0],
      ["bc", 1],
    ]);
    expect(highlightRuns("", [])).toEqual([]);
  });
});
