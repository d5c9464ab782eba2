import { describe, expect, it } from "vitest";
import { normalizeOrigin, originAllowed } from "./origins";

describe("normalizeOrigin", () => {
  it.each([
    ["https://shop.example", "https://shop.example"],
    ["https://shop.example/", "https://shop.example"],
    ["HTTPS://SHOP.Example", "https://shop.example"],
    ["https://shop.example:443", "https://shop.example"],
    ["http://shop.example:80", "http://shop.example"],
    ["http://shop.example:443", "http://shop.example:443"],
    ["https://shop.example:80", "https://shop.example:80"],
    ["https://shop.example:8443/", "https://shop.example:8443"],
    ["http://localhost:5173", "http://localhost:5173"],
    ["http://127.0.0.1:3000", "http://127.0.0.1:3000"],
    ["http://[::1]:3000", "http://[::1]:3000"],
    ["https://bücher.example", "https://xn--bcher-kva.example"],
    ["https://xn--bcher-kva.example", "https://xn--bcher-kva.example"],
  ])("normalizes %j to %j", (raw, expected) => {
    expect(normalizeOrigin(raw)).toBe(expected);
  });

  it.each([
    [undefined],
    [null],
    [""],
    ["null"],
    ["shop.example"],
    ["//shop.example"],
    ["ftp://shop.example"],
    ["file:///etc/passwd"],
    ["javascript:alert(1)"],
    ["data:text/html,hi"],
    ["ws://shop.example"],
    ["https://shop.example/path"],
    ["https://shop.example//"],
    ["https://shop.example/."],
    ["https://shop.example/%2e"],
    ["https://shop.example\\"],
    ["https://shop.example?x=1"],
    ["https://shop.example?"],
    ["https://shop.example#top"],
    ["https://user@shop.example"],
    ["https://user:pw@shop.example"],
    ["https://@shop.example"],
    [" https://shop.example"],
    ["https://shop.example "],
    ["https://shop .example"],
    ["https://"],
    ["https://:443"],
    ["https://shop.example:99999"],
    ["https://*.example.com"],
    [`https://${"a".repeat(400)}.example`],
  ])("rejects %j", (raw) => {
    expect(normalizeOrigin(raw)).toBeNull();
  });
});

describe("originAllowed", () => {
  const live = { allowLocalhost: false };
  const test = { allowLocalhost: true };

  it("matches an exact origin", () => {
    expect(originAllowed("https://shop.example.com", ["https://shop.example.com"], live)).toBe(
      true,
    );
  });

  it.each([
    ["https://shop.example.com.evil.net"],
    ["https://evilshop.example.com"],
    ["https://www.shop.example.com"],
    ["https://shop.example.co"],
    ["https://shop.example.com:8443"],
    ["http://shop.example.com"],
  ])("does not let %j pass as https://shop.example.com", (origin) => {
    expect(originAllowed(origin, ["https://shop.example.com"], live)).toBe(false);
  });

  it("tolerates case, default ports and a trailing slash on either side", () => {
    expect(originAllowed("HTTPS://Shop.Example.com", ["https://shop.example.com/"], live)).toBe(
      true,
    );
    expect(originAllowed("https://shop.example.com", ["HTTPS://SHOP.EXAMPLE.COM:443"], live)).toBe(
      true,
    );
    expect(originAllowed("https://shop.example.com:443/", ["https://shop.example.com"], live)).toBe(
      true,
    );
  });

  it("lets a wildcard match subdomains of any depth", () => {
    const patterns = ["https://*.example.com"];
    expect(originAllowed("https://shop.example.com", patterns, live)).toBe(true);
    expect(originAllowed("https://a.b.c.example.com", patterns, live)).toBe(true);
    expect(originAllowed("https://SHOP.Example.COM", patterns, live)).toBe(true);
  });

  it.each([
    ["https://example.com", "the domain itself"],
    ["https://evilexample.com", "a name that merely ends with the same letters"],
    ["https://example.com.evil.net", "the domain used as a subdomain elsewhere"],
    ["https://shop.example.com.evil.net", "a subdomain used as a subdomain elsewhere"],
    ["https://shop.example.com.", "a fully-qualified name with a trailing dot"],
    ["http://shop.example.com", "another scheme"],
    ["https://shop.example.com:8443", "another port"],
    ["https://shop.example.org", "another domain"],
  ])("keeps a wildcard from matching %j (%s)", (origin) => {
    expect(originAllowed(origin, ["https://*.example.com"], live)).toBe(false);
  });

  it("matches a wildcard's port: none means the default one", () => {
    expect(
      originAllowed("https://shop.example.com:8443", ["https://*.example.com:8443"], live),
    ).toBe(true);
    expect(originAllowed("https://shop.example.com", ["https://*.example.com:8443"], live)).toBe(
      false,
    );
    expect(originAllowed("https://shop.example.com:443", ["https://*.example.com"], live)).toBe(
      true,
    );
    expect(originAllowed("http://shop.example.com", ["http://*.example.com:80"], live)).toBe(true);
  });

  it("requires the exact port for an exact pattern", () => {
    expect(originAllowed("http://shop.example:3000", ["http://shop.example:3000"], live)).toBe(
      true,
    );
    expect(originAllowed("http://shop.example:3001", ["http://shop.example:3000"], live)).toBe(
      false,
    );
    expect(originAllowed("http://shop.example", ["http://shop.example:3000"], live)).toBe(false);
  });

  it("keeps http and https apart", () => {
    expect(originAllowed("http://shop.example", ["https://shop.example"], live)).toBe(false);
    expect(originAllowed("https://shop.example", ["http://shop.example"], live)).toBe(false);
  });

  it("compares unicode and punycode hosts as the same host", () => {
    expect(originAllowed("https://xn--bcher-kva.example", ["https://bücher.example"], live)).toBe(
      true,
    );
    expect(
      originAllowed("https://shop.xn--bcher-kva.example", ["https://*.bücher.example"], live),
    ).toBe(true);
    expect(originAllowed("https://bucher.example", ["https://bücher.example"], live)).toBe(false);
  });

  it.each([[null], [undefined], [""], ["null"], ["https://shop.example/path"]])(
    "refuses the unusable origin %j even when everything looks allowed",
    (origin) => {
      expect(originAllowed(origin, ["https://shop.example", "https://*.example.com"], test)).toBe(
        false,
      );
    },
  );

  it("refuses everything when no origin is configured", () => {
    expect(originAllowed("https://shop.example", [], live)).toBe(false);
  });

  it.each([
    ["*"],
    ["https://*"],
    ["https://*.com"],
    ["https://*.1.2.3"],
    ["https://*.[::1]"],
    ["https://*.*.example.com"],
    ["https://sh*p.example.com"],
    ["http://localhost:*"],
    ["https://shop.example.com/path"],
    ["not an origin"],
  ])("never matches with the malformed or over-broad pattern %j", (pattern) => {
    for (const origin of [
      "https://shop.example.com",
      "https://a.b.example.com",
      "https://x.com",
      "http://localhost:3000",
      "https://1.1.2.3",
    ]) {
      expect(originAllowed(origin, [pattern], live)).toBe(false);
    }
  });

  it("finds the one matching pattern among several", () => {
    const patterns = ["https://*.other.example", "bad pattern", "https://shop.example"];
    expect(originAllowed("https://shop.example", patterns, live)).toBe(true);
    expect(originAllowed("https://x.other.example", patterns, live)).toBe(true);
    expect(originAllowed("https://elsewhere.example", patterns, live)).toBe(false);
  });

  describe("with a test key", () => {
    it.each([
      ["http://localhost:3000"],
      ["http://localhost:5173"],
      ["http://localhost"],
      ["http://LOCALHOST:8080"],
      ["http://127.0.0.1:8080"],
      ["http://127.0.0.1"],
    ])("allows %j without any configured pattern", (origin) => {
      expect(originAllowed(origin, [], test)).toBe(true);
    });

    it.each([
      ["http://localhost.evil.net:3000"],
      ["http://evil-localhost:3000"],
      ["http://127.0.0.2:3000"],
      ["https://localhost:3000"],
      ["http://[::1]:3000"],
    ])("still refuses %j", (origin) => {
      expect(originAllowed(origin, [], test)).toBe(false);
    });

    it("does not extend localhost to live keys", () => {
      expect(originAllowed("http://localhost:3000", [], live)).toBe(false);
      expect(originAllowed("http://127.0.0.1:3000", [], live)).toBe(false);
    });

    it("still checks the configured patterns for other origins", () => {
      expect(originAllowed("https://shop.example", ["https://shop.example"], test)).toBe(true);
      expect(originAllowed("https://evil.example", ["https://shop.example"], test)).toBe(false);
    });
  });
});
