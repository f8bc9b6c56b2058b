import { describe, expect, it } from "vitest";
import { claimRuns } from "./claim-spans";

describe("claimRuns", () => {
  it("cuts a text into plain and claim runs that join back into the text", () => {
    const text = "这款连衣裙，白色的设计。";
    const runs = claimRuns(text, [
      { start: 6, end: 8, source: "attribute:颜色", sourceKind: "attribute" },
      { start: 2, end: 5, source: "attribute:裙长", sourceKind: "attribute" },
    ]);
    expect(runs.map((r) => r.text).join("")).toBe(text);
    expect(runs.filter((r) => r.claim).map((r) => [r.text, r.claim!.source])).toEqual([
      ["连衣裙", "attribute:裙长"],
      ["白色", "attribute:颜色"],
    ]);
  });

  it("keeps the first of overlapping claims and ignores spans outside the text", () => {
    const runs = claimRuns("Battery life: 7 days.", [
      { start: 0, end: 20, source: "attribute:battery life", sourceKind: "attribute" },
      { start: 14, end: 20, source: "attribute:battery life", sourceKind: "attribute" },
      { start: 30, end: 40, source: "x", sourceKind: "attribute" },
    ]);
    expect(runs.map((r) => [r.text, !!r.claim])).toEqual([
      ["Battery life: 7 days", true],
      [".", false],
    ]);
  });
});
