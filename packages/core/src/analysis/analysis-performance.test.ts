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
