/** /connect (single use), /heartbeat, /end and the provider webhook that settles usage. */
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  createHarness,
  createTestPartner,
  expectProblem,
  type Harness,
  type TestPartner,
} from "../../../test/harness";
import {
  call,
  createAgent,
  grantAddon,
  issued,
  origin,
  premiumAgent,
} from "../../../test/widget-helpers";
import { usageEvents, voiceSessions } from "../../db/schema";
import { readQuota } from "../../domain/quota";
import { signElevenLabsWebhook } from "../../providers/elevenlabs";

let t = Date.now();
let h: Harness;
let p: TestPartner;
let agentId: string;
const advance = (seconds: number) => {
  t += seconds * 1000;
};

beforeAll(async () => {
  h = await createHarness({ now: () => new Date(t) });
  p = await createTestPartner(h, { planId: "pro" });
  agentId = (await createAgent(p, { maxDurationSeconds: 300 })).id;
});

describe("connect", () => {
  it("redeems a token once for OpenAI Realtime details from the provider", async () => {
    const s = await issued(h, p.publishableKey, agentId);
    const res = await call(h, s.session.id, "connect", s.token);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, string>;
    expect(body).toMatchObject({ provider: "openai", voice: "alloy" });
    expect(body.url).toMatch(/^ws:\/\/.*\/simulator\/openai\/v1\/realtime\?model=/);
    expect(body.clientSecret).toMatch(/^ek_/);
    await expectProblem(await call(h, s.session.id, "connect", s.token), 409, "token_used");
  });

  it("gives a signed ElevenLabs URL with the persona as overrides and the session as a variable", async () => {
    const q = await createTestPartner(h, { planId: "pro" });
    await grantAddon(h, q.id, "premium_voices");
    const a = await premiumAgent(q, { greeting: "Welcome to Acme!" });
    const s = await issued(h, q.publishableKey, a.id);
    const body = (await (await call(h, s.session.id, "connect", s.token)).json()) as {
      provider: string;
      signedUrl: string;
      overrides: {
        agent: { firstMessage: string; prompt: { prompt: string } };
        tts: { voiceId: string };
      };
      dynamicVariables: Record<string, string>;
    };
    expect(body.provider).toBe("elevenlabs");
    expect(body.signedUrl).toMatch(/^ws:\/\/.*conversation_signature=/);
    expect(body.overrides.agent.firstMessage).toBe("Welcome to Acme!");
    expect(body.overrides.tts.voiceId).toBe("21m00Tcm4TlvDq8ikWAM");
    expect(body.dynamicVariables.parley_session_id).toBe(s.session.id);
  });

  it("refuses a token from another origin, for another session, or tampered", async () => {
    const s = await issued(h, p.publishableKey, agentId);
    const other = await issued(h, p.publishableKey, agentId);
    await expectProblem(
      await call(h, s.session.id, "connect", s.token, {}, "https://evil.example"),
      401,
      "token_invalid",
    );
    await expectProblem(await call(h, other.session.id, "connect", s.token), 401, "token_invalid");
    await expectProblem(
      await call(h, s.session.id, "connect", `${s.token}x`),
      401,
      "token_invalid",
    );
    await expectProblem(await call(h, s.session.id, "connect", ""), 401, "token_invalid");
    expect((await call(h, s.session.id, "connect", s.token)).status).toBe(200);
  });

  it("refuses an expired token with 401 token_expired", async () => {
    const s = await issued(h, p.publishableKey, agentId);
    advance(130);
    await expectProblem(await call(h, s.session.id, "connect", s.token), 401, "token_expired");
  });

  it("fails the session and frees its reservation when every provider is down", async () => {
    const down = await createHarness({
      override: (svc) => ({
        providers: {
          elevenlabs: svc.providers.elevenlabs,
          openai: { ...svc.providers.openai, connect: () => Promise.reject(new Error("boom")) },
        },
      }),
    });
    const q = await createTestPartner(down, { planId: "pro" });
    const a = await createAgent(q);
    const s = await issued(down, q.publishableKey, a.id);
    await expectProblem(
      await call(down, s.session.id, "connect", s.token),
      503,
      "provider_unavailable",
    );
    const [row] = await down.database.db
      .select()
      .from(voiceSessions)
      .where(eq(voiceSessions.id, s.session.id));
    expect(row?.status).toBe("failed");
    expect(await readQuota(down.database, q.id, new Date())).toMatchObject({
      reservedSeconds: 0,
      liveSessions: 0,
    });
  });
});

describe("heartbeat and end", () => {
  it("continues during the call, then says max_duration, past the token's 120 s", async () => {
    const s = await issued(h, p.publishableKey, agentId);
    await call(h, s.session.id, "connect", s.token);
    advance(150);
    const mid = (await (await call(h, s.session.id, "heartbeat", s.token)).json()) as {
      continue: boolean;
      remainingSeconds: number;
    };
    expect(mid).toEqual({ continue: true, remainingSeconds: 150 });
    advance(150);
    expect(await (await call(h, s.session.id, "heartbeat", s.token)).json()).toMatchObject({
      continue: false,
      reason: "max_duration",
    });
  });

  it("tells the call to stop when the agent is paused", async () => {
    const a = await createAgent(p);
    const s = await issued(h, p.publishableKey, a.id);
    await call(h, s.session.id, "connect", s.token);
    await p.request("PATCH", `/v1/agents/${a.id}`, { status: "paused" });
    expect(await (await call(h, s.session.id, "heartbeat", s.token)).json()).toMatchObject({
      continue: false,
      reason: "agent_paused",
    });
  });

  it("records a provisional duration (capped by elapsed time), releases the reservation, and is idempotent", async () => {
    const q = await createTestPartner(h, { planId: "pro" });
    const a = await createAgent(q);
    const s = await issued(h, q.publishableKey, a.id);
    await call(h, s.session.id, "connect", s.token);
    advance(40);
    const res = await call(h, s.session.id, "end", s.token, {
      durationSeconds: 9999,
      reason: "user_ended",
    });
    expect(await res.json()).toEqual({ id: s.session.id, status: "ended", durationSeconds: 45 });
    const again = await call(h, s.session.id, "end", s.token, {
      durationSeconds: 10,
      reason: "user_ended",
    });
    expect(((await again.json()) as { durationSeconds: number }).durationSeconds).toBe(45);
    const events = await h.database.db
      .select()
      .from(usageEvents)
      .where(eq(usageEvents.sessionId, s.session.id));
    expect(events.map((e) => [e.provisional, e.quantity])).toEqual([[true, 45]]);
    expect(await readQuota(h.database, q.id, new Date(t))).toMatchObject({
      reservedSeconds: 0,
      liveSessions: 0,
      usedSeconds: 45,
    });
    await expectProblem(
      await call(h, s.session.id, "end", s.token, { durationSeconds: -1, reason: "user_ended" }),
      400,
      "validation_failed",
    );
  });
});

describe("ElevenLabs post-call webhook", () => {
  const post = (body: string, signature: string) =>
    h.app.request("/v1/webhooks/elevenlabs", {
      method: "POST",
      headers: { "content-type": "application/json", "elevenlabs-signature": signature },
      body,
    });

  it("replaces the provisional duration, stores the transcript, and applies once", async () => {
    const q = await createTestPartner(h, { planId: "pro" });
    const a = await createAgent(q);
    const s = await issued(h, q.publishableKey, a.id);
    await call(h, s.session.id, "connect", s.token);
    advance(30);
    await call(h, s.session.id, "end", s.token, { durationSeconds: 30, reason: "user_ended" });
    const body = JSON.stringify({
      type: "post_call_transcription",
      event_timestamp: Math.floor(t / 1000),
      data: {
        agent_id: "parley-default",
        conversation_id: `conv_${s.session.id}`,
        status: "done",
        transcript: [
          { role: "agent", message: "Hi there!", time_in_call_secs: 0 },
          { role: "user", message: "Robert'); DROP TABLE voice_sessions;--", time_in_call_secs: 3 },
        ],
        metadata: { call_duration_secs: 27, termination_reason: "Client disconnected." },
        conversation_initiation_client_data: {
          dynamic_variables: { parley_session_id: s.session.id },
        },
      },
    });
    const secret = h.services.webhookSecrets.elevenlabs ?? "";
    const signature = signElevenLabsWebhook(body, secret, new Date(t));
    expect(await (await post(body, signature)).json()).toEqual({
      received: true,
      outcome: "applied",
    });
    expect(await (await post(body, signature)).json()).toEqual({
      received: true,
      outcome: "duplicate",
    });

    const session = (await (
      await q.request("GET", `/v1/sessions/${s.session.id}`)
    ).json()) as Record<string, unknown>;
    expect(session).toMatchObject({ status: "ended", durationSeconds: 27 });
    expect(session.transcript).toEqual([
      { role: "agent", text: "Hi there!", atSeconds: 0 },
      { role: "user", text: "Robert'); DROP TABLE voice_sessions;--", atSeconds: 3 },
    ]);
    const [rollup] = await h.database.rows<{ seconds: number; sessions: number }>(
      sql`select sum(seconds)::int as seconds, sum(sessions)::int as sessions from usage_daily where partner_id = ${q.id}`,
    );
    expect(rollup).toEqual({ seconds: 27, sessions: 1 });
  });

  it("refuses a bad or stale signature with 401 and changes nothing", async () => {
    const body = JSON.stringify({ type: "post_call_transcription", data: {} });
    await expectProblem(await post(body, "t=1,v0=00"), 401, "unauthorized");
    const stale = signElevenLabsWebhook(
      body,
      h.services.webhookSecrets.elevenlabs ?? "",
      new Date(t - 31 * 60_000),
    );
    await expectProblem(await post(body, stale), 401, "unauthorized");
  });
});

describe("JWKS", () => {
  it("publishes the key that verifies issued tokens", async () => {
    const res = await h.app.request("/.well-known/jwks.json");
    const { keys } = (await res.json()) as { keys: { kid: string; d?: string }[] };
    const s = await issued(h, p.publishableKey, agentId);
    const kid = JSON.parse(Buffer.from(s.token.split(".")[0] ?? "", "base64url").toString()).kid;
    expect(keys.map((k) => k.kid)).toContain(kid);
    expect(keys.every((k) => k.d === undefined)).toBe(true);
    expect(res.headers.get("cache-control")).toContain("max-age");
    expect(origin).toBe("https://shop.example");
  });
});
