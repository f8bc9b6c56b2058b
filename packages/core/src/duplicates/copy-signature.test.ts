import { describe, expect, it } from "vitest";
import {
  compareCopySignatures,
  copySignature,
  estimateJaccard,
  hammingDistance,
  simHashFromBigInt,
  simHashToBigInt,
} from "./copy-signature.js";
import { copyUnits } from "./copy-units.js";
import { sharedPassages } from "./shared-passages.js";

const EN =
  "This stainless steel water bottle keeps drinks cold for 24 hours and hot for 12 hours. The double wall vacuum insulation prevents condensation, and the leak proof lid fits in most cup holders. Dishwasher safe, BPA free, 750 ml.";
const ZH =
  "这款不锈钢保温杯采用双层真空结构，保冷二十四小时、保温十二小时，杯身不凝水。防漏杯盖设计，适配大部分车载杯架，可放入洗碗机清洗，不含双酚A，容量七百五十毫升。";

describe("copy units", () => {
  it("sees full-width, case, accents and combining marks as the same units", () => {
    const a = copyUnits("ＵＳＢ－Ｃ Café 充电器");
    const b = copyUnits("usb-c cafe\u0301 充电器");
    const c = copyUnits("USB C CAFE 充电器");
    expect([...a.hashes]).toEqual([...b.hashes]);
    expect([...a.hashes]).toEqual([...c.hashes]);
    expect(a.cjk).toBe(3);
  });

  it("keeps UTF-16 spans of the original text across emoji and surrogate pairs", () => {
    const text = "🔥🔥 爆款 𠮷野家 bottle 👍";
    const u = copyUnits(text);
    const units = [...u.starts].map((s, i) => text.slice(s, u.ends[i]));
    expect(units).toEqual(["爆", "款", "𠮷", "野", "家", "bottle"]);
  });

  it("ignores punctuation and emoji, so reformatting does not hide a copy", () => {
    const a = copySignature(EN);
    const b = copySignature(`✨ ${EN.toUpperCase().replaceAll(".", "!!").replaceAll(",", " ;")} ✨`);
    expect(hammingDistance(a.simhash, b.simhash)).toBe(0);
    expect(estimateJaccard(a.minhash, b.minhash)).toBe(1);
  });
});

describe("copy signatures", () => {
  it("calls identical copy SIMHASH with score 1, in English and Chinese", () => {
    for (const text of [EN, ZH]) {
      const m = compareCopySignatures(copySignature(text), copySignature(text));
      expect(m).toMatchObject({ method: "SIMHASH", score: 1, distance: 0 });
    }
  });

  it("finds near-identical and edited copies, and leaves different copy alone", () => {
    const oneWord = EN.replace("most cup holders", "many cup holders");
    const near = compareCopySignatures(copySignature(EN), copySignature(oneWord));
    expect(near).not.toBeNull();
    expect(near!.score).toBeGreaterThan(0.8);

    // A seller's rewrite of a few phrases is still a near copy (MinHash), scored lower.
    const edited = EN.replace("keeps drinks cold", "keeps your drinks icy")
      .replace("Dishwasher safe", "Safe in the dishwasher")
      .replace("prevents condensation", "stops sweating");
    const e = compareCopySignatures(copySignature(EN), copySignature(edited));
    expect(e?.method).toBe("MINHASH");
    expect(e!.score).toBeGreaterThanOrEqual(0.5);
    expect(e!.score).toBeLessThan(near!.score);

    const zhEdited = ZH.replace("保冷二十四小时", "保冷长达二十四小时").replace("防漏杯盖设计", "杯盖防漏");
    expect(compareCopySignatures(copySignature(ZH), copySignature(zhEdited))).not.toBeNull();

    const other =
      "Wireless earbuds with active noise cancelling, 30 hours of battery with the case, Bluetooth 5.3 and a low latency game mode. IPX4 splash resistant.";
    expect(compareCopySignatures(copySignature(EN), copySignature(other))).toBeNull();
    expect(compareCopySignatures(copySignature(ZH), copySignature(EN))).toBeNull();
  });

  it("does not call short texts copies", () => {
    expect(compareCopySignatures(copySignature("见详情"), copySignature("见详情"))).toBeNull();
    expect(compareCopySignatures(copySignature("Great product"), copySignature("Great product"))).toBeNull();
  });

  it("round-trips the SimHash through PostgreSQL's signed bigint", () => {
    const h = copySignature(EN).simhash;
    const big = simHashToBigInt(h);
    expect(big).toBeGreaterThanOrEqual(-(2n ** 63n));
    expect(big).toBeLessThan(2n ** 63n);
    expect(simHashFromBigInt(big.toString())).toEqual(h);
    expect(simHashFromBigInt(simHashToBigInt({ hi: 0xffffffff, lo: 1 }))).toEqual({ hi: 0xffffffff, lo: 1 });
  });
});

describe("shared passages", () => {
  it("highlights the shared run in both texts by UTF-16 span", () => {
    const a = `🎉 New! ${EN} Order today.`;
    const b = `Our best seller: ${EN.slice(0, 120)} and it comes in six colours.`;
    const { passages, coverage } = sharedPassages(a, b);
    expect(passages).toHaveLength(1);
    const p = passages[0]!;
    expect(a.slice(p.start, p.end)).toBe(
      EN.slice(0, 120)
        .replace(/[ .,]+$/, "")
        .trimEnd(),
    );
    expect(b.slice(p.otherStart, p.otherEnd)).toBe(a.slice(p.start, p.end));
    expect(coverage).toBeGreaterThan(0.4);
    expect(coverage).toBeLessThan(0.7);
  });

  it("matches across widths and returns spans in each text's own characters", () => {
    const a = "【官方正品】不锈钢保温杯，保冷二十四小时，保温十二小时。";
    const b = "不锈钢保温杯 保冷二十四小时 保温十二小时";
    const { passages } = sharedPassages(a, b);
    expect(passages.map((p) => a.slice(p.start, p.end))).toEqual(["不锈钢保温杯，保冷二十四小时，保温十二小时"]);
    expect(passages.map((p) => b.slice(p.otherStart, p.otherEnd))).toEqual([b]);
  });

  it("finds nothing between unrelated texts", () => {
    expect(sharedPassages(EN, ZH).passages).toEqual([]);
  });
});
