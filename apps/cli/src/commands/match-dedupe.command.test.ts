import { describe, expect, it } from "vitest";
import { createTextEmbedder } from "@truecopy/ml";
import { MATCHER_MODEL } from "@truecopy/core";
import { matchLines } from "./match.command.js";
import { CatalogDedupe } from "./dedupe.command.js";

const embedder = createTextEmbedder(MATCHER_MODEL.embeddingModel);
const lines = (...raws: string[]) => raws.map((raw, i) => ({ line: i + 1, raw }));

describe("truecopy match (the stable CLI contract)", () => {
  it("answers {id, match, score} per line, in order", async () => {
    const errors: string[] = [];
    const out = await matchLines(
      lines(
        JSON.stringify({
          id: "p1",
          left: {
            name: "Panasonic KX-TG9343T DECT 6.0 cordless phone, 3 handsets",
            description: "answering system",
            price: 129.99,
          },
          right: { name: "panasonic kxtg9343t expandable digital cordless phone", description: null, price: "119.00" },
        }),
        JSON.stringify({
          id: 2,
          left: { name: "Sony WH-1000XM4 wireless noise cancelling headphones", price: 348 },
          right: { name: "Sony WH-1000XM5 wireless noise cancelling headphones", price: 348 },
        }),
      ),
      embedder,
      (e) => errors.push(e),
    );
    const [a, b] = out.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(Object.keys(a!)).toEqual(["id", "match", "score"]);
    expect(a).toMatchObject({ id: "p1", match: true });
    expect(b).toMatchObject({ id: 2, match: false });
    expect(a!.score as number).toBeGreaterThanOrEqual(MATCHER_MODEL.threshold);
    expect(b!.score as number).toBeLessThan(MATCHER_MODEL.threshold);
    expect(errors).toEqual([]);
  });

  it("refuses name embeddings of another model than the one the matcher was trained on", async () => {
    const other = createTextEmbedder("hashgram-v2");
    expect(other.model.name).not.toBe(MATCHER_MODEL.embeddingModel);
    await expect(matchLines(lines('{"id":1,"left":{"name":"a"},"right":{"name":"b"}}'), other)).rejects.toThrow(
      `${MATCHER_MODEL.name} scores cosines of ${MATCHER_MODEL.embeddingModel}, not hashgram-v2`,
    );
  });

  it("keeps a malformed line's place with an error naming the line and the field", async () => {
    const errors: string[] = [];
    const out = await matchLines(
      lines(
        "{not json",
        JSON.stringify({ id: "x", left: { name: "A" } }),
        JSON.stringify({ id: "y", left: { name: "A", price: "cheap" }, right: { name: "B" } }),
        JSON.stringify({ id: "z", left: { name: "" }, right: { name: "B", description: 5 } }),
        JSON.stringify({ id: "ok", left: { name: "Canon EOS 40D body" }, right: { name: "Canon EOS 40D body" } }),
      ),
      embedder,
      (e) => errors.push(e),
    );
    const parsed = out.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(parsed).toHaveLength(5);
    expect(parsed[0]!.error).toMatch(/^line 1: not valid JSON/);
    expect(parsed[1]).toEqual({ id: "x", error: expect.stringMatching(/^line 2 \(id "x"\): right: /) });
    expect(parsed[2]!.error).toMatch(/^line 3 \(id "y"\): left\.price: price must be a number, got "cheap"/);
    expect(parsed[3]!.error).toMatch(/left\.name: name must not be empty; right\.description: /);
    expect(parsed[4]).toMatchObject({ id: "ok", match: true });
    expect(errors).toHaveLength(4);
  });
});

describe("truecopy dedupe (the stable CLI contract)", () => {
  const base =
    "This stainless steel water bottle keeps drinks cold for 24 hours and hot for 12 hours. The double wall vacuum insulation prevents condensation, and the leak proof lid fits in most cup holders.";
  it("prints clusters with members in input order, the earliest as canonical", () => {
    const d = new CatalogDedupe();
    for (const [i, raw] of [
      {
        id: "a",
        title: "Steel bottle 750 ml",
        description: "Wireless earbuds with a charging case and thirty hours of music.",
      },
      { id: "b", title: "Vacuum bottle", description: base },
      { id: 7, title: "Bottle", description: `${base.replaceAll(".", "!")} 😀` },
      {
        id: "c",
        title: "Kettle",
        description: "An electric kettle that boils a litre of water in three minutes, with auto shut-off.",
      },
      { id: "d", title: "Water bottle", description: base.replace("most cup holders", "nearly all cup holders") },
      { id: "e", title: "全角", description: base.replace("stainless", "ｓｔａｉｎｌｅｓｓ") },
    ].entries())
      d.add({ line: i + 1, raw: JSON.stringify(raw) });
    expect(d.errors).toEqual([]);
    const clusters = d.clusters();
    expect(clusters).toHaveLength(1);
    expect(clusters[0]).toEqual({
      cluster: 1,
      members: ["b", 7, "d", "e"],
      canonical: "b",
      method: expect.stringMatching(/^(SIMHASH|MINHASH)$/),
      score: expect.any(Number),
    });
    expect(Object.keys(clusters[0]!)).toEqual(["cluster", "members", "canonical", "method", "score"]);
    expect(clusters[0]!.score).toBeGreaterThan(0.8);
  });

  it("reports malformed lines and repeated ids by line and field, and leaves them out", () => {
    const d = new CatalogDedupe();
    d.add({ line: 1, raw: JSON.stringify({ id: "a", title: "T", description: base }) });
    d.add({ line: 2, raw: "[1,2" });
    d.add({ line: 3, raw: JSON.stringify({ id: "b", description: base }) });
    d.add({ line: 4, raw: JSON.stringify({ id: "a", title: "again", description: base }) });
    d.add({ line: 5, raw: JSON.stringify({ id: { x: 1 }, title: "t" }) });
    expect(d.errors).toEqual([
      expect.stringMatching(/^line 2: not valid JSON/),
      'line 3 (id "b"): title: title must be a string',
      'line 4 (id "a"): id: repeats the id of line 1',
      "line 5: id: id must be a string or a number",
    ]);
    expect(d.clusters()).toEqual([]);
  });
});
