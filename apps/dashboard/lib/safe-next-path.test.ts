import { describe, expect, it } from "vitest";
import { safeNextPath } from "./safe-next-path";

describe("safeNextPath", () => {
  it("keeps same-origin paths with their query", () => {
    expect(safeNextPath("/products/42?q=x")).toBe("/products/42?q=x");
  });

  it.each([
    undefined,
    null,
    "",
    "https://evil.example/",
    "//evil.example/x",
    "/\\evil.example",
    "javascript:alert(1)",
    "/login?next=/x",
  ])("falls back to /products for %j", (raw) => {
    expect(safeNextPath(raw)).toBe("/products");
  });
});
