import { describe, expect, it } from "vitest";
import { normalizeText } from "./normalize.js";

describe("normalizeText", () => {
  it("folds full-width letters, digits and punctuation to half-width (NFKC)", () => {
    expect(normalizeText("ＡＢＣ１２３！（Ｘ）")).toBe("ABC123!(X)");
    expect(normalizeText("好评，推荐！")).toBe("好评,推荐!");
  });

  it("keeps CJK punctuation that NFKC does not map", () => {
    expect(normalizeText("很好。值得买")).toBe("很好。值得买");
  });

  it("collapses spaces, trims lines and keeps single newlines between paragraphs", () => {
    expect(normalizeText("  a \t  b\u3000c  \r\n\r\n\n   d  \u2028 e ")).toBe("a b c\nd\ne");
  });

  it("strips zero-width and control characters", () => {
    expect(normalizeText("zero\u200Bwidth\uFEFF \u0007bell\u0000 soft\u00ADhyphen \u200Ejoin")).toBe(
      "zerowidth bell softhyphen join",
    );
    expect(normalizeText("a\u200Db")).toBe("ab");
  });

  it("keeps emoji, including ZWJ sequences, skin tones and flags", () => {
    const family = "👨\u200D👩\u200D👧";
    expect(normalizeText(`great ${family} 👍🏽 🇨🇳 ❤️`)).toBe(`great ${family} 👍🏽 🇨🇳 ❤️`);
  });

  it("is idempotent and returns empty for blank input", () => {
    const once = normalizeText(" Ｘ\u200B  y\n\n z ");
    expect(normalizeText(once)).toBe(once);
    expect(normalizeText("")).toBe("");
    expect(normalizeText(" \n\t\u200B ")).toBe("");
  });
});
