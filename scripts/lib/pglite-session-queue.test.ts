import { describe, expect, it } from "vitest";
import { createBackendMessageTracker } from "./pglite-session-queue.mjs";

function message(type: string, body: number[] = []): number[] {
  const length = body.length + 4;
  return [
    type.charCodeAt(0),
    (length >>> 24) & 255,
    (length >>> 16) & 255,
    (length >>> 8) & 255,
    length & 255,
    ...body,
  ];
}

const readyForQuery = (status: string) => message("Z", [status.charCodeAt(0)]);
const commandComplete = message("C", [...Buffer.from("SELECT 1"), 0]);
const dataRow = message("D", [0, 1, 0, 0, 0, 1, 0x31]);

function feed(bytes: number[], sizes: number[]) {
  const tracker = createBackendMessageTracker();
  let offset = 0;
  for (const size of sizes) {
    tracker.push(Uint8Array.from(bytes.slice(offset, offset + size)));
    offset += size;
  }
  tracker.push(Uint8Array.from(bytes.slice(offset)));
  return tracker;
}

describe("createBackendMessageTracker", () => {
  const cycle = [...dataRow, ...commandComplete, ...readyForQuery("I")];

  it("sees the end of a cycle in one chunk", () => {
    expect(feed(cycle, []).endedIdle).toBe(true);
  });

  it("sees the end of a cycle split at every byte", () => {
    expect(
      feed(
        cycle,
        Array.from({ length: cycle.length - 1 }, () => 1),
      ).endedIdle,
    ).toBe(true);
  });

  it("does not end the cycle inside a transaction or a failed one", () => {
    expect(feed([...commandComplete, ...readyForQuery("T")], []).endedIdle).toBe(false);
    expect(feed([...commandComplete, ...readyForQuery("E")], []).endedIdle).toBe(false);
  });

  it("does not end the cycle on ParseComplete/BindComplete without Sync", () => {
    expect(feed([...message("1"), ...message("2")], []).endedIdle).toBe(false);
  });

  it("does not end the cycle on a truncated ReadyForQuery", () => {
    const bytes = [...commandComplete, ...readyForQuery("I")];
    const tracker = createBackendMessageTracker();
    tracker.push(Uint8Array.from(bytes.slice(0, bytes.length - 1)));
    expect(tracker.endedIdle).toBe(false);
  });

  it("does not take data that looks like ReadyForQuery inside a row for the end", () => {
    const tricky = message("D", [0, 1, 0, 0, 0, 6, ...readyForQuery("I")]);
    expect(feed([...readyForQuery("I"), ...tricky], [3]).endedIdle).toBe(false);
  });
});
