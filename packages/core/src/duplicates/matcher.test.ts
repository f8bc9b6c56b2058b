import { describe, expect, it } from "vitest";
import { MATCHER_MODEL, matchListings } from "./matcher.js";
import { blockingKeys, brandOf, codeSimilarity, isModelNumber, listingTokens } from "./product-codes.js";

describe("model numbers", () => {
  it("tells model numbers from measurements and formats", () => {
    for (const code of ["kxtg9343t", "wfw9200swh", "p6000", "h890", "nn4tsblk", "aw110jh"])
      expect(isModelNumber(code)).toBe(true);
    for (const not of ["32gb", "2.4ghz".replace(".", ""), "1080p", "4x", "5400rpm", "mp3", "1680x945", "4th", "5g"])
      expect(isModelNumber(not), not).toBe(false);
  });

  it("reads codes written with hyphens, slashes and full-width characters as one", () => {
    expect(listingTokens("Panasonic KX-TG9343T cordless phone").codes).toEqual(["kxtg9343t"]);
    expect(listingTokens("sony vaio aw110j/h notebook").codes).toEqual(["aw110jh"]);
    expect(listingTokens("索尼 ＷＨ－１０００ＸＭ４ 降噪耳机").codes).toEqual(["wh1000xm4"]);
  });

  it("scores contained codes high and codes of one family with other digits low", () => {
    expect(codeSimilarity("p6000", "coolpixp6000bk")).toBeGreaterThan(0.6);
    expect(codeSimilarity("wh1000xm4", "wh1000xm5")).toBeLessThan(0.5);
  });

  it("finds the brand in attributes or the first word, and blocking keys", () => {
    expect(brandOf("Sony WH-1000XM4 headphones")).toBe("sony");
    expect(brandOf("New Anker charger", { Brand: "Anker" })).toBe("anker");
    expect(brandOf("小米 Redmi Note 12")).toBe("小米");
    expect(blockingKeys({ title: "Sony WH-1000XM4 headphones" }).sort()).toEqual(["b:sony", "m:wh1000xm4"]);
  });
});

describe("same-product matcher", () => {
  it("matches one product listed with other words", () => {
    const r = matchListings(
      {
        name: "Panasonic KX-TG9343T DECT 6.0 cordless phone with answering system, 3 handsets",
        description: "Expandable digital cordless phone, caller ID, 11 days standby",
        price: 129.99,
      },
      { name: "panasonic kxtg9343t expandable digital cordless phone black", description: null, price: 119.0 },
    );
    expect(r.match).toBe(true);
    expect(r.score).toBeGreaterThanOrEqual(MATCHER_MODEL.threshold);
  });

  it("never matches products that differ only in a model number", () => {
    const pairs: [string, string][] = [
      [
        "Sony WH-1000XM4 wireless noise cancelling headphones black",
        "Sony WH-1000XM5 wireless noise cancelling headphones black",
      ],
      ["Whirlpool WFW9200SWH front load washer white", "Whirlpool WFW9300SWH front load washer white"],
      ["Apple iPhone 13 128GB blue", "Apple iPhone 14 128GB blue"],
      ["小米 Redmi Note 12 Pro 5G 手机 8GB+256GB 黑色", "小米 Redmi Note 13 Pro 5G 手机 8GB+256GB 黑色"],
      ["Canon EOS 40D digital SLR camera body", "Canon EOS 50D digital SLR camera body"],
    ];
    for (const [a, b] of pairs) {
      const r = matchListings({ name: a, price: 299 }, { name: b, price: 299 }, { embeddingCosine: 0.98 });
      expect(r, `${a} / ${b}`).toMatchObject({ match: false, reason: "model_number_differs" });
      expect(r.score).toBeLessThan(MATCHER_MODEL.threshold);
    }
  });

  it("matches identical listings and the same model number written differently", () => {
    const a = { name: "Sony WH-1000XM4 wireless noise cancelling headphones black", price: 348 };
    expect(matchListings(a, a, { embeddingCosine: 1 }).match).toBe(true);
    expect(matchListings(a, { name: "SONY WH1000XM4/B Wireless Headphones", price: 329 }).match).toBe(true);
  });

  it("does not match different products of one brand", () => {
    const r = matchListings(
      { name: "Logitech Harmony 890 advanced universal remote", price: 249 },
      { name: "Logitech MX Air rechargeable cordless air mouse", price: 99 },
    );
    expect(r.match).toBe(false);
  });
});
