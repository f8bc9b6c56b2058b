import { describe, expect, it } from "vitest";
import { createSentimentClassifier, loadLanguageIdentifier } from "@truecopy/ml";
import { analyzeLines } from "./analyze.command.js";

const classifier = createSentimentClassifier();
const run = async (...raws: string[]) =>
  (
    await analyzeLines(
      raws.map((raw, i) => ({ line: i + 1, raw })),
      classifier,
      await loadLanguageIdentifier(),
    )
  ).map((l) => JSON.parse(l) as Record<string, any>);

describe("truecopy analyze (the stable CLI contract)", () => {
  it("returns language, tokens, keyphrases, attributes with UTF-16 offsets and sentiment, in input order", async () => {
    const text = "这款智能手表😀续航14天，支持50米防水，黑色表带，很好用";
    const [zh, en] = await run(
      JSON.stringify({ id: "zh", text }),
      JSON.stringify({ id: 2, text: "Great 5000 mAh power bank, charges fast.", locale: "en-US" }),
    );
    expect(zh).toMatchObject({
      id: "zh",
      language: "zh",
      // "续航14天" states a fact, not an opinion: whatever the model reads, the offsets are fixed.
      aspects: [
        { aspect: "battery", sentiment: expect.stringMatching(/^(positive|negative|neutral)$/), start: 8, end: 10 },
      ],
    });
    expect(text.slice(8, 10)).toBe("续航");
    expect(zh!.tokens).toEqual(expect.arrayContaining(["智能手表", "续航", "防水"]));
    expect(zh!.tokens).not.toContain("😀");
    for (const a of zh!.attributes) expect(text.slice(a.start, a.end)).toBe(a.value);
    expect(zh!.attributes.map((a: { key: string }) => a.key)).toEqual(
      expect.arrayContaining(["battery_life", "water_resistance", "colour"]),
    );
    expect(zh!.sentiment.label).toBe("positive");
    expect(en).toMatchObject({
      id: 2,
      language: "en",
      attributes: [{ key: "battery_capacity", value: "5000 mAh", start: 6, end: 14 }],
    });
    expect(Object.keys(en!)).toEqual(["id", "language", "tokens", "keyphrases", "attributes", "sentiment", "aspects"]);
  });

  it("returns review aspects with their sentiment and the aspect word's offsets", async () => {
    const zh = "外观不错，但是电池不耐用。物流也太慢了";
    const en = "😀 The screen is gorgeous but shipping took forever and the battery life is not great.";
    const [a, b] = await run(JSON.stringify({ id: "a", text: zh }), JSON.stringify({ id: "b", text: en }));
    expect(a!.aspects.map((x: any) => [x.aspect, x.sentiment, zh.slice(x.start, x.end)])).toEqual([
      ["appearance", "positive", "外观"],
      ["battery", "negative", "电池"],
      ["shipping", "negative", "物流"],
    ]);
    expect(b!.aspects.map((x: any) => [x.aspect, x.sentiment, en.slice(x.start, x.end)])).toEqual([
      ["screen", "positive", "screen"],
      ["shipping", expect.any(String), "shipping"],
      ["battery", "negative", "battery life"],
    ]);
    expect(Object.keys(a!.aspects[0])).toEqual(["aspect", "sentiment", "start", "end"]);
  });

  it("tells English from other Latin-script languages", async () => {
    const [fr, en] = await run(
      JSON.stringify({ id: "fr", text: "Très bon produit, la batterie tient toute la journée." }),
      JSON.stringify({ id: "en", text: "Very good product, the battery lasts all day." }),
    );
    expect([fr!.language, en!.language]).toEqual(["other", "en"]);
  });

  it("answers a bad line with an error (and its id when it has one) and goes on", async () => {
    const out = await run("{broken", JSON.stringify({ id: "c" }), JSON.stringify({ id: "ok", text: "" }));
    expect(out[0]).toEqual({ error: expect.stringMatching(/^line 1: not valid JSON/) });
    expect(out[1]).toEqual({ id: "c", error: "line 2: text: text must be a string" });
    expect(out[2]).toMatchObject({ id: "ok", language: "other", tokens: [], sentiment: { label: "neutral" } });
  });

  it("handles a 1 MB text", async () => {
    const [big] = await run(JSON.stringify({ id: "big", text: "续航很长，电池5000mAh。".repeat(70_000) }));
    expect(big!.id).toBe("big");
    expect(big!.error).toBeUndefined();
    // A generous limit: a 1 MB text takes a second or two, more on a loaded machine.
  }, 30_000);
});
