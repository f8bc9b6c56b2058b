import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { lintLine, readBrandPack } from "./lint.command.js";

const run = (...raws: string[]) => raws.map((raw, i) => lintLine({ line: i + 1, raw }));
const outputOf = (r: ReturnType<typeof lintLine>) => {
  if (!r.ok) throw new Error(r.error);
  return JSON.parse(r.output) as { id: string | number; verdict: string; findings: Record<string, unknown>[] };
};

describe("truecopy lint (the stable CLI contract)", () => {
  it("prints id, verdict and findings with UTF-16 spans, in the contract's shape", () => {
    const text = "😀泰国乳胶枕，睡了颈椎病就好了，全网销量第一";
    const [zh, en, clean] = run(
      JSON.stringify({ id: "zh-1", text, locale: "zh", attributes: { 材质: "天然乳胶" } }),
      JSON.stringify({ id: 2, text: "Only 2 left in stock, order now!", locale: "en-US" }),
      JSON.stringify({ id: "c", text: "安装简单：最后一步拧紧底部螺丝即可，第一次使用前请充电" }),
    ).map(outputOf);
    expect(zh!.verdict).toBe("block");
    // Grounding may add UNSUPPORTED claims (泰国 is not in the attributes); the wording findings are these.
    const wording = zh!.findings.filter((f) => f.category !== "UNSUPPORTED");
    expect(wording.map((f) => f.category)).toEqual(["MEDICAL", "ABSOLUTE"]);
    for (const f of zh!.findings) {
      expect(Object.keys(f).sort()).toEqual(
        [
          "category",
          "end",
          "message",
          "rule",
          "severity",
          "start",
          ...("suggestion" in f ? ["suggestion"] : []),
        ].sort(),
      );
      expect(typeof f.message).toBe("string");
    }
    // The emoji is two UTF-16 code units: offsets count them both.
    expect(text.slice(wording[0]!.start as number, wording[0]!.end as number)).toBe("颈椎病就好了");
    expect(text.slice(wording[1]!.start as number, wording[1]!.end as number)).toBe("全网销量第一");
    expect(en).toMatchObject({ id: 2, verdict: "review", findings: [{ category: "URGENCY", severity: "MEDIUM" }] });
    expect(clean).toEqual({ id: "c", verdict: "pass", findings: [] });
  });

  it("leaves INFO findings out, and then the verdict is pass", () => {
    const [r] = run(JSON.stringify({ id: 1, text: "好用！！！", locale: "zh" })).map(outputOf);
    expect(r).toEqual({ id: 1, verdict: "pass", findings: [] });
  });

  it("names the line, the id and the field of a malformed line", () => {
    const [broken, noText, badAttr, badField] = run(
      "{broken",
      JSON.stringify({ id: "x" }),
      JSON.stringify({ id: "y", text: "a", attributes: { 颜色: { nested: true } } }),
      JSON.stringify({ id: "z", text: "a", field: "FOOTER" }),
    );
    expect(broken).toEqual({ ok: false, error: expect.stringMatching(/^line 1: not valid JSON/) });
    expect(noText).toEqual({ ok: false, error: 'line 2 (id "x"): text: text must be a string' });
    expect(badAttr).toEqual({ ok: false, error: expect.stringMatching(/^line 3 \(id "y"\): attributes\.颜色: /) });
    expect(badField).toEqual({
      ok: false,
      error: expect.stringMatching(/^line 4 \(id "z"\): field: field must be TITLE/),
    });
  });

  describe("--brand-pack", () => {
    const dir = mkdtempSync(join(tmpdir(), "truecopy-lint-"));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it("applies a valid pack and rejects an invalid one with every problem named", () => {
      const good = join(dir, "good.json");
      writeFileSync(good, JSON.stringify({ forbidden: [{ term: "便宜", suggestion: "实惠" }] }));
      const pack = readBrandPack(good);
      const [r] = [lintLine({ line: 1, raw: JSON.stringify({ id: 1, text: "价格便宜", locale: "zh" }) }, pack)].map(
        outputOf,
      );
      expect(r!.findings).toEqual([
        expect.objectContaining({ rule: "brand.forbidden", category: "QUALITY", start: 2, end: 4, suggestion: "实惠" }),
      ]);

      const bad = join(dir, "bad.json");
      writeFileSync(bad, JSON.stringify({ forbidden: [{ term: "" }], lengthLimits: { TITLE: { min: 10, max: 5 } } }));
      expect(() => readBrandPack(bad)).toThrow(
        /forbidden\[0\]\.term: term must not be empty[\s\S]*lengthLimits\.TITLE: min must not be greater than max/,
      );
    });
  });
});
