import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { diffTexts, segmentForDiff, type TTextDiff } from "./token-diff.js";

/** Rebuilds both texts from the ops and checks every offset: the contract the highlighting relies on. */
function assertConsistent(before: string, after: string, d: TTextDiff) {
  let b = "";
  let a = "";
  for (const op of d.ops) {
    if (op.op !== "insert") {
      expect(before.slice(op.beforeStart, op.beforeEnd)).toBe(op.text);
      expect(op.beforeStart).toBe(b.length);
      b += op.text;
    } else expect(op.beforeStart).toBe(op.beforeEnd);
    if (op.op !== "delete") {
      expect(after.slice(op.afterStart, op.afterEnd)).toBe(op.text);
      expect(op.afterStart).toBe(a.length);
      a += op.text;
    } else expect(op.afterStart).toBe(op.afterEnd);
  }
  expect(b).toBe(before);
  expect(a).toBe(after);
}

const summary = (d: TTextDiff) =>
  d.ops.map((o) => `${o.op === "equal" ? "=" : o.op === "insert" ? "+" : "-"}${o.text}`);

describe("token diff", () => {
  it("diffs English word by word and folds the space between two changes into them", () => {
    const before = "The quick brown fox jumps.";
    const after = "A slow brown fox jumps!";
    const d = diffTexts(before, after, "en-US");
    expect(d.mode).toBe("word");
    expect(summary(d)).toEqual(["-The quick", "+A slow", "= brown fox jumps", "-.", "+!"]);
    expect(d.insertedTokens).toBe(3);
    expect(d.deletedTokens).toBe(3);
    assertConsistent(before, after, d);
  });

  it("never splits a word: a changed letter replaces the whole word", () => {
    const d = diffTexts("colour guaranteed", "color guaranteed", "en");
    expect(summary(d)).toEqual(["-colour", "+color", "= guaranteed"]);
  });

  it("diffs Chinese by jieba words with UTF-16 offsets", () => {
    const before = "最新款智能手表，适合运动爱好者，续航14天。";
    const after = "智能手表，适合跑步爱好者，续航14天。";
    const d = diffTexts(before, after, "zh-CN");
    expect(d.mode).toBe("jieba");
    assertConsistent(before, after, d);
    const deleted = d.ops.filter((o) => o.op === "delete").map((o) => o.text);
    const inserted = d.ops.filter((o) => o.op === "insert").map((o) => o.text);
    expect(deleted.join("")).toContain("最新款");
    expect(deleted).toContain("运动");
    expect(inserted).toEqual(["跑步"]);
    expect(d.ops.find((o) => o.text.includes("智能手表"))?.op).toBe("equal");
  });

  it("uses jieba when either text has Han characters even without a zh locale", () => {
    expect(diffTexts("Smart watch", "智能手表 Smart watch", "und").mode).toBe("jieba");
  });

  it("keeps emoji and astral characters whole and offsets in UTF-16 units", () => {
    const before = "Great 👍🏽 gift 🎁 for dads";
    const after = "Great 🎁 gift for 𠀀 dads";
    const d = diffTexts(before, after, "en");
    assertConsistent(before, after, d);
    for (const o of d.ops) expect(o.text).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
  });

  it("handles empty and identical texts", () => {
    expect(summary(diffTexts("", "new text", "en"))).toEqual(["+new text"]);
    expect(summary(diffTexts("old text", "", "en"))).toEqual(["-old text"]);
    expect(summary(diffTexts("", "", "en"))).toEqual([]);
    expect(summary(diffTexts("same", "same", "en"))).toEqual(["=same"]);
  });

  it("segments cover the text exactly, whitespace included", () => {
    const text = "  续航 14天，  battery\tlife ";
    const segs = segmentForDiff(text, "jieba");
    expect(segs.map((s) => s.text).join("")).toBe(text);
    for (const s of segs) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it("finds a shortest edit: one changed word in a long text is one delete and one insert", () => {
    const words = Array.from({ length: 2000 }, (_, i) => `w${i % 97}`);
    const before = words.join(" ");
    const changed = [...words];
    changed[1234] = "CHANGED";
    const d = diffTexts(before, changed.join(" "), "en");
    expect(d.ops.filter((o) => o.op !== "equal").map((o) => o.text)).toEqual([words[1234], "CHANGED"]);
  });

  it("diffs two unrelated ~2k-token texts quickly", () => {
    const rnd = (seed: number) => () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const r1 = rnd(1);
    const r2 = rnd(2);
    const text = (r: () => number) => Array.from({ length: 1000 }, () => `t${Math.floor(r() * 300)}`).join(" ");
    const before = text(r1);
    const after = text(r2);
    const started = performance.now();
    const d = diffTexts(before, after, "en");
    const ms = performance.now() - started;
    assertConsistent(before, after, d);
    expect(d.truncated).toBe(false);
    expect(ms).toBeLessThan(1000);
  });

  it("rebuilds both texts for arbitrary inputs (property)", () => {
    const alphabet = fc.constantFrom("a", "b", " ", "智", "能", "，", "😀", "\n", "-", "1");
    const text = fc.array(alphabet, { maxLength: 40 }).map((cs) => cs.join(""));
    fc.assert(
      fc.property(text, text, fc.constantFrom("en", "zh-CN"), (before, after, locale) => {
        assertConsistent(before, after, diffTexts(before, after, locale));
      }),
      { numRuns: 500 },
    );
  });
});
