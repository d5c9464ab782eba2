import { describe, expect, it, vi } from "vitest";
import { Api, ApiError, toApiError, withQuery } from "./api";

type Call = { url: string; init: RequestInit };

function stub(responses: Response[]) {
  const calls: Call[] = [];
  const fetchFn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), init: init ?? {} });
    const next = responses.shift();
    if (!next) throw new Error("no response stubbed");
    return next;
  });
  return { api: new Api(fetchFn), calls };
}

const json = (body: unknown, status = 200, type = "application/json") =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": type } });

const me = {
  user: { id: "usr_1", email: "ana@shop.example", name: "Ana" },
  partner: { id: "ptn_1", name: "Shop", timezone: "UTC", isReseller: false, planId: "free" },
  role: "owner",
  csrfToken: "csrf-123",
  entitlements: [],
};

const headersOf = (call: Call | undefined) => new Headers(call?.init.headers);

describe("Api", () => {
  it("remembers the CSRF token from Me and sends it on POST, PATCH and DELETE", async () => {
    const { api, calls } = stub([
      json(me),
      json({ id: "agt_1" }, 201),
      json({ id: "agt_1" }),
      json({ id: "agt_1", deleted: true }),
    ]);
    await api.me();
    await api.createAgent({ name: "Front desk", personaId: "per_1" });
    await api.updateAgent("agt_1", { status: "paused" });
    await api.deleteAgent("agt_1");
    expect(calls.map((c) => c.init.method)).toEqual(["GET", "POST", "PATCH", "DELETE"]);
    for (const call of calls.slice(1)) {
      expect(headersOf(call).get("x-csrf-token")).toBe("csrf-123");
    }
  });

  it("does not send the CSRF token on GET", async () => {
    const { api, calls } = stub([json(me), json({ data: [], nextCursor: null })]);
    await api.me();
    await api.listAgents();
    expect(headersOf(calls[1]).has("x-csrf-token")).toBe(false);
  });

  it("sends cookies same-origin and JSON bodies", async () => {
    const { api, calls } = stub([json(me, 201)]);
    await api.signup({ email: "a@b.co", password: "0123456789", name: "A", company: "B" });
    expect(calls[0]?.init.credentials).toBe("same-origin");
    expect(headersOf(calls[0]).get("content-type")).toBe("application/json");
    expect(JSON.parse(String(calls[0]?.init.body))).toMatchObject({ email: "a@b.co" });
  });

  it("throws a typed error with field errors for a problem+json answer", async () => {
    const problem = {
      type: "/problems/validation_failed",
      title: "Validation failed",
      status: 400,
      detail: "2 fields are invalid.",
      code: "validation_failed",
      errors: [
        { path: "name", message: "must not be empty" },
        { path: "allowedOrigins.1", message: "must be an origin" },
      ],
    };
    const { api } = stub([json(problem, 400, "application/problem+json")]);
    const error = await api.createPersona({ name: "", instructions: "x" }).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe("validation_failed");
    expect(error.detail).toBe("2 fields are invalid.");
    expect(error.fieldError("name")).toBe("must not be empty");
    expect(error.fieldError("allowedOrigins")).toBe("must be an origin");
    expect(error.fieldError("language")).toBeUndefined();
  });

  it("keeps the upgrade link of upgrade_required", async () => {
    const error = await toApiError(
      json(
        { status: 402, code: "upgrade_required", detail: "Premium voices.", upgradeUrl: "/u" },
        402,
      ),
    );
    expect(error.code).toBe("upgrade_required");
    expect(error.upgradeUrl).toBe("/u");
  });

  it("falls back to the status when the body is not problem+json", async () => {
    const error = await toApiError(new Response("<html>", { status: 404, statusText: "Nope" }));
    expect(error.code).toBe("not_found");
    expect(error.detail).toBe("Nope");
    expect(error.errors).toEqual([]);
  });

  it("ignores malformed field errors instead of crashing on them", async () => {
    const error = await toApiError(
      json({ code: "validation_failed", detail: "bad", errors: [{ path: 1 }, "x"] }, 400),
    );
    expect(error.errors).toEqual([]);
  });

  it("turns a network failure into network_error", async () => {
    const api = new Api(async () => {
      throw new TypeError("Failed to fetch");
    });
    await expect(api.listKeys()).rejects.toMatchObject({ code: "network_error", status: 0 });
  });

  it("offers the standard voices when /v1/voices does not exist yet", async () => {
    const { api } = stub([json({ code: "not_found", detail: "No route" }, 404)]);
    const voices = await api.listVoices();
    expect(voices.map((v) => v.id)).toContain("alloy");
    expect(voices.every((v) => v.provider === "openai" && !v.premium)).toBe(true);
  });

  it("reads voices and their labels from /v1/voices", async () => {
    const { api } = stub([
      json({
        data: [
          { id: "v1", name: "Rachel", provider: "elevenlabs", labels: { gender: "female" } },
          { nonsense: true },
        ],
      }),
    ]);
    expect(await api.listVoices()).toEqual([
      {
        id: "v1",
        name: "Rachel",
        provider: "elevenlabs",
        labels: ["female"],
        premium: true,
        previewUrl: null,
      },
    ]);
  });

  it("keeps http(s) preview URLs and drops anything else", async () => {
    const { api } = stub([
      json({
        data: [
          { id: "v1", name: "A", provider: "elevenlabs", previewUrl: "https://cdn.example/a.mp3" },
          { id: "v2", name: "B", provider: "elevenlabs", previewUrl: "javascript:alert(1)" },
          { id: "v3", name: "C", provider: "openai", previewUrl: null },
        ],
      }),
    ]);
    expect((await api.listVoices()).map((v) => v.previewUrl)).toEqual([
      "https://cdn.example/a.mp3",
      null,
      null,
    ]);
  });

  it("switches partner with the CSRF token, then uses the new session's token", async () => {
    const switched = { ...me, partner: { ...me.partner, id: "ptn_2" }, csrfToken: "csrf-456" };
    const { api, calls } = stub([json(me), json(switched), json({ id: "key_1" }, 201)]);
    await api.me();
    expect((await api.switchPartner("ptn_2")).partner.id).toBe("ptn_2");
    expect(calls[1]?.url).toBe("/v1/auth/switch");
    expect(calls[1]?.init.method).toBe("POST");
    expect(headersOf(calls[1]).get("x-csrf-token")).toBe("csrf-123");
    expect(JSON.parse(String(calls[1]?.init.body))).toEqual({ partnerId: "ptn_2" });
    await api.createKey({ kind: "publishable" });
    expect(headersOf(calls[2]).get("x-csrf-token")).toBe("csrf-456");
  });

  it("keeps the old session's token when a switch is refused", async () => {
    const { api } = stub([
      json(me),
      json({ code: "not_found", detail: "No partner you belong to with that id." }, 404),
    ]);
    await api.me();
    await expect(api.switchPartner("ptn_x")).rejects.toMatchObject({ code: "not_found" });
    expect(api.csrfToken).toBe("csrf-123");
  });

  it("accepts an invitation and remembers the new session's CSRF token", async () => {
    const { api, calls } = stub([json({ ...me, csrfToken: "csrf-new" })]);
    await api.acceptInvite({ token: "t".repeat(43), name: "Nia", password: "0123456789" });
    expect(calls[0]?.url).toBe("/v1/auth/accept-invite");
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({
      token: "t".repeat(43),
      name: "Nia",
      password: "0123456789",
    });
    expect(api.csrfToken).toBe("csrf-new");
  });

  it("clears the CSRF token on logout", async () => {
    const { api } = stub([json(me), new Response(null, { status: 204 })]);
    await api.me();
    await api.logout();
    expect(api.csrfToken).toBeNull();
  });
});

describe("withQuery", () => {
  it("drops empty values and encodes the rest", () => {
    expect(withQuery("/v1/sessions", { agent: "a b", status: undefined, from: "" })).toBe(
      "/v1/sessions?agent=a+b",
    );
    expect(withQuery("/v1/keys", {})).toBe("/v1/keys");
  });
});
