import { describe, expect, it } from "vitest";
import { extractAttributes } from "./attribute-extractor.js";
import { extractKeyphrases } from "./keyphrase-extractor.js";
import { tokenize } from "./tokenizer.js";

describe("analysis of a 1 MB text", () => {
  it("tokenizes, ranks and extracts without blowing up", () => {
    const unit = "这款智能手表续航14天，5000mAh大电池，IP68防水，黑色铝合金表壳。Great battery, 1.5 kg, 65W fast charging 👍. ";
    const text = unit.repeat(Math.ceil((1 << 20) / unit.length));
    const tokens = tokenize(text);
    expect(tokens.length).toBeGreaterThan(100_000);
    expect(tokens.at(-1)!.end).toBeLessThanOrEqual(text.length);
    expect(extractKeyphrases(tokens, { k: 10 })).toHaveLength(10);
    const facts = extractAttributes(text);
    expect(facts.filter((f) => f.key === "battery_capacity").length).toBe(Math.ceil((1 << 20) / unit.length));
  });
});

describe("analysis of degenerate 1 MB inputs", () => {
  it.each([
    ["digits", "1234567890"],
    ["capitals", "ABCDEFGHXL"],
    ["numbers with units", "5 mAh 5 "],
    ["dotted numbers", "1.2.3.4,5,"],
    ["emoji", "😀👍🏻🇨🇳"],
    ["one Han character", "续"],
  ])("%s", (_name, unit) => {
    const text = unit.repeat(Math.ceil((1 << 20) / unit.length));
    const tokens = tokenize(text);
    expect(tokens.length).toBeGreaterThan(0);
    expect(tokens.at(-1)!.end).toBeLessThanOrEqual(text.length);
    extractKeyphrases(tokens, { k: 10 });
    expect(Array.isArray(extractAttributes(text))).toBe(true);
  });
});
