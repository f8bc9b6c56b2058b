import { describe, expect, it } from "vitest";
import { detectLanguage, type TLanguageGuess } from "./language.js";

describe("detectLanguage", () => {
  it("detects Chinese, including copy with brand names and numbers", () => {
    expect(detectLanguage("智能手表，心率监测，续航长达14天")).toBe("zh");
    expect(detectLanguage("这款iPhone 15 Pro手机很好用")).toBe("zh");
  });

  it("detects English (Latin script)", () => {
    expect(detectLanguage("Smart watch with heart-rate monitor, 14-day battery")).toBe("en");
    expect(detectLanguage("Wireless earbuds 蓝牙 with noise cancelling and a long lasting case")).toBe("en");
  });

  it("reports mixed when both scripts are substantial", () => {
    expect(detectLanguage("Apple iPhone 15 Pro 智能手机")).toBe("mixed");
    expect(detectLanguage("Soft cotton T-shirt for summer 纯棉短袖T恤夏季")).toBe("mixed");
  });

  it("reports other for Japanese, Korean, Cyrillic and for text without letters", () => {
    expect(detectLanguage("この商品はとても良いです")).toBe("other");
    expect(detectLanguage("안녕하세요 좋은 제품입니다")).toBe("other");
    expect(detectLanguage("Отличный товар, рекомендую")).toBe("other");
    expect(detectLanguage("")).toBe("other");
    expect(detectLanguage("12345 !!! 😀 ¥99.00")).toBe("other");
  });

  it("ignores digits, punctuation and emoji", () => {
    expect(detectLanguage("好评!!!😀😀😀 100% 5星")).toBe("zh");
    expect(detectLanguage("great!!! 😀 100%")).toBe("en");
  });
});

describe("detectLanguage with an identifier", () => {
  const calls: string[] = [];
  // A stand-in for fastText that answers from a table, so the decision logic is tested alone.
  const table: Record<string, TLanguageGuess[]> = {
    "Très bon produit, je recommande": [{ code: "fr", p: 0.97 }],
    "Muy bueno": [{ code: "es", p: 0.9 }],
    "Great phone, fast shipping": [{ code: "en", p: 0.4 }],
    "Calidad precio excelente volveria": [{ code: "es", p: 0.45 }],
    "電池持続時間長、画面鮮明、音質良好。お勧め": [{ code: "ja", p: 0.99 }],
    这款iPhone手机很好用: [{ code: "zh", p: 0.99 }],
  };
  const identify = (text: string) => {
    calls.push(text);
    return table[text] ?? [];
  };

  it("calls Latin text another language only when the identifier is sure and there are words enough", () => {
    expect(detectLanguage("Très bon produit, je recommande", { identify })).toBe("other");
    expect(detectLanguage("Great phone, fast shipping", { identify })).toBe("en");
    expect(detectLanguage("Muy bueno", { identify })).toBe("en");
    expect(detectLanguage("Calidad precio excelente volveria", { identify })).toBe("en");
    expect(detectLanguage("Très bon produit, je recommande")).toBe("en");
  });

  it("asks about Han text only when kana or hangul is present", () => {
    calls.length = 0;
    expect(detectLanguage("智能手表，心率监测，续航长达14天", { identify })).toBe("zh");
    expect(detectLanguage("这款iPhone手机很好用", { identify })).toBe("zh");
    expect(calls).toEqual([]);
    // Kana-rich text is Japanese by script; Han with a little kana is the identifier's call.
    expect(detectLanguage("電池の持ちが悪い", { identify })).toBe("other");
    expect(calls).toEqual([]);
    expect(detectLanguage("電池持続時間長、画面鮮明、音質良好。お勧め", { identify })).toBe("other");
    expect(calls).toEqual(["電池持続時間長、画面鮮明、音質良好。お勧め"]);
    expect(detectLanguage("这款iPhone手机很好用", { identify, fastPath: false })).toBe("zh");
  });

  it("decides mixed and non-Latin scripts by script shares alone", () => {
    calls.length = 0;
    expect(detectLanguage("Apple iPhone 15 Pro 智能手机", { identify })).toBe("mixed");
    expect(detectLanguage("Отличный товар, рекомендую", { identify })).toBe("other");
    expect(detectLanguage("", { identify })).toBe("other");
    expect(calls).toEqual([]);
  });

  it("falls back to the script decision when the identifier has no guess", () => {
    expect(detectLanguage("Some unknown words here", { identify: () => [] })).toBe("en");
  });
});
