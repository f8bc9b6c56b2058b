import { describe, expect, it } from "vitest";
import { languageTag, resolveLocale } from "./locale";
import { messages } from "./messages";
import { translate } from "./translate";

describe("interface language", () => {
  it("takes the cookie first, then the browser's preferred language we speak", () => {
    expect(resolveLocale("zh", "en-US,en;q=0.9")).toBe("zh");
    expect(resolveLocale(undefined, "zh-CN,zh;q=0.9,en;q=0.8")).toBe("zh");
    expect(resolveLocale(undefined, "fr-FR, en;q=0.5, zh;q=0.8")).toBe("zh");
    expect(resolveLocale("xx", "de-DE")).toBe("en");
    expect(resolveLocale(undefined, undefined)).toBe("en");
    expect(languageTag("zh")).toBe("zh-CN");
  });

  it("fills placeholders and English plurals, and leaves unknown placeholders visible", () => {
    expect(translate("en", "products.count", { count: 1 })).toBe("1 product");
    expect(translate("en", "products.count", { count: 3 })).toBe("3 products");
    expect(translate("zh", "products.count", { count: 3 })).toBe("共 3 个商品");
    expect(translate("en", "products.noMatch", {})).toBe("No products match “{search}”.");
  });

  it("has every message in both languages, none empty", () => {
    const keys = Object.keys(messages.en);
    expect(Object.keys(messages.zh).sort()).toEqual([...keys].sort());
    for (const key of keys) {
      expect(messages.zh[key as keyof typeof messages.zh].trim(), key).not.toBe("");
      expect(messages.en[key as keyof typeof messages.en].trim(), key).not.toBe("");
    }
  });
});
