import { expect } from "@open-wc/testing";
import { API } from "../test/helpers";
import { WidgetApi } from "./api";

describe("WidgetApi", () => {
  let original: typeof fetch;
  beforeEach(() => {
    original = window.fetch;
  });
  afterEach(() => {
    window.fetch = original;
  });

  it("sends /end with keepalive, and again without it where the browser refuses keepalive", async () => {
    const tried: Array<boolean | undefined> = [];
    window.fetch = async (_input: RequestInfo | URL, init: RequestInit = {}) => {
      tried.push(init.keepalive);
      if (init.keepalive) throw new TypeError("Failed to fetch");
      return new Response(JSON.stringify({ ok: true }), { status: 200 });
    };
    const body = { durationSeconds: 3, reason: "user_ended" } as const;
    expect(await new WidgetApi(API).end("ses_1", "tok_1", body)).to.deep.equal({ ok: true });
    expect(tried).to.deep.equal([true, false]);
  });

  it("sends other requests without keepalive and reports an unreachable server once", async () => {
    const tried: Array<boolean | undefined> = [];
    window.fetch = async (_input: RequestInfo | URL, init: RequestInit = {}) => {
      tried.push(init.keepalive);
      throw new TypeError("Failed to fetch");
    };
    const error = await new WidgetApi(API).connect("ses_1", "tok_1").catch((e: unknown) => e);
    expect(error).to.have.property("code", "network");
    expect(tried).to.deep.equal([false]);
  });
});
