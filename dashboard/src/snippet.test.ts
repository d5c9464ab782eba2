import { describe, expect, it } from "vitest";
import { embedSnippet, escapeAttribute } from "./snippet";

describe("embedSnippet", () => {
  it("is exactly the script tag and the element", () => {
    expect(embedSnippet("https://api.parley.example", "agt_1", "pk_live_abc")).toBe(
      '<script src="https://api.parley.example/widget/v1/voice-agent.js" async></script>\n' +
        '<voice-agent agent="agt_1" key="pk_live_abc"></voice-agent>',
    );
  });

  it("does not double the slash of an origin that ends with one", () => {
    expect(embedSnippet("https://x.example/", "a", "k")).toContain(
      'src="https://x.example/widget/v1/voice-agent.js"',
    );
  });

  it("escapes attribute values so they cannot break out of the tag", () => {
    const snippet = embedSnippet("https://x.example", 'a"><script>alert(1)</script>', "k&<");
    expect(snippet).toContain('agent="a&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(snippet).toContain('key="k&amp;&lt;"');
    expect(snippet.match(/<script/g)).toHaveLength(1);
  });

  it("escapes every special character", () => {
    expect(escapeAttribute(`&"<>'`)).toBe("&amp;&quot;&lt;&gt;'");
  });
});
