import { describe, expect, it } from "vitest";
import { lemmatizeEnglish } from "./english-lemmatizer.js";
import { isStopword } from "./stopwords.js";
import { tokenize, type TToken } from "./tokenizer.js";

const show = (tokens: TToken[]) => tokens.map((t) => `${t.text}/${t.kind}`);

describe("tokenize", () => {
  it("segments Chinese with the product dictionary and tags POS", () => {
    const tokens = tokenize("蓝牙耳机续航长，真无线降噪");
    // Token text is NFKC-folded ("，" → ","); offsets still point at the original characters.
    expect(tokens.map((t) => t.text)).toEqual(["蓝牙耳机", "续航", "长", ",", "真无线", "降噪"]);
    expect(tokens.find((t) => t.text === "续航")?.pos).toBe("n");
    expect(tokens.find((t) => t.text === ",")?.kind).toBe("punct");
  });

  it("marks numbers and the unit right after them, with or without a space", () => {
    expect(show(tokenize("续航30天，5000 mAh"))).toEqual(["续航/word", "30/number", "天/unit", ",/punct", "5000/number", "mAh/unit"]);
    expect(show(tokenize("1.5kg and 10,000mAh"))).toEqual(["1.5/number", "kg/unit", "and/word", "10,000/number", "mAh/unit"]);
    // A word that is not a unit stays a word.
    expect(tokenize("5000 apples")[1]?.kind).toBe("word");
  });

  it("tokenizes English with lemmas", () => {
    const tokens = tokenize("Batteries lasted, charging boxes don't fit");
    expect(tokens.filter((t) => t.kind === "word").map((t) => t.lemma)).toEqual([
      "battery",
      "last",
      "charge",
      "box",
      "don't",
      "fit",
    ]);
    expect(tokenize("Batteries", "other")[0]?.lemma).toBeUndefined();
    // Words of other scripts are words without an English lemma.
    expect(tokenize("батареи")[0]).toMatchObject({ kind: "word", pos: "x" });
    expect(tokenize("батареи")[0]?.lemma).toBeUndefined();
  });

  it("keeps emoji as emoji tokens, including skin tones, ZWJ sequences and flags", () => {
    const text = "好用👍🏻 love it 👨‍👩‍👧 🇨🇳!";
    const emoji = tokenize(text).filter((t) => t.kind === "emoji");
    expect(emoji.map((t) => text.slice(t.start, t.end))).toEqual(["👍🏻", "👨‍👩‍👧", "🇨🇳"]);
    expect(tokenize(text).some((t) => t.kind === "word" && /\p{Extended_Pictographic}/u.test(t.text))).toBe(false);
  });

  it("handles mixed zh/en run by run", () => {
    const tokens = tokenize("这款iPhone手机壳5000mAh很薄");
    expect(show(tokens)).toEqual(["这/word", "款/word", "iPhone/word", "手机壳/word", "5000/number", "mAh/unit", "很薄/word"]);
    expect(tokens.find((t) => t.text === "iPhone")).toMatchObject({ start: 2, end: 8, lemma: "iphone" });
  });

  it("reports offsets into the original text even when it is full-width or has invisible characters", () => {
    const text = "\u200B５０００ｍＡｈ　大电池\uFEFF，Ｇｒｅａｔ";
    const tokens = tokenize(text);
    expect(show(tokens)).toEqual(["5000/number", "mAh/unit", "大/word", "电池/word", ",/punct", "Great/word"]);
    expect(tokens.map((t) => text.slice(t.start, t.end))).toEqual(["５０００", "ｍＡｈ", "大", "电池", "，", "Ｇｒｅａｔ"]);
  });

  it("keeps offsets ordered and within bounds on arbitrary input", () => {
    const text = "a\uD800b 手表\uDC00 😀\u200D x\n\n  ，。12.5.6";
    const tokens = tokenize(text);
    let last = 0;
    for (const t of tokens) {
      expect(t.start).toBeGreaterThanOrEqual(last);
      expect(t.end).toBeGreaterThan(t.start);
      expect(t.end).toBeLessThanOrEqual(text.length);
      last = t.end;
    }
  });

  it("returns nothing for empty or blank text", () => {
    expect(tokenize("")).toEqual([]);
    expect(tokenize(" \n\t ")).toEqual([]);
  });
});

describe("lemmatizeEnglish", () => {
  it("folds plurals, -ing/-ed and irregular forms", () => {
    expect(["watches", "straps", "batteries", "charging", "charged", "stopped", "rated", "women", "built", "glass"].map(lemmatizeEnglish)).toEqual(
      ["watch", "strap", "battery", "charge", "charge", "stop", "rate", "woman", "build", "glass"],
    );
  });
});

describe("isStopword", () => {
  it("knows zh and en function words", () => {
    expect(["的", "了", "The", "and"].every(isStopword)).toBe(true);
    expect(["续航", "battery"].some(isStopword)).toBe(false);
  });
});

describe("tokenize offsets with expanding normalisation", () => {
  it("maps characters that NFKC expands back to the one original character", () => {
    const text = "重量2㎏，".repeat(40) + "ﬁne";
    const tokens = tokenize(text);
    const units = tokens.filter((t) => t.kind === "unit");
    expect(units).toHaveLength(40);
    expect(units.every((t) => text.slice(t.start, t.end) === "㎏" && t.text === "kg")).toBe(true);
    expect(text.slice(tokens.at(-1)!.start, tokens.at(-1)!.end)).toBe("ﬁne");
  });
});
