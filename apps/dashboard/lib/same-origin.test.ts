import { describe, expect, it } from "vitest";
import { isSameOriginRequest, withoutCookieDomain } from "./same-origin";

describe("isSameOriginRequest", () => {
  it("accepts requests without Origin and with the dashboard's own origin", () => {
    expect(isSameOriginRequest(new Headers({ host: "dash.local:3000" }))).toBe(true);
    expect(isSameOriginRequest(new Headers({ host: "dash.local:3000", origin: "http://dash.local:3000" }))).toBe(true);
  });

  it("rejects another site, another port and a malformed Origin", () => {
    expect(isSameOriginRequest(new Headers({ host: "dash.local:3000", origin: "https://evil.example" }))).toBe(false);
    expect(isSameOriginRequest(new Headers({ host: "dash.local:3000", origin: "http://dash.local:4000" }))).toBe(false);
    expect(isSameOriginRequest(new Headers({ host: "dash.local:3000", origin: "null" }))).toBe(false);
  });

  it("compares with the forwarded host behind a reverse proxy", () => {
    const headers = new Headers({
      host: "127.0.0.1:3000",
      "x-forwarded-host": "shop.example",
      origin: "https://shop.example",
    });
    expect(isSameOriginRequest(headers)).toBe(true);
  });
});

describe("withoutCookieDomain", () => {
  it("drops the Domain attribute and keeps the others", () => {
    const cookie = "tc_session=abc; Path=/; Domain=api.example; HttpOnly; SameSite=Lax";
    expect(withoutCookieDomain(cookie)).toBe("tc_session=abc; Path=/; HttpOnly; SameSite=Lax");
  });

  it("leaves a cookie without Domain as it is", () => {
    const cookie = "tc_session=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT";
    expect(withoutCookieDomain(cookie)).toBe(cookie);
  });
});
