import { afterAll, describe, expect, it } from "vitest";
import { createTextEmbedder, releaseEmbeddingSessions } from "./embedder.js";
import { DEFAULT_TEXT_EMBEDDING_MODEL, getModelSpec, MODELS } from "./registry.js";

const cosine = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i]!, 0);
const norm = (a: Float32Array) => Math.sqrt(cosine(a, a));

// Hand-written listings (not taken from any data set).
const EN = {
  watch: "Smart watch with heart rate monitor, GPS and 7-day battery life, waterproof fitness tracker",
  watchParaphrase: "Waterproof fitness smartwatch that tracks your heart rate, built-in GPS, battery lasts 7 days",
  watchNearDuplicate: "Smart watch with heart-rate monitor & GPS, 7 day battery life - waterproof fitness tracker!",
  dress: "Women's floral summer dress, A-line midi skirt in soft chiffon with short sleeves",
};
const ZH = {
  watch: "智能手表，支持心率监测和GPS定位，续航7天，50米防水运动手环",
  watchParaphrase: "这款运动智能手表可以监测心率，内置GPS定位，50米防水，一次充电续航7天",
  watchNearDuplicate: "智能手表 支持心率监测、GPS定位，续航长达7天，50米防水运动手环！",
  dress: "女士碎花连衣裙，夏季雪纺A字中长裙，短袖设计显瘦百搭",
};

afterAll(releaseEmbeddingSessions);

it("embeds with the registry's default text-embedding model when none is named", () => {
  expect(createTextEmbedder().model.name).toBe(DEFAULT_TEXT_EMBEDDING_MODEL);
  expect(getModelSpec(DEFAULT_TEXT_EMBEDDING_MODEL).kind).toBe("text-embedding");
});

const TEXT_EMBEDDING_MODELS = Object.values(MODELS)
  .filter((m) => m.kind === "text-embedding")
  .map((m) => m.name);

describe.each(TEXT_EMBEDDING_MODELS)("createTextEmbedder(%s)", (name) => {
  const embedder = createTextEmbedder(name);

  it("exposes the model and returns unit vectors of dimension 256", async () => {
    expect(embedder.model).toMatchObject({ name, dim: 256 });
    expect(embedder.model.version).toMatch(/^\d+\.\d+\.\d+$/);
    const vectors = await embedder.embed([EN.watch, ZH.watch, "x"]);
    expect(vectors).toHaveLength(3);
    for (const v of vectors) {
      expect(v).toBeInstanceOf(Float32Array);
      expect(v).toHaveLength(256);
      expect(norm(v)).toBeCloseTo(1, 5);
    }
  });

  it("is deterministic across calls and embedder instances", async () => {
    const [a] = await embedder.embed([EN.watch]);
    const [b] = await createTextEmbedder(name).embed([EN.watch]);
    expect(Array.from(a!)).toEqual(Array.from(b!));
  });

  // Padding adds exact zeros, but the runtime may sum rows in another order for another width:
  // results agree to float32 rounding, not bit for bit.
  it("gives the same vectors in batches as one by one, whatever the chunking", async () => {
    const texts = [EN.watch, ZH.dress, "", "短", EN.dress.repeat(30), ZH.watchParaphrase, EN.watchNearDuplicate];
    const single: Float32Array[] = [];
    for (const t of texts) single.push((await embedder.embed([t]))[0]!);
    for (const options of [{}, { batchSize: 2 }, { batchSize: 3, maxIdsPerRun: 4096 }]) {
      const batched = await createTextEmbedder(name, options).embed(texts);
      batched.forEach((v, i) => {
        for (let j = 0; j < 256; j++) expect(v[j]).toBeCloseTo(single[i]![j]!, 5);
      });
    }
  });

  it("embeds text without letters or digits as one fixed unit vector, never zero or NaN", async () => {
    const [empty, punctuation, blank, real] = await embedder.embed(["", "!!! 😀", " \n ", EN.dress]);
    expect(norm(empty!)).toBeCloseTo(1, 5);
    expect(empty!.every(Number.isFinite)).toBe(true);
    expect(Array.from(punctuation!)).toEqual(Array.from(empty!));
    expect(Array.from(blank!)).toEqual(Array.from(empty!));
    expect(Math.abs(cosine(empty!, real!))).toBeLessThan(0.5);
  });

  it("returns [] for no texts and handles very long text", async () => {
    expect(await embedder.embed([])).toEqual([]);
    const [long] = await embedder.embed([`${ZH.watch}${EN.watch}`.repeat(1500)]);
    expect(norm(long!)).toBeCloseTo(1, 5);
  });

  for (const [language, t] of [
    ["en", EN],
    ["zh", ZH],
  ] as const) {
    it(`puts paraphrases and near-duplicates closer than unrelated products (${language})`, async () => {
      const [watch, paraphrase, nearDuplicate, dress] = await embedder.embed([
        t.watch,
        t.watchParaphrase,
        t.watchNearDuplicate,
        t.dress,
      ]);
      const unrelated = Math.max(cosine(watch!, dress!), cosine(paraphrase!, dress!), cosine(nearDuplicate!, dress!));
      expect(cosine(watch!, paraphrase!)).toBeGreaterThan(unrelated + 0.3);
      expect(cosine(watch!, nearDuplicate!)).toBeGreaterThan(cosine(watch!, paraphrase!));
      expect(cosine(watch!, nearDuplicate!)).toBeGreaterThan(0.7);
    });
  }

  it("rejects unknown models and models of another kind when created", () => {
    expect(() => createTextEmbedder("no-such-model")).toThrow(/Unknown model/);
    expect(() => createTextEmbedder("sentiment-v1")).toThrow(/sentiment-v1 is a sentiment model, not a text embedding/);
  });
});
