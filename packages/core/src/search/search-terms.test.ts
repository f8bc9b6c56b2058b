import { describe, expect, it } from "vitest";
import { searchDocument, searchTerms } from "./search-terms.js";

describe("searchTerms", () => {
  it("segments Chinese with sub-words and keeps English words and units", () => {
    const terms = searchTerms("智能手表 续航14天，Smart Watch 5000mAh！");
    expect(terms).toEqual(expect.arrayContaining(["智能", "手表", "续航", "14", "smart", "watch", "5000mah"]));
    expect(terms).not.toContain("，");
  });

  it("handles empty text, emoji only, and full-width characters", () => {
    expect(searchTerms("")).toEqual([]);
    expect(searchTerms("😀👍")).toEqual([]);
    expect(searchTerms("ＩＰ６８ 防水")).toEqual(expect.arrayContaining(["ip68", "防水"]));
  });

  it("bounds the work on a 1 MB text", () => {
    const doc = searchDocument("续航很长 ".repeat(200_000));
    expect(doc.length).toBeGreaterThan(0);
    expect(doc.length).toBeLessThan(40_000);
  });
});
