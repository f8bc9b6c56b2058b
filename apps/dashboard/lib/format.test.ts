import { describe, expect, it } from "vitest";
import { formatAge, formatAttributeValue, formatDateTime, formatPercent, formatPrice } from "./format";

describe("formatters", () => {
  it("formats prices with ISO currencies and falls back for unknown ones", () => {
    expect(formatPrice(299, "CNY")).toBe("CN¥299.00");
    expect(formatPrice(49.99, "USD")).toBe("US$49.99");
    expect(formatPrice(5, "points")).toBe("5.00 points");
    expect(formatPrice(null, "USD")).toBe("—");
  });

  it("never shows a percentage outside 0–100 and does not round up to 100 early", () => {
    expect(formatPercent(0.999)).toBe("99%");
    expect(formatPercent(1)).toBe("100%");
    expect(formatPercent(1.5)).toBe("100%");
    expect(formatPercent(-1)).toBe("0%");
  });

  it("shows attribute values of any JSON shape", () => {
    expect(formatAttributeValue("黑色")).toBe("黑色");
    expect(formatAttributeValue(8)).toBe("8");
    expect(formatAttributeValue(["red", "blue"])).toBe("red, blue");
    expect(formatAttributeValue({ w: 10 })).toBe('{"w":10}');
    expect(formatAttributeValue(null)).toBe("—");
  });

  it("formats dates and prices for the interface language", () => {
    expect(formatPrice(299, "CNY", "zh")).toBe("¥299.00");
    expect(formatDateTime("2026-03-04T05:06:00Z", "en")).toMatch(/04 Mar 2026/);
    expect(formatDateTime("2026-03-04T05:06:00Z", "zh")).toMatch(/2026\/03\/04/);
    expect(formatDateTime("not a date")).toBe("not a date");
  });

  it("shows ages in the largest unit that fits", () => {
    expect(formatAge(5)).toBe("5 s");
    expect(formatAge(61)).toBe("1 min");
    expect(formatAge(7200)).toBe("2 h");
    expect(formatAge(3 * 86_400 + 5)).toBe("3 d");
    expect(formatAge(-3)).toBe("0 s");
  });
});
