import { describe, expect, it } from "vitest";
import { addCounts, countsFromReport, formatSummary, isSuccess } from "./vitest-summary.mjs";

const file = (name: string, status: string, statuses: string[], message = "") => ({
  name,
  status,
  message,
  assertionResults: statuses.map((s, i) => ({ title: `t${i}`, status: s })),
});

describe("countsFromReport", () => {
  it("counts passed, failed, skipped and todo tests", () => {
    const report = { testResults: [file("a.test.ts", "failed", ["passed", "failed", "skipped", "todo", "pending"])] };
    const counts = countsFromReport(report, { exitCode: 1 });
    expect([counts.passed, counts.failed, counts.skipped]).toEqual([1, 1, 3]);
  });

  it("counts a file that failed before any test as one failure", () => {
    const report = { testResults: [file("b.test.ts", "failed", [], "Cannot find module './x.js'\nstack")] };
    const counts = countsFromReport(report, { exitCode: 1 });
    expect(counts.failed).toBe(1);
    expect(counts.notes[0]).toContain("Cannot find module './x.js'");
  });

  it("turns a non-zero exit with all tests passing into a failure", () => {
    const report = { testResults: [file("c.test.ts", "passed", ["passed", "passed"])] };
    const counts = countsFromReport(report, { exitCode: 1 });
    expect([counts.passed, counts.failed]).toEqual([2, 1]);
    expect(isSuccess(counts)).toBe(false);
  });

  it("fails when no report was written", () => {
    const counts = countsFromReport(undefined, { exitCode: null, signal: "SIGKILL" });
    expect(counts.failed).toBe(1);
    expect(counts.notes[0]).toContain("SIGKILL");
  });

  it("accepts a clean run", () => {
    const counts = countsFromReport({ testResults: [file("d.test.ts", "passed", ["passed"])] }, { exitCode: 0 });
    expect(isSuccess(counts)).toBe(true);
  });
});

describe("formatSummary", () => {
  it("prints skipped only when there are any", () => {
    expect(formatSummary({ passed: 3, failed: 0, skipped: 0 })).toBe("3 passed, 0 failed");
    expect(formatSummary({ passed: 3, failed: 1, skipped: 2 })).toBe("3 passed, 1 failed, 2 skipped");
  });

  it("treats a run with no tests as a failure", () => {
    expect(isSuccess({ passed: 0, failed: 0 })).toBe(false);
  });

  it("adds counts of several runs", () => {
    const total = addCounts(
      { passed: 1, failed: 0, skipped: 1, notes: ["a"] },
      { passed: 2, failed: 1, skipped: 0, notes: ["b"] },
    );
    expect(total).toEqual({ passed: 3, failed: 1, skipped: 1, notes: ["a", "b"] });
  });
});
