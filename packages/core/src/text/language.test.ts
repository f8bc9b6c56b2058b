import { describe, expect, it } from "vitest";
import { detectLanguage } from "./language.js";

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
