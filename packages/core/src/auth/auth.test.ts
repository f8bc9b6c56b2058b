import { describe, expect, it } from "vitest";
import {
  can,
  hashSecret,
  isWellFormedApiKey,
  newApiKey,
  parseApiKey,
  PERMISSIONS,
  ROLES,
  verifySecret,
} from "../index.js";

describe("secrets", () => {
  it("hashes with a salt and verifies only the right secret", async () => {
    const h1 = await hashSecret("correct horse");
    const h2 = await hashSecret("correct horse");
    expect(h1).not.toBe(h2);
    expect(h1.startsWith("scrypt$16384$8$1$")).toBe(true);
    expect(await verifySecret("correct horse", h1)).toBe(true);
    expect(await verifySecret("correct horsf", h1)).toBe(false);
    expect(await verifySecret("x", "not-a-hash")).toBe(false);
  });

  it("makes API keys that parse back into prefix and secret", () => {
    const k = newApiKey();
    expect(isWellFormedApiKey(k.key)).toBe(true);
    expect(parseApiKey(k.key)).toEqual({ prefix: k.prefix, secret: k.secret });
    expect(parseApiKey("tc_short_x")).toBeNull();
    expect(parseApiKey("Bearer whatever")).toBeNull();
  });
});

describe("permission matrix", () => {
  it("lets only admins manage keys and never lets analysts or moderators import", () => {
    expect(ROLES.filter((r) => can(r, "apikeys:manage"))).toEqual(["ADMIN"]);
    expect(can("ANALYST", "catalog:import")).toBe(false);
    expect(can("MODERATOR", "catalog:import")).toBe(false);
    expect(can("SERVICE", "catalog:import")).toBe(true);
  });

  it("names only known roles", () => {
    for (const roles of Object.values(PERMISSIONS)) for (const r of roles) expect(ROLES).toContain(r);
  });
});
