import { describe, expect, it } from "vitest";
import { generateCopy } from "./generate.js";
import { claimSourceParts, storedClaims, storedGateReason } from "./stored.js";

describe("stored generation record", () => {
  it("keeps a candidate's claims in the CLI's shape, spans pointing at the text", () => {
    const c = generateCopy({
      locale: "zh-CN",
      field: "DESCRIPTION",
      style: "vivid",
      audience: null,
      attributes: { 类型: "裙", 颜色: "红色", 材质: "雪纺" },
    });
    const claims = storedClaims(c.claims);
    expect(claims.length).toBeGreaterThan(0);
    for (const x of claims) {
      expect(Object.keys(x).sort()).toEqual(["end", "source", "start", "text"]);
      expect(c.text.slice(x.start, x.end)).toBe(x.text);
      expect(claimSourceParts(x.source).kind).toBe("attribute");
    }
  });

  it("turns every gate reason into code, detail, words and span", () => {
    expect(
      storedGateReason({
        code: "lint_finding",
        rule: "zh.absolute",
        severity: "HIGH",
        start: 3,
        end: 7,
        match: "独一无二",
      }),
    ).toEqual({ code: "lint_finding", detail: "zh.absolute", text: "独一无二", start: 3, end: 7, severity: "HIGH" });
    expect(
      storedGateReason({
        code: "ungrounded_claim",
        kind: "colour",
        status: "CONTRADICTED",
        start: 0,
        end: 2,
        text: "蓝色",
      }),
    ).toEqual({
      code: "ungrounded_claim",
      detail: "colour: CONTRADICTED",
      text: "蓝色",
      start: 0,
      end: 2,
      severity: null,
    });
    expect(storedGateReason({ code: "unsourced_fact", kind: "material", term: "真丝", start: 1, end: 3 }).text).toBe(
      "真丝",
    );
    expect(storedGateReason({ code: "empty", message: "no text" })).toEqual({
      code: "empty",
      detail: "no text",
      text: "",
      start: null,
      end: null,
      severity: null,
    });
  });

  it("splits a source at its first colon only", () => {
    expect(claimSourceParts("attribute:尺码:欧码")).toEqual({ kind: "attribute", ref: "尺码:欧码" });
    expect(claimSourceParts("review:r1")).toEqual({ kind: "review", ref: "r1" });
    expect(claimSourceParts("web:x")).toEqual({ kind: "unknown", ref: "web:x" });
  });
});
