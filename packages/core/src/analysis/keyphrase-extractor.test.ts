import { describe, expect, it } from "vitest";
import { buildDocumentFrequencies, extractKeyphrases } from "./keyphrase-extractor.js";
import { tokenize } from "./tokenizer.js";

const catalog = [
  "智能手表续航14天，支持心率监测和睡眠监测，表壳采用钛合金。",
  "蓝牙耳机续航30小时，主动降噪，佩戴舒适。",
  "充电宝容量10000mAh，支持快充，轻薄便携。",
  "纯棉T恤，面料柔软透气，日常百搭。",
  "不粘锅采用铸铝锅身，麦饭石涂层，少油不粘。",
];

describe("extractKeyphrases", () => {
  it("ranks the content words of a product text and gives their offsets", () => {
    const text = "这款智能手表续航长达14天，智能手表支持心率监测，续航表现出色。";
    const phrases = extractKeyphrases(tokenize(text), { k: 5 });
    expect(phrases.length).toBeGreaterThan(0);
    expect(phrases.length).toBeLessThanOrEqual(5);
    const top = phrases.slice(0, 3).map((p) => p.phrase);
    expect(top).toEqual(expect.arrayContaining(["智能手表", "续航"]));
    for (const p of phrases) expect(text.slice(p.start, p.end).length).toBeGreaterThan(0);
    // No stopwords or punctuation.
    expect(phrases.map((p) => p.phrase)).not.toContain("这款");
    expect(phrases.every((p, i) => i === 0 || phrases[i - 1]!.score >= p.score)).toBe(true);
  });

  it("down-weights words every catalog document has (IDF)", () => {
    const { df, docCount } = buildDocumentFrequencies(catalog);
    expect(docCount).toBe(5);
    expect(df.get("续航")).toBe(2);
    const tokens = tokenize("续航持久，钛合金表壳，续航稳定，钛合金坚固");
    const plain = extractKeyphrases(tokens, { k: 10 });
    const weighted = extractKeyphrases(tokens, { k: 10, df, docCount });
    const score = (list: typeof plain, phrase: string) => list.find((p) => p.phrase === phrase)?.score ?? 0;
    // Both appear twice; with IDF the rarer 钛合金 gains on the common 续航.
    expect(score(weighted, "钛合金") - score(weighted, "续航")).toBeGreaterThan(score(plain, "钛合金") - score(plain, "续航"));
    // A plain record works like a Map.
    expect(extractKeyphrases(tokens, { k: 10, df: Object.fromEntries(df), docCount })).toEqual(weighted);
  });

  it("uses lemmas for English and joins adjacent top words into phrases", () => {
    const text = "Long battery life. The battery lasts a week and battery life beats other watches.";
    const phrases = extractKeyphrases(tokenize(text), { k: 6 });
    expect(phrases.map((p) => p.phrase)).toEqual(expect.arrayContaining(["battery", "battery life"]));
    const life = phrases.find((p) => p.phrase === "battery life")!;
    expect(text.slice(life.start, life.end)).toBe("battery life");
  });

  it("returns nothing for empty text, emoji or k = 0", () => {
    expect(extractKeyphrases(tokenize(""), { k: 5 })).toEqual([]);
    expect(extractKeyphrases(tokenize("😀👍 !!"), { k: 5 })).toEqual([]);
    expect(extractKeyphrases(tokenize("智能手表"), { k: 0 })).toEqual([]);
  });
});

describe("extractKeyphrases on mixed text", () => {
  it("writes mixed zh/en phrases without a space between scripts", () => {
    const text = "EVA中底回弹好。EVA中底轻，EVA中底耐穿。";
    const phrases = extractKeyphrases(tokenize(text), { k: 5 }).map((p) => p.phrase);
    expect(phrases).toContain("eva中底");
  });
});
