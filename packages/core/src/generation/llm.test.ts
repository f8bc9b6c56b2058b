import { describe, expect, it } from "vitest";
import { brandPackSchema } from "../lint/brand-pack.js";
import { completionText, completionUsage, llmCandidate, llmCostUsd, llmRequest, retryDelayMs } from "./llm.js";
import type { TGenerationInput } from "./types.js";

const DRESS: TGenerationInput = {
  locale: "zh",
  field: "DESCRIPTION",
  attributes: { 类型: "裙", 裙长: "连衣裙", 颜色: "白色", 材质: "雪纺" },
};

describe("LLM prompt and answer", () => {
  it("hashes the same request the same way, and another request differently", () => {
    const a = llmRequest(DRESS, { model: "m" });
    expect(llmRequest({ ...DRESS }, { model: "m" }).promptHash).toBe(a.promptHash);
    expect(llmRequest({ ...DRESS, style: "concise" }, { model: "m" }).promptHash).not.toBe(a.promptHash);
    expect(llmRequest(DRESS, { model: "other" }).promptHash).not.toBe(a.promptHash);
    expect(a.request.temperature).toBe(0);
  });

  it("puts the facts and the merchant's limits in the prompt", () => {
    const brandPack = brandPackSchema.parse({
      forbidden: [{ term: "便宜" }],
      requiredDisclaimers: [{ text: "图片仅供参考", fields: ["DESCRIPTION"] }],
      lengthLimits: { DESCRIPTION: { max: 120 } },
    });
    const user = llmRequest({ ...DRESS, brandPack }, { model: "m" }).request.messages[1]!.content;
    for (const s of ["颜色: 白色", "材质: 雪纺", "不超过120个字", "不要使用：便宜", "图片仅供参考"])
      expect(user).toContain(s);
  });

  it("reads the answer's text and usage, prices it and backs off retries", () => {
    expect(completionText({ choices: [{ message: { content: '```\n"这款连衣裙"\n```' } }] })).toBe("这款连衣裙");
    expect(completionText({ choices: [] })).toBeNull();
    expect(completionUsage({ usage: { prompt_tokens: 10, completion_tokens: 5 } })).toEqual({
      promptTokens: 10,
      completionTokens: 5,
    });
    expect(completionUsage({})).toEqual({ promptTokens: 0, completionTokens: 0 });
    expect(
      llmCostUsd({ promptTokens: 1_000_000, completionTokens: 500_000 }, { inputPerMTok: 0.15, outputPerMTok: 0.6 }),
    ).toBe(0.45);
    expect([1, 2, 3, 10].map((n) => retryDelayMs(n, { random: 0 }))).toEqual([250, 500, 1000, 4000]);
    expect(retryDelayMs(1, { random: 1 })).toBe(500);
  });

  it("gives a free text claims for what it says of the input, and blocks what it invents", () => {
    // 简约 is a style (a value of the apparel vocabulary): stated without a 风格 attribute, it is invented.
    expect(llmCandidate("这款白色连衣裙采用雪纺面料，简约大方。", DRESS, { model: "m" }).gate.status).toBe("blocked");
    const good = llmCandidate("这款白色连衣裙采用雪纺面料，做工精致。", DRESS, { model: "m" });
    expect(good.gate.status, JSON.stringify(good.gate.reasons)).toBe("offered");
    expect(good.claims.map((c) => c.source)).toEqual(
      expect.arrayContaining(["attribute:颜色", "attribute:裙长", "attribute:材质"]),
    );
    const bad = llmCandidate("这款白色连衣裙采用真丝面料，适合春夏穿着。", DRESS, { model: "m" });
    expect(bad.gate.status).toBe("blocked");
    expect(bad.gate.reasons.map((r) => ("term" in r ? r.term : "text" in r ? r.text : ""))).toEqual(
      expect.arrayContaining(["真丝", "春夏"]),
    );
  });
});
