import { describe, expect, it } from "vitest";
import { extractAttributes, type TAttributeFact } from "./attribute-extractor.js";

const brief = (facts: TAttributeFact[]) => facts.map((f) => [f.key, f.normalized, f.unit ?? null]);
const one = (text: string) => {
  const facts = extractAttributes(text);
  expect(facts).toHaveLength(1);
  return facts[0]!;
};

describe("extractAttributes: measurements", () => {
  it.each([
    ["续航30天", "battery_life", 720, "h"],
    ["电池续航 14 天", "battery_life", 336, "h"],
    ["5000mAh", "battery_capacity", 5000, "mAh"],
    ["5000 mAh", "battery_capacity", 5000, "mAh"],
    ["10,000mAh", "battery_capacity", 10000, "mAh"],
    ["１．５公斤", "weight", 1.5, "kg"],
    ["1.5 kg", "weight", 1.5, "kg"],
    ["重450g", "weight", 0.45, "kg"],
    ["2200W", "power", 2200, "W"],
    ["1.7 L", "volume", 1.7, "L"],
    ["500毫升", "volume", 0.5, "L"],
    ["28 cm", "length", 28, "cm"],
    ["保质期18个月", "shelf_life", 12960, "h"],
    ["1.43英寸屏幕", "screen_size", 3.6322, "cm"],
    ["survives 3 m drops", "drop_height", 300, "cm"],
    ["8mm落差", "heel_drop", 0.8, "cm"],
    ["300g重磅面料", "fabric_weight", 300, "gsm"],
    ["230 GSM", "fabric_weight", 230, "gsm"],
    ["零下30度依然温暖", "temperature", -30, "°C"],
    ["warm down to -20°C", "temperature", -20, "°C"],
    ["零下十五℃", "temperature", -15, "°C"],
    ["holds ice for 2 days", "insulation", 48, "h"],
    ["坚持使用28天", "duration", 672, "h"],
    ["use it for 4 weeks", "duration", 672, "h"],
  ])("%s → %s", (text, key, value, unit) => {
    const f = one(text);
    expect(f.key).toBe(key);
    expect(f.normalized).toBeCloseTo(value, 6);
    expect(f.unit).toBe(unit);
  });

  it("tells water resistance apart: IP codes, ATM and metres", () => {
    expect(brief(extractAttributes("IP68防尘防水，5ATM，50米防水，ipx4"))).toEqual([
      ["water_resistance", "IP68", null],
      ["water_resistance", "5ATM", null],
      ["water_resistance", "50m", "m"],
      ["water_resistance", "IPX4", null],
    ]);
  });

  it("reads 65W快充 as power and keeps offsets into the original text", () => {
    const text = "支持６５Ｗ快充";
    const [f] = extractAttributes(text);
    expect(f).toMatchObject({ key: "power", normalized: 65, unit: "W" });
    expect(text.slice(f!.start, f!.end)).toBe("６５Ｗ");
  });

  it("does not read years, network generations or '5 in 1' as measurements", () => {
    expect(extractAttributes("2024年，支持5G，5 in 1 数据线")).toEqual([]);
  });

  it("reads dimensions, SPF and CRI", () => {
    expect(brief(extractAttributes("外形尺寸45×30×15cm，SPF50+，显色指数Ra97"))).toEqual([
      ["dimensions", "45x30x15", "cm"],
      ["spf", 50, "SPF"],
      ["cri", 97, "Ra"],
    ]);
  });
});

describe("extractAttributes: words", () => {
  it("maps colours in zh and en to one canonical id, but not teas or 透明质酸", () => {
    expect(brief(extractAttributes("黑色表身, Rose Gold finish, navy blue"))).toEqual([
      ["colour", "black", null],
      ["colour", "gold", null],
      ["colour", "navy", null],
    ]);
    expect(extractAttributes("white tea and black tea, 含透明质酸").filter((f) => f.key === "colour")).toEqual([]);
  });

  it("maps materials, prefers the longest name and flags pure and part claims", () => {
    const facts = extractAttributes("纯棉面料, PU leather, 304不锈钢内胆, stainless steel, 硅胶铲, ceramic");
    expect(facts.map((f) => [f.normalized, f.qualifier ?? null, f.part ?? null])).toEqual([
      ["cotton", "pure", null],
      ["pu_leather", null, null],
      ["ss_304", null, null],
      ["stainless_steel", null, null],
      ["silicone", null, "铲"],
      ["ceramic", null, null],
    ]);
  });

  it("finds sizes only where sizes are meant", () => {
    expect(brief(extractAttributes("尺码 S M XL，均码，EU 42，42码"))).toEqual([
      ["size", "S", null],
      ["size", "M", null],
      ["size", "XL", null],
      ["size", "one size", null],
      ["size", "42", null],
      ["size", "42", null],
    ]);
    expect(extractAttributes("I am M.")).toEqual([]);
  });

  it("finds certifications", () => {
    expect(
      extractAttributes("通过CE、FCC、RoHS、3C认证，FDA registered，ISO 9001，符合GB/T 18401-2010").map(
        (f) => f.normalized,
      ),
    ).toEqual(["CE", "FCC", "RoHS", "CCC", "FDA", "ISO 9001", "GB/T 18401"]);
  });

  it("finds model numbers and known brands", () => {
    const facts = extractAttributes("Voltrek GL-69A 与 XM-2024 对比，沃创 G6", { brands: ["Voltrek", "沃创"] });
    expect(brief(facts)).toEqual([
      ["brand", "Voltrek", null],
      ["model", "GL-69A", null],
      ["model", "XM-2024", null],
      ["brand", "沃创", null],
      ["model", "G6", null],
    ]);
  });

  it("reads feature claims and their negation", () => {
    expect(brief(extractAttributes("全掌碳板；不支持主动降噪；no carbon plate"))).toEqual([
      ["carbon_plate", "yes", null],
      ["noise_cancelling", "no", null],
      ["carbon_plate", "no", null],
    ]);
  });

  it("returns nothing for empty or unrelated text and tolerates malformed input", () => {
    expect(extractAttributes("")).toEqual([]);
    expect(extractAttributes("😀 \uD800 hello")).toEqual([]);
  });
});

describe("extractAttributes: origins, harvests and Chinese numerals", () => {
  it("finds places of origin with the place that contains them, and 进口/imported", () => {
    expect(brief(extractAttributes("五常原产地大米，泰国进口乳胶枕，Raw honey from Vermont, made in USA"))).toEqual([
      ["origin", "cn-hl-wuchang", null],
      ["origin", "th", null],
      ["origin", "imported", null],
      ["material", "latex", null],
      ["origin", "us-vt", null],
      ["origin", "us", null],
    ]);
  });

  it("does not read styles, idioms or materials as origins", () => {
    expect(
      extractAttributes("法式复古连衣裙，Japanese-style bowl, French press, Egyptian cotton, 新会员专享").filter(
        (f) => f.key === "origin",
      ),
    ).toEqual([]);
  });

  it("reads harvest years and seasons as year:season", () => {
    expect(brief(extractAttributes("2024年新茶，2025年明前春茶，spring 2025, 2023 harvest, 雨前"))).toEqual([
      ["harvest", "2024:", null],
      ["harvest", "2025:mingqian", null],
      ["harvest", "2025:spring", null],
      ["harvest", "2023:", null],
      ["harvest", ":yuqian", null],
    ]);
  });

  it("reads Chinese numerals and 万 in quantities", () => {
    expect(brief(extractAttributes("续航三十天，充电两小时，一百二十瓦，11万转/分钟"))).toEqual([
      ["battery_life", 720, "h"],
      ["charge_time", 2, "h"],
      ["power", 120, "W"],
      ["rotation_speed", 110000, "rpm"],
    ]);
    expect(extractAttributes("第一天，每一天").filter((f) => typeof f.normalized === "number")).toEqual([]);
  });

  it("keeps measurement context within the clause and reads new units", () => {
    expect(
      brief(extractAttributes("尺寸为1.8m×2m，厚22cm，120Hz高刷，32 GB RAM，5000Pa吸力，20-hour battery")),
    ).toEqual([
      ["dimensions", "180x200", "cm"],
      ["thickness", 22, "cm"],
      ["refresh_rate", 120, "Hz"],
      ["ram", 32, "GB"],
      ["suction", 5000, "Pa"],
      ["battery_life", 20, "h"],
    ]);
  });
});
