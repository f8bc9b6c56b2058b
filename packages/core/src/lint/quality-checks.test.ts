import { describe, expect, it } from "vitest";
import { lint } from "./lint.js";

const quality = (text: string, locale: string) =>
  lint({ text, locale })
    .findings.filter((f) => f.category === "QUALITY")
    .map((f) => [f.rule, f.match, f.suggestion ?? null, f.severity]);

describe("QUALITY", () => {
  it("repeated punctuation (INFO, autofix to one)", () => {
    expect(quality("太好用了！！！", "zh")).toEqual([["zh.quality.repeated_punctuation", "！！！", "！", "INFO"]]);
    expect(quality("Love it!!!", "en")).toEqual([["en.quality.repeated_punctuation", "!!!", "!", "INFO"]]);
    expect(quality("Wait... what?", "en")).toEqual([]);
  });
  it("doubled words and typos (LOW, autofix)", () => {
    expect(quality("柔软的的面料", "zh")).toEqual([["zh.quality.duplicate_word", "的的", "的", "LOW"]]);
    expect(quality("不了了之", "zh")).toEqual([]);
    expect(quality("视觉震憾", "zh")).toEqual([["zh.quality.typo", "震憾", "震撼", "LOW"]]);
    expect(quality("Made for the the kitchen", "en")).toEqual([["en.quality.duplicate_word", "the the", "the", "LOW"]]);
    expect(quality("You will recieve two", "en")).toEqual([["en.quality.typo", "recieve", "receive", "LOW"]]);
  });
  it("mixed widths (INFO, autofix)", () => {
    expect(quality("内存１２８ＧＢ，续航长,充电快", "zh")).toEqual([
      ["zh.quality.full_width", "１２８ＧＢ", "128GB", "INFO"],
      ["zh.quality.mixed_punctuation", ",", "，", "INFO"],
    ]);
  });
  it("keyword stuffing (LOW)", () => {
    expect(quality("手机壳苹果手机壳iPhone手机壳防摔手机壳透明手机壳", "zh")).toEqual([
      ["zh.quality.keyword_stuffing", expect.stringMatching(/^手机壳.*手机壳$/), null, "LOW"],
    ]);
    expect(quality("phone case cute phone case clear phone case slim phone case for girls", "en")).toEqual([
      ["en.quality.keyword_stuffing", "phone", null, "LOW"],
    ]);
    expect(quality("纯棉T恤，纯棉面料柔软透气，适合夏天穿着", "zh")).toEqual([]);
  });
});
