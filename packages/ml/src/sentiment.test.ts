import { copyFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { isAppError } from "@truecopy/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getModelSpec, modelFileUrl } from "./registry.js";
import {
  createSentimentClassifier,
  DEFAULT_NEUTRAL_THRESHOLD,
  DEFAULT_SENTIMENT_MODEL,
  releaseSentimentSessions,
  toSentiment,
  type TSentiment,
} from "./sentiment.js";

// Hand-written review sentences (not taken from any data set, and not in the training lines).
const POSITIVE = [
  "质量很好，物流也快，非常满意，还会再买",
  "手机很流畅，屏幕清晰，电池耐用，推荐购买",
  "衣服很漂亮，穿着舒服，性价比高",
  "酒店服务热情，房间干净，下次还来",
  "I love it, excellent quality and fast delivery, highly recommend",
  "Great value, works perfectly and the seller was very helpful",
];
const NEGATIVE = [
  "质量太差了，用了两天就坏了，非常失望",
  "物流太慢，包装破损，客服态度差，不推荐",
  "衣服掉色起球，做工粗糙，退货了",
  "房间很脏，隔音差，服务态度恶劣，再也不住了",
  "Terrible quality, it broke after two days, waste of money",
  "Awful, the worst purchase, it stopped working and I want a refund",
];

describe("createSentimentClassifier (default model)", () => {
  const classifier = createSentimentClassifier();
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "truecopy-sentiment-"));
  });
  afterAll(async () => {
    await releaseSentimentSessions();
    await rm(dir, { recursive: true, force: true });
  });

  it("exposes the model name and version", () => {
    expect(classifier.model).toEqual({ name: "sentiment-v2", version: "2.0.0" });
  });

  it("classifies obvious positive and negative reviews in Chinese and English", async () => {
    const results = await classifier.classify([...POSITIVE, ...NEGATIVE]);
    expect(results.slice(0, POSITIVE.length).map((r) => r.label)).toEqual(POSITIVE.map(() => "positive"));
    expect(results.slice(POSITIVE.length).map((r) => r.label)).toEqual(NEGATIVE.map(() => "negative"));
    for (const r of results) {
      expect(r.score).toBeGreaterThanOrEqual(0.65);
      expect(r.score).toBeLessThanOrEqual(1);
    }
  });

  it("gives texts without letters or digits a defined neutral result", async () => {
    const results = await classifier.classify(["", "   ", "!!!", "。。。"]);
    expect(results).toEqual(Array.from({ length: 4 }, () => ({ label: "neutral", score: 0.5 })));
    expect(await classifier.classify([])).toEqual([]);
  });

  it("handles emoji: alone they are neutral, beside words the words decide", async () => {
    const [onlyEmoji, positive, negative] = await classifier.classify([
      "👍😊🎉",
      "非常满意，质量很好 👍👍",
      "质量太差，非常失望 😡",
    ]);
    expect(onlyEmoji).toEqual({ label: "neutral", score: 0.5 });
    expect(positive!.label).toBe("positive");
    expect(negative!.label).toBe("negative");
  });

  it("classifies a 1 MB text quickly (only its first features are read)", async () => {
    const big = "质量很好，非常满意。".repeat(Math.ceil((1024 * 1024) / 10));
    expect(big.length).toBeGreaterThanOrEqual(1024 * 1024);
    const started = performance.now();
    const [result] = await classifier.classify([big]);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(result!.label).toBe("positive");
  });

  it("returns the same results in one batch as one by one, in input order", async () => {
    const texts = [...NEGATIVE, "", ...POSITIVE, "一般般吧", "It is okay I guess", "👍"];
    const batched = await createSentimentClassifier({ batchSize: 4, maxIdsPerRun: 4096 }).classify(texts);
    const single: TSentiment[] = [];
    for (const t of texts) single.push(...(await classifier.classify([t])));
    expect(batched).toHaveLength(texts.length);
    batched.forEach((r, i) => {
      expect(r.label).toBe(single[i]!.label);
      expect(r.score).toBeCloseTo(single[i]!.score, 5);
    });
  });

  it("answers a weakly leaning review with its lean by default, and abstains under a caller's threshold", async () => {
    // No opinion word, but the model leans on 到了 (arrived) a little: 0.5 < P(positive) < 0.65.
    const text = "快递到了，还没拆";
    const [lean] = await classifier.classify([text]);
    expect(lean!.label).toBe("positive");
    expect(lean!.score).toBeGreaterThan(0.5);
    expect(lean!.score).toBeLessThan(0.65);
    const [abstain] = await createSentimentClassifier({ neutralThreshold: 0.65 }).classify([text]);
    expect(abstain).toEqual({ label: "neutral", score: lean!.score });
  });

  it("maps probabilities to labels with the neutral band", () => {
    expect(DEFAULT_NEUTRAL_THRESHOLD).toBe(0.5);
    expect(toSentiment(0.51, DEFAULT_NEUTRAL_THRESHOLD)).toEqual({ label: "positive", score: 0.51 });
    expect(toSentiment(0.5, DEFAULT_NEUTRAL_THRESHOLD)).toEqual({ label: "neutral", score: 0.5 });
    expect(toSentiment(0.9, 0.65)).toEqual({ label: "positive", score: 0.9 });
    expect(toSentiment(0.2, 0.65)).toEqual({ label: "negative", score: 0.8 });
    expect(toSentiment(0.6, 0.65)).toEqual({ label: "neutral", score: 0.6 });
    expect(toSentiment(0.4, 0.65).label).toBe("neutral");
    expect(toSentiment(0.6, 0.5)).toEqual({ label: "positive", score: 0.6 });
  });

  it("rejects a model file whose sha256 does not match the registry", async () => {
    const spec = getModelSpec(DEFAULT_SENTIMENT_MODEL);
    const path = join(dir, "corrupt.onnx");
    await copyFile(modelFileUrl(spec), path);
    const bytes = await readFile(path);
    bytes[bytes.length >> 1] = bytes[bytes.length >> 1]! ^ 0xff;
    await writeFile(path, bytes);
    const corrupt = createSentimentClassifier({ modelUrl: pathToFileURL(path) });
    const error = await corrupt.classify(["很好"]).catch((e: unknown) => e);
    expect(isAppError(error)).toBe(true);
    expect(String((error as Error).message)).toMatch(/sentiment-v2.*corrupt.*sha256 [0-9a-f]{64}, expected/);
  });

  it("reads words the reviews never taught it through the lexicons (sentiment-v1 has only its n-grams)", async () => {
    const v1 = createSentimentClassifier({ model: "sentiment-v1" });
    expect(v1.model).toEqual({ name: "sentiment-v1", version: "1.0.0" });
    const texts = ["手感很温润", "东西很鸡肋"]; // smooth to the touch (praise); a "chicken rib": of little use
    const [warm, rib] = await classifier.classify(texts);
    const [warmV1, ribV1] = await v1.classify(texts);
    const pPositive = (r: TSentiment) => (r.label === "positive" ? r.score : 1 - r.score);
    expect(warm!.label).toBe("positive");
    expect(pPositive(warm!)).toBeGreaterThan(pPositive(warmV1!) + 0.1);
    expect(rib!.label).toBe("negative");
    expect(pPositive(rib!)).toBeLessThan(pPositive(ribV1!));
  });

  it("refuses models that are not sentiment models and bad thresholds", () => {
    expect(() => createSentimentClassifier({ model: "hashgram-v1" })).toThrow(/not a sentiment model/);
    expect(() => createSentimentClassifier({ neutralThreshold: 0.3 })).toThrow(/neutralThreshold/);
  });
});
