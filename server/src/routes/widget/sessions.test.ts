/**
 * POST /v1/widget/sessions, walking design §4's rules in order with every outcome.
 */
import { eq } from "drizzle-orm";
import { decodeJwt } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import {
  createHarness,
  createTestPartner,
  expectProblem,
  type Harness,
  type TestPartner,
} from "../../../test/harness";
import {
  createAgent,
  grantAddon,
  issued,
  origin,
  premiumAgent,
  startSession,
} from "../../../test/widget-helpers";
import { featureFlagOverrides, voiceSessions } from "../../db/schema";
import { templateId } from "../../db/seed/templates";

let h: Harness;
let p: TestPartner;
let agentId: string;

beforeAll(async () => {
  h = await createHarness();
  p = await createTestPartner(h, { planId: "pro" });
  agentId = (await createAgent(p)).id;
});

describe("rule 1: key", () => {
  it.each([
    ["no key", ""],
    ["a malformed key", "pk_live_short"],
    ["a secret key", "sk_live_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"],
    ["an unknown key", "pk_live_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"],
  ])("refuses %s with 401 invalid_key", async (_label, key) => {
    await expectProblem(await startSession(h, key, agentId), 401, "invalid_key");
  });

  it("refuses a revoked key at once", async () => {
    const q = await createTestPartner(h);
    const a = await createAgent(q);
    expect((await startSession(h, q.publishableKey, a.id)).status).toBe(201);
    const keys = (await (await q.request("GET", "/v1/keys")).json()) as {
      data: { id: string; kind: string }[];
    };
    const pk = keys.data.find((k) => k.kind === "publishable");
    expect((await q.request("DELETE", `/v1/keys/${pk?.id}`)).status).toBe(200);
    await expectProblem(await startSession(h, q.publishableKey, a.id), 401, "invalid_key");
  });
});

describe("rule 2: origin", () => {
  it.each([
    ["another site", "https://evil.example"],
    ["a look-alike suffix", "https://shop.example.evil.net"],
    ["http instead of https", "http://shop.example"],
    ["the null origin", "null"],
    ["no origin", null],
  ])("refuses %s with 403 origin_not_allowed", async (_label, o) => {
    await expectProblem(
      await startSession(h, p.publishableKey, agentId, { origin: o }),
      403,
      "origin_not_allowed",
    );
  });

  it("accepts an origin the agent allows even if the key does not", async () => {
    const a = await createAgent(p, { allowedOrigins: ["https://*.partner.example"] });
    expect(
      (await startSession(h, p.publishableKey, a.id, { origin: "https://eu.partner.example" }))
        .status,
    ).toBe(201);
  });

  it("lets pk_test_ keys in from localhost only", async () => {
    const res = await p.request("POST", "/v1/keys", { kind: "publishable", mode: "test" });
    const { key } = (await res.json()) as { key: string };
    expect((await startSession(h, key, agentId, { origin: "http://localhost:5173" })).status).toBe(
      201,
    );
    await expectProblem(
      await startSession(h, p.publishableKey, agentId, { origin: "http://localhost:5173" }),
      403,
      "origin_not_allowed",
    );
  });
});

describe("rule 3: agent", () => {
  it("answers 404 agent_not_found for an unknown agent and for another partner's agent", async () => {
    const other = await createTestPartner(h);
    const theirs = await createAgent(other);
    await expectProblem(
      await startSession(h, p.publishableKey, "agt_01ZZZZZZZZZZZZZZZZZZZZZZZZ"),
      404,
      "agent_not_found",
    );
    await expectProblem(await startSession(h, p.publishableKey, theirs.id), 404, "agent_not_found");
  });

  it("answers 409 agent_offline for a paused agent", async () => {
    const a = await createAgent(p);
    await p.request("PATCH", `/v1/agents/${a.id}`, { status: "paused" });
    await expectProblem(await startSession(h, p.publishableKey, a.id), 409, "agent_offline");
  });

  it("answers 409 agent_offline with nextOpenAt outside working hours", async () => {
    const now = new Date();
    const closedDay = (now.getUTCDay() + 3) % 7;
    const a = await createAgent(p, {
      workingHours: { timezone: "UTC", days: [closedDay], open: "09:00", close: "17:00" },
    });
    const body = await expectProblem(
      await startSession(h, p.publishableKey, a.id),
      409,
      "agent_offline",
    );
    const next = new Date(String(body.nextOpenAt));
    expect(next.getUTCDay()).toBe(closedDay);
    expect(next.getUTCHours()).toBe(9);
    expect(next.getTime()).toBeGreaterThan(now.getTime());
  });
});

describe("rule 4: persona", () => {
  it("needs custom_personas for a custom persona: 402 upgrade_required when switched off", async () => {
    const q = await createTestPartner(h, { planId: "pro" });
    const persona = (await (
      await q.request("POST", "/v1/personas", { name: "Mine", instructions: "Be brief." })
    ).json()) as { id: string };
    const a = await createAgent(q, { personaId: persona.id });
    expect((await startSession(h, q.publishableKey, a.id)).status).toBe(201);
    await h.database.db
      .insert(featureFlagOverrides)
      .values({ partnerId: q.id, flagKey: "custom_personas", enabled: false });
    await h.services.resolutionCache.invalidatePartner(q.id);
    const body = await expectProblem(
      await startSession(h, q.publishableKey, a.id),
      402,
      "upgrade_required",
    );
    expect(body.upgradeUrl).toMatch(/\/dashboard\/billing$/);
  });

  it("accepts only declared dynamic variables as short strings", async () => {
    const a = await createAgent(p, { personaId: templateId("support") });
    expect(
      (
        await startSession(h, p.publishableKey, a.id, {
          metadata: { order_id: "A-1'; DROP TABLE x;--" },
        })
      ).status,
    ).toBe(201);
    for (const metadata of [
      { nope: "x" },
      { order_id: "x".repeat(201) },
      { order_id: 42 },
      "text",
    ]) {
      await expectProblem(
        await startSession(h, p.publishableKey, a.id, { metadata }),
        400,
        "validation_failed",
      );
    }
  });

  it("fills business-name variables from the partner's name unless the page sends them", async () => {
    const a = await createAgent(p, { personaId: templateId("receptionist") });
    const s = await issued(h, p.publishableKey, a.id);
    const [row] = await h.database.db
      .select()
      .from(voiceSessions)
      .where(eq(voiceSessions.id, s.session.id));
    expect(row?.metadata).toEqual({ business_name: "Test partner" });
    const own = await issued(h, p.publishableKey, a.id, { business_name: "Zoë's Clinic" });
    const [mine] = await h.database.db
      .select()
      .from(voiceSessions)
      .where(eq(voiceSessions.id, own.session.id));
    expect(mine?.metadata).toEqual({ business_name: "Zoë's Clinic" });
  });
});

describe("rules 5–6: entitlements and provider", () => {
  it("gives an entitled partner the premium voice", async () => {
    const q = await createTestPartner(h, { planId: "pro" });
    await grantAddon(h, q.id, "premium_voices");
    const a = await premiumAgent(q);
    const s = await issued(h, q.publishableKey, a.id);
    expect(s.voice).toEqual({
      provider: "elevenlabs",
      voiceId: "21m00Tcm4TlvDq8ikWAM",
      fallbackFrom: null,
    });
    const claims = decodeJwt(s.token);
    expect(claims.ent).toContain("premium_voices");
    expect(claims.voice).toEqual(s.voice);
  });

  it("falls back to the standard voice when not entitled and fallback is on", async () => {
    const a = await premiumAgent(p, { fallbackVoiceId: "nova" });
    const s = await issued(h, p.publishableKey, a.id);
    expect(s.voice).toEqual({ provider: "openai", voiceId: "nova", fallbackFrom: "elevenlabs" });
    const [row] = await h.database.db
      .select()
      .from(voiceSessions)
      .where(eq(voiceSessions.id, s.session.id));
    expect(row?.fallbackReason).toBe("not_entitled");
  });

  it("answers 402 upgrade_required when not entitled and fallback is off", async () => {
    const a = await premiumAgent(p, { fallbackEnabled: false });
    const body = await expectProblem(
      await startSession(h, p.publishableKey, a.id),
      402,
      "upgrade_required",
    );
    expect(body.upgradeUrl).toBeTruthy();
  });
});

describe("rule 8: issue", () => {
  it("answers 201 with the design's exact shape and a stored, issued session", async () => {
    const res = await startSession(h, p.publishableKey, agentId);
    expect(res.status).toBe(201);
    expect(res.headers.get("access-control-allow-origin")).toBe(origin);
    const body = (await res.json()) as Record<string, unknown> & {
      session: { id: string };
      token: string;
      expiresAt: string;
    };
    expect(Object.keys(body).sort()).toEqual([
      "expiresAt",
      "limits",
      "persona",
      "provider",
      "session",
      "token",
      "voice",
    ]);
    expect(body).toMatchObject({
      provider: "openai",
      persona: { name: "General assistant" },
      limits: { maxDurationSeconds: 600 },
    });
    const claims = decodeJwt(body.token);
    expect(claims).toMatchObject({
      aud: "voice-agent",
      sub: body.session.id,
      jti: body.session.id,
      pid: p.id,
      aid: agentId,
      org: origin,
    });
    expect(Number(claims.exp) - Number(claims.iat)).toBeLessThanOrEqual(120);
    const [row] = await h.database.db
      .select()
      .from(voiceSessions)
      .where(eq(voiceSessions.id, body.session.id));
    expect(row).toMatchObject({ status: "issued", partnerId: p.id, origin, reservedSeconds: 600 });
  });

  it("refuses unknown body fields and a huge body without creating anything", async () => {
    const before = await h.database.db
      .select()
      .from(voiceSessions)
      .where(eq(voiceSessions.partnerId, p.id));
    const bad = await h.app.request("/v1/widget/sessions", {
      method: "POST",
      headers: {
        authorization: `Bearer ${p.publishableKey}`,
        origin,
        "content-type": "application/json",
      },
      body: JSON.stringify({ agent: agentId, partner: "ptn_other" }),
    });
    await expectProblem(bad, 400, "validation_failed");
    const huge = await h.app.request("/v1/widget/sessions", {
      method: "POST",
      headers: {
        authorization: `Bearer ${p.publishableKey}`,
        origin,
        "content-type": "application/json",
      },
      body: JSON.stringify({ agent: agentId, metadata: { x: "y".repeat(1024 * 1024) } }),
    });
    await expectProblem(huge, 413, "payload_too_large");
    const after = await h.database.db
      .select()
      .from(voiceSessions)
      .where(eq(voiceSessions.partnerId, p.id));
    expect(after.length).toBe(before.length);
  });

  it("answers CORS preflights; a refused origin can read the problem, never data", async () => {
    const pre = await h.app.request("/v1/widget/sessions", {
      method: "OPTIONS",
      headers: { origin: "https://any.example" },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-headers")).toContain("authorization");
    const refused = await startSession(h, p.publishableKey, agentId, {
      origin: "https://evil.example",
    });
    // The widget on that page must be able to say why: the problem is readable …
    expect(refused.headers.get("access-control-allow-origin")).toBe("https://evil.example");
    await expectProblem(refused, 403, "origin_not_allowed");
    // … and that is all it gets: the config (data) is not readable from there.
    const config = await h.app.request(
      `/v1/widget/config?agent=${agentId}&key=${p.publishableKey}`,
      {
        headers: { origin: "https://evil.example" },
      },
    );
    expect(config.headers.get("access-control-allow-origin")).toBe("https://evil.example");
    await expectProblem(config, 403, "origin_not_allowed");
    const ok = await h.app.request(`/v1/widget/config?agent=${agentId}&key=${p.publishableKey}`, {
      headers: { origin },
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("access-control-allow-origin")).toBe(origin);
  });
});
