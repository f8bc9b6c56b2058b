import { describe, expect, it } from "vitest";
import { createSentimentClassifier } from "@truecopy/ml";
import { analyzeLines } from "./analyze.command.js";

const classifier = createSentimentClassifier();
const run = async (...raws: string[]) =>
  (
    await analyzeLines(
      raws.map((raw, i) => ({ line: i + 1, raw })),
      classifier,
    )
  ).map((l) => JSON.parse(l) as Record<string, any>);

describe("truecopy analyze (the stable CLI contract)", () => {
  it("returns language, tokens, keyphrases, attributes with UTF-16 offsets and sentiment, in input order", async () => {
    const text = "这款智能手表😀续航14天，支持50米防水，黑色表带，很好用";
    const [zh, en] = await run(
      JSON.stringify({ id: "zh", text }),
      JSON.stringify({ id: 2, text: "Great 5000 mAh power bank, charges fast.", locale: "en-US" }),
    );
    expect(zh).toMatchObject({ id: "zh", language: "zh", aspects: [] });
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
  });
});
