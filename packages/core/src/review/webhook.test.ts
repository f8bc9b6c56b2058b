import { describe, expect, it } from "vitest";
import {
  checkWebhookUrl,
  isAllowedAddress,
  isPublicIp,
  newWebhookSecret,
  parseHostAllowList,
  signWebhookPayload,
  verifyWebhookSignature,
} from "./index.js";
import { csvCell, csvLine } from "./export-format.js";

describe("webhook signatures", () => {
  const secret = newWebhookSecret();
  const body = JSON.stringify({ event: "variant.published", data: { text: "续航14天" } });
  const t = 1_790_000_000;

  it("signs t.body with HMAC-SHA256 in Stripe's header format and verifies it", () => {
    const header = signWebhookPayload({ secret, body, timestamp: t });
    expect(header).toMatch(/^t=1790000000,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature({ header, body, secret, nowSeconds: t + 10 })).toEqual({ valid: true, timestamp: t });
  });

  it("rejects a changed body, a wrong secret, an old timestamp and garbage", () => {
    const header = signWebhookPayload({ secret, body, timestamp: t });
    expect(verifyWebhookSignature({ header, body: body + " ", secret, nowSeconds: t })).toEqual({
      valid: false,
      reason: "mismatch",
    });
    expect(verifyWebhookSignature({ header, body, secret: newWebhookSecret(), nowSeconds: t }).valid).toBe(false);
    expect(verifyWebhookSignature({ header, body, secret, nowSeconds: t + 301 })).toEqual({
      valid: false,
      reason: "expired",
    });
    // A replay with a fresh timestamp but the old MAC fails: the timestamp is signed.
    const forged = header.replace(`t=${t}`, `t=${t + 1000}`);
    expect(verifyWebhookSignature({ header: forged, body, secret, nowSeconds: t + 1000 }).valid).toBe(false);
    for (const bad of ["", "t=1", "v1=abc", "t=x,v1=" + "0".repeat(64), "nonsense"])
      expect(verifyWebhookSignature({ header: bad, body, secret, nowSeconds: t }).valid).toBe(false);
  });

  it("accepts any of several signatures or secrets (rotation)", () => {
    const old = newWebhookSecret();
    const a = signWebhookPayload({ secret: old, body, timestamp: t });
    const b = signWebhookPayload({ secret, body, timestamp: t });
    const both = `${a},${b.split(",")[1]}`;
    expect(verifyWebhookSignature({ header: both, body, secret, nowSeconds: t }).valid).toBe(true);
    expect(verifyWebhookSignature({ header: a, body, secret: [secret, old], nowSeconds: t }).valid).toBe(true);
  });
});

describe("webhook URLs (SSRF)", () => {
  it("refuses private, loopback, link-local, mapped and odd addresses", () => {
    for (const ip of [
      "127.0.0.1",
      "10.1.2.3",
      "172.20.0.1",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "::1",
      "::",
      "fe80::1",
      "fd00::1",
      "::ffff:127.0.0.1",
      "::ffff:7f00:1",
      "64:ff9b::a9fe:a9fe",
      "2002:0a00:0001::1",
      "224.0.0.1",
    ])
      expect(isPublicIp(ip), ip).toBe(false);
    for (const ip of ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8"])
      expect(isPublicIp(ip), ip).toBe(true);
    expect(isPublicIp("example.com")).toBe(false);
  });

  it("checks scheme, credentials and host names before any lookup", () => {
    expect(checkWebhookUrl("https://hooks.example.com/truecopy").ok).toBe(true);
    expect(checkWebhookUrl("ftp://hooks.example.com")).toMatchObject({ ok: false, reason: "only http and https URLs" });
    expect(checkWebhookUrl("https://user:pw@hooks.example.com").ok).toBe(false);
    expect(checkWebhookUrl("http://localhost:8080").ok).toBe(false);
    expect(checkWebhookUrl("http://metadata.google.internal/").ok).toBe(false);
    expect(checkWebhookUrl("http://127.0.0.1:9000/hook").ok).toBe(false);
    expect(checkWebhookUrl("http://[::1]:9000/hook").ok).toBe(false);
    expect(checkWebhookUrl("http://2130706433/").ok).toBe(false); // WHATWG URL parses it as 127.0.0.1
    expect(checkWebhookUrl("not a url").ok).toBe(false);
  });

  it("lets an explicit allow-list through, by name or by address", () => {
    const allow = parseHostAllowList(" 127.0.0.1 , Hooks.Test ");
    expect(allow).toEqual(["127.0.0.1", "hooks.test"]);
    expect(checkWebhookUrl("http://127.0.0.1:9000/hook", allow).ok).toBe(true);
    expect(isAllowedAddress("hooks.test", "10.0.0.5", allow)).toBe(true);
    expect(isAllowedAddress("evil.example", "10.0.0.5", allow)).toBe(false);
    expect(isAllowedAddress("evil.example", "127.0.0.1", allow)).toBe(true);
  });
});

describe("CSV export cells", () => {
  it("neutralises formulas and quotes everything", () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    for (const s of ["+1", "-2", "@SUM(A1)", "\tx", "\rx"]) expect(csvCell(s).startsWith(`"'`)).toBe(true);
    expect(csvCell("a,b\nc")).toBe(`"a,b\nc"`);
    expect(csvCell(null)).toBe(`""`);
    expect(csvLine(["x", 1])).toBe(`"x","1"\r\n`);
  });
});
