import { describe, expect, it } from "vitest";
import { summarisePayload } from "./queue-payload.js";

describe("summarisePayload", () => {
  it("shortens ids, counts lists and keeps small values", () => {
    expect(
      summarisePayload({
        jobRunId: "0f8fad5b-d9cb-469f-a165-70867728950e",
        batchKey: "outbox-42",
        productIds: ["a", "b", "c"],
      }),
    ).toBe("jobRunId=0f8fad5b… batchKey=outbox-42 productIds=[3]");
  });

  it("cuts long strings and many keys, and copes with non-objects", () => {
    const long = "x".repeat(100);
    expect(summarisePayload({ text: long })).toBe(`text=${"x".repeat(40)}…`);
    const many = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`k${i}`, i]));
    expect(summarisePayload(many)).toBe("k0=0 k1=1 k2=2 k3=3 k4=4 k5=5 +3 more");
    expect(summarisePayload(null)).toBe("null");
    expect(summarisePayload([1, 2])).toBe("[2]");
    expect(summarisePayload({ nested: { a: 1 } })).toBe("nested={…}");
  });
});
