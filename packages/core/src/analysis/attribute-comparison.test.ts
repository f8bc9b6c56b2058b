import { describe, expect, it } from "vitest";
import { extractAttributes } from "./attribute-extractor.js";
import { attributeKeyOf, compareAttributes } from "./attribute-comparison.js";

const verdicts = (text: string, attributes: Record<string, unknown>, brands?: string[]) =>
  compareAttributes(extractAttributes(text, brands ? { brands } : {}), attributes).map((c) => [
    c.status,
    c.key,
    c.fact?.value ?? null,
    c.attribute?.name ?? null,
  ]);

describe("attributeKeyOf", () => {
  it("maps zh and en names to stable keys, ambiguous ones by their value", () => {
    expect(
      ["电池容量", "Battery Capacity", "续航", "防水等级", "颜色", "color", "材质", "重量", "功率"].map((n) =>
        attributeKeyOf(n),
      ),
    ).toEqual([
      "battery_capacity",
      "battery_capacity",
      "battery_life",
      "water_resistance",
      "colour",
      "colour",
      "material",
      "weight",
      "power",
    ]);
    expect(attributeKeyOf("容量", "5000mAh")).toBe("battery_capacity");
    expect(attributeKeyOf("容量", "20L")).toBe("volume");
    expect(attributeKeyOf("产地")).toBe("origin");
    expect(attributeKeyOf("单次续航")).toBe("battery_life");
    expect(attributeKeyOf("max_user_weight")).toBe("max_load");
    expect(attributeKeyOf("battery", "up to 10 h")).toBe("battery_life");
    expect(attributeKeyOf("飞轮")).toBeNull();
  });
});

describe("compareAttributes", () => {
  it("agrees across units and languages", () => {
    expect(
      verdicts("续航约14天，整表重约0.045公斤，黑色", { "battery life": "336 h", weight: "45 g", colour: "Black" }),
    ).toEqual([
      ["agree", "battery_life", "14天", "battery life"],
      ["agree", "weight", "0.045公斤", "weight"],
      ["agree", "colour", "黑色", "colour"],
    ]);
  });

  it("finds contradictions in numbers, colours, materials and water ratings", () => {
    expect(
      verdicts("一次充电可使用45天，白色款，表壳由不锈钢打造，10ATM防水", {
        续航: "14天",
        颜色: "黑色",
        表壳材质: "钛合金",
        防水等级: "IP68",
      }),
    ).toEqual([
      ["contradict", "battery_life", "45天", "续航"],
      ["contradict", "colour", "白色", "颜色"],
      ["contradict", "material", "不锈钢", "表壳材质"],
      ["contradict", "water_resistance", "10ATM", "防水等级"],
    ]);
  });

  it("accepts any of several structured values and equivalent ratings", () => {
    expect(verdicts("配合充电盒30小时，5ATM", { 续航: "单次5小时，配合充电盒30小时", 防水: "50米" })).toEqual([
      ["agree", "battery_life", "30小时", "续航"],
      ["agree", "water_resistance", "5ATM", "防水"],
    ]);
  });

  it("compares versions exactly and measurements with a small tolerance", () => {
    expect(verdicts("蓝牙5.4", { 蓝牙版本: "5.3" })[0]?.[0]).toBe("contradict");
    expect(verdicts("Bluetooth 5.3", { "bluetooth version": "5.3" })[0]?.[0]).toBe("agree");
    expect(verdicts("重约1.49kg", { 重量: "1.5kg" })[0]?.[0]).toBe("agree");
    expect(verdicts("重约1.8kg", { 重量: "1.5kg" })[0]?.[0]).toBe("contradict");
  });

  it("treats a pure-material claim against a blend as a contradiction", () => {
    expect(verdicts("纯棉面料", { 材质: "棉+涤纶" })[0]?.[0]).toBe("contradict");
    expect(verdicts("棉质面料", { 材质: "棉+涤纶" })[0]?.[0]).toBe("agree");
  });

  it("compares yes/no features and brands", () => {
    expect(verdicts("全掌碳板加持", { 碳板: "无" })[0]?.[0]).toBe("contradict");
    expect(verdicts("A carbon plate", { "carbon plate": true })[0]?.[0]).toBe("agree");
    expect(verdicts("Orbiq quality", { brand: "Voltrek" }, ["Orbiq", "Voltrek"])[0]?.[0]).toBe("contradict");
  });

  it("reports facts only in the text and attributes never mentioned", () => {
    expect(verdicts("IP68防水，通过CE认证", { 型号: "G6", 认证: ["CCC"] })).toEqual([
      ["only_in_text", "water_resistance", "IP68", null],
      ["only_in_text", "certification", "CE", null],
      ["only_in_attributes", "model", null, "型号"],
      ["only_in_attributes", "certification", null, "认证"],
    ]);
  });

  it("does not let a material of a part contradict the body", () => {
    expect(verdicts("Use silicone utensils", { material: "aluminium" })[0]?.[0]).toBe("only_in_text");
  });

  it("handles empty input on either side", () => {
    expect(compareAttributes([], {})).toEqual([]);
    expect(verdicts("", { 颜色: "黑色" })).toEqual([["only_in_attributes", "colour", null, "颜色"]]);
  });
});
