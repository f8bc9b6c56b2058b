import { describe, expect, it } from "vitest";
import { crossSiteRefusal, isSameOriginRequest, withoutCookieDomain } from "./same-origin";

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

describe("crossSiteRefusal", () => {
  const own = { host: "dash.local:3000", "content-type": "application/json" };
  const codeOf = (headers: Record<string, string>) => crossSiteRefusal(new Headers(headers))?.code ?? "passes";

  it("lets the dashboard's own pages through, and callers without a session that send JSON", () => {
    const page = { ...own, origin: "http://dash.local:3000", "sec-fetch-site": "same-origin", cookie: "tc_session=s" };
    expect(codeOf(page)).toBe("passes");
    expect(codeOf({ ...page, "content-type": "application/json; charset=utf-8" })).toBe("passes");
    expect(codeOf(own)).toBe("passes");
  });

  it("refuses another site's pages, whatever else they send", () => {
    expect(codeOf({ ...own, origin: "https://evil.example", cookie: "tc_session=s" })).toBe("FORBIDDEN");
    expect(codeOf({ ...own, origin: "null", cookie: "tc_session=s" })).toBe("FORBIDDEN");
    for (const site of ["cross-site", "same-site", "none"]) {
      expect(codeOf({ ...own, "sec-fetch-site": site })).toBe("FORBIDDEN");
      // A forged or proxied Origin does not outweigh the browser's own mark.
      expect(codeOf({ ...own, origin: "http://dash.local:3000", "sec-fetch-site": site })).toBe("FORBIDDEN");
    }
  });

  it("refuses the session cookie without an Origin", () => {
    expect(codeOf({ ...own, cookie: "tc_session=s" })).toBe("FORBIDDEN");
  });

  it("refuses the bodies a form or a no-cors fetch can send without a preflight", () => {
    const page = { ...own, origin: "http://dash.local:3000", cookie: "tc_session=s" };
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", ""])
      expect(crossSiteRefusal(new Headers({ ...page, "content-type": type }))?.status, type).toBe(415);
    expect(codeOf({ ...page, "content-type": "application/jsonp" })).toBe("UNSUPPORTED_MEDIA_TYPE");
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
