import { describe, expect, it } from "vitest";
import { PAUSED_POLL_MS, isJobActive, jobsPollPace } from "./job-status";

describe("jobsPollPace", () => {
  it("polls at the view's pace while anything is queued or running", () => {
    expect(jobsPollPace([{ status: "QUEUED" }])).toBe(true);
    expect(jobsPollPace([{ status: "COMPLETED" }, { status: "RUNNING" }, { status: "PAUSED" }])).toBe(true);
  });

  it("slows down when the only unfinished jobs are paused", () => {
    expect(jobsPollPace([{ status: "PAUSED" }, { status: "FAILED" }])).toBe(PAUSED_POLL_MS);
  });

  it("stops once everything has finished, or when there is nothing", () => {
    expect(jobsPollPace([{ status: "COMPLETED" }, { status: "CANCELLED" }, { status: "FAILED" }])).toBe(false);
    expect(jobsPollPace([])).toBe(false);
  });

  it("counts a paused job as unfinished", () => {
    expect(isJobActive({ status: "PAUSED" })).toBe(true);
    expect(isJobActive({ status: "COMPLETED" })).toBe(false);
  });
});
