import { describe, expect, it } from "vitest";
import { jsonDiff, jsonPreview } from "./json-diff";

describe("jsonDiff", () => {
  it("lists changed, added and removed leaves by path", () => {
    expect(
      jsonDiff(
        { status: "PENDING_REVIEW", text: "a", tags: ["x", "y"], meta: { by: "u1" } },
        { status: "APPROVED", text: "a", tags: ["x"], meta: { by: "u1", reason: "TONE" } },
      ),
    ).toEqual([
      { path: "meta.reason", kind: "added", after: "TONE" },
      { path: "status", kind: "changed", before: "PENDING_REVIEW", after: "APPROVED" },
      { path: "tags[1]", kind: "removed", before: "y" },
    ]);
  });

  it("handles a missing side and equal values", () => {
    expect(jsonDiff(null, { a: 1 })).toEqual([{ path: "(value)", kind: "added", after: { a: 1 } }]);
    expect(jsonDiff({ a: 1 }, null)).toEqual([{ path: "(value)", kind: "removed", before: { a: 1 } }]);
    expect(jsonDiff({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toEqual([]);
    expect(jsonDiff(null, null)).toEqual([]);
  });

  it("previews long values on one line", () => {
    expect(jsonPreview("x".repeat(200), 10)).toBe(`${"x".repeat(10)}…`);
    expect(jsonPreview({ a: 1 })).toBe('{"a":1}');
  });
});
