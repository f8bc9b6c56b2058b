import { describe, expect, it } from "vitest";
import { PERMISSIONS } from "@truecopy/core";
import { UI_PERMISSIONS } from "./roles";

describe("the dashboard's copy of the permission matrix", () => {
  it.each(Object.keys(UI_PERMISSIONS))("%s grants the same roles as the API", (permission) => {
    const api = (PERMISSIONS as Record<string, readonly string[]>)[permission];
    expect(api, `${permission} is not in packages/core's matrix`).toBeDefined();
    expect([...UI_PERMISSIONS[permission as keyof typeof UI_PERMISSIONS]].sort()).toEqual([...(api ?? [])].sort());
  });
});
