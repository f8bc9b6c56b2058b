import { describe, expect, it } from "vitest";
import { liftPercent, ratePercent } from "./rates";

describe("experiment figures", () => {
  it("shows small rates with a decimal and large ones whole", () => {
    expect(ratePercent(0.034)).toBe("3.4%");
    expect(ratePercent(0)).toBe("0.0%");
    expect(ratePercent(0.256)).toBe("26%");
  });

  it("signs lifts", () => {
    expect(liftPercent(0.2)).toBe("+20%");
    expect(liftPercent(-0.13)).toBe("−13%");
    expect(liftPercent(0.001)).toBe("±0%");
  });
});
