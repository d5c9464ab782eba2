/** The post-call webhook under concurrency: replays race, writes are batched, failures retry. */
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  createHarness,
  createTestPartner,
  expectProblem,
  type Harness,
  type TestPartner,
} from "../../../test/harness";
import { call, grantAddon, issued, premiumAgent } from "../../../test/widget-helpers";
import { readQuota } from "../../domain/quota";
import { signElevenLabsWebhook } from "../../providers/elevenlabs";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});

function postCall(sessionId: string | null, conversationId: string, seconds: number, said: string) {
  return JSON.stringify({
    type: "post_call_transcription",
    data: {
      conversation_id: conversationId,
      transcript: [
        { role: "agent", message: said, time_in_call_secs: 0 },
        { role: "user", message: "Thanks!", time_in_call_secs: 2 },
      ],
      metadata: { call_duration_secs: seconds, termination_reason: "Client disconnected." },
      conversation_initiation_client_data: {
        dynamic_variables: sessionId ? { parley_session_id: sessionId } : {},
      },
    },
  });
}

function deliver(body: string, at = new Date()) {
  const secret = h.services.webhookSecrets.elevenlabs ?? "";
  return h.app.request("/v1/webhooks/elevenlabs", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "elevenlabs-signature": signElevenLabsWebhook(body, secret, at),
    },
    body,
  });
}

async function premiumPartner() {
  const p = await createTestPartner(h, { planId: "pro" });
  await grantAddon(h, p.id, "premium_voices");
  return { p, agent: await premiumAgent(p) };
}

async function connected(p: TestPartner, agentId: string) {
  const s = await issued(h, p.publishableKey, agentId);
  expect((await call(h, s.session.id, "connect", s.token)).status).toBe(200);
  return s;
}

async function totals(partnerId: string) {
  const [daily] = await h.database.rows<Record<string, number>>(sql`
    select coalesce(sum(sessions), 0)::int as sessions, coalesce(sum(seconds), 0)::int as seconds,
           coalesce(sum(characters), 0)::int as characters, coalesce(sum(cost_micros), 0)::int as cost
      from usage_daily where partner_id = ${partnerId}`);
  const [events] = await h.database.rows<Record<string, number>>(sql`
    select count(*)::int as events, coalesce(sum(quantity) filter (where kind = 'seconds'), 0)::int as seconds,
           coalesce(sum(cost_micros), 0)::int as cost
      from usage_events where partner_id = ${partnerId}`);
  return { daily, events };
}

describe("ElevenLabs post-call webhook under concurrency", () => {
  it("applies each of many concurrent events once, however often and in whatever order it is delivered", async () => {
    const { p, agent } = await premiumPartner();
    const sessions = [];
    for (let i = 0; i < 6; i++) sessions.push(await connected(p, agent.id));
    // The first two were ended by the widget already: their provisional 5 s must be replaced.
    for (const s of sessions.slice(0, 2)) {
      await call(h, s.session.id, "end", s.token, { durationSeconds: 5, reason: "user_ended" });
    }
    const bodies = sessions.map((s, i) =>
      postCall(s.session.id, `conv_batch_${i}_${s.session.id}`, 20 + i, "Hello ¿qué tal? 😊"),
    );
    const later = new Date(Date.now() + 5000);
    // Replays first, originals after, re-signed copies in between: all in flight together.
    const deliveries = [
      ...bodies.map((b) => deliver(b)),
      ...bodies.map((b) => deliver(b, later)),
      ...[...bodies].reverse().map((b) => deliver(b)),
    ];
    const answers = await Promise.all(
      deliveries.map(async (d) => ((await (await d).json()) as { outcome: string }).outcome),
    );
    expect(answers.filter((a) => a === "applied")).toHaveLength(6);
    expect(answers.filter((a) => a === "duplicate")).toHaveLength(12);

    const seconds = 20 + 21 + 22 + 23 + 24 + 25;
    const characters = 6 * [..."Hello ¿qué tal? 😊"].length;
    const { daily, events } = await totals(p.id);
    expect(daily).toEqual({
      sessions: 6,
      seconds,
      characters,
      cost: seconds * 2000 + characters * 300,
    });
    expect(events).toEqual({ events: 12, seconds, cost: seconds * 2000 + characters * 300 });
    const quota = await readQuota(h.database, p.id, new Date());
    expect(quota).toMatchObject({ usedSeconds: seconds, reservedSeconds: 0, liveSessions: 0 });
    const rows = await h.database.rows<{ status: string; duration: number; cost: number }>(sql`
      select status, duration_seconds as duration, cost_micros::int as cost
        from voice_sessions where partner_id = ${p.id} order by duration_seconds`);
    expect(rows.map((r) => [r.status, r.duration])).toEqual(
      [20, 21, 22, 23, 24, 25].map((d) => ["ended", d]),
    );
    expect(rows.reduce((n, r) => n + r.cost, 0)).toBe(seconds * 2000 + characters * 300);
  });

  it("finds the session by conversation id when the call carried no session variable", async () => {
    const { p, agent } = await premiumPartner();
    const s = await connected(p, agent.id);
    const conversation = `conv_lookup_${s.session.id}`;
    const first = await deliver(postCall(s.session.id, conversation, 30, "Hi"));
    expect(((await first.json()) as { outcome: string }).outcome).toBe("applied");
    const anonymous = await Promise.all([
      deliver(postCall(null, conversation, 30, "Hi")),
      deliver(postCall(null, conversation, 30, "Hi")),
    ]);
    for (const res of anonymous) {
      expect(((await res.json()) as { outcome: string }).outcome).toBe("duplicate");
    }
    const unknown = await deliver(postCall(null, "conv_nobody_knows", 30, "Hi"));
    expect(((await unknown.json()) as { outcome: string }).outcome).toBe("ignored");
    expect((await totals(p.id)).daily).toMatchObject({ sessions: 1, seconds: 30 });
  });

  it("does not claim an event whose writes failed, so the provider's retry applies it, and fails it alone", async () => {
    const { p, agent } = await premiumPartner();
    const good = await connected(p, agent.id);
    const bad = await connected(p, agent.id);
    const badConversation = `conv_fails_${bad.session.id}`;
    await h.database.rows(
      sql.raw(`
      create function fail_bench_event() returns trigger language plpgsql as $$
      begin
        if new.idempotency_key = 'elevenlabs:${badConversation}' then
          raise exception 'refused for the test';
        end if;
        return new;
      end $$`),
    );
    await h.database.rows(
      sql.raw(
        "create trigger fail_bench_event before insert on usage_events for each row execute function fail_bench_event()",
      ),
    );
    const [okAnswer, failed] = await Promise.all([
      deliver(postCall(good.session.id, `conv_ok_${good.session.id}`, 40, "Hi")),
      deliver(postCall(bad.session.id, badConversation, 50, "Hi")),
    ]);
    expect(((await okAnswer.json()) as { outcome: string }).outcome).toBe("applied");
    expect(failed.status).toBe(500);
    await failed.body?.cancel();
    await h.database.rows(sql.raw("drop trigger fail_bench_event on usage_events"));
    await h.database.rows(sql.raw("drop function fail_bench_event()"));

    const retry = await deliver(postCall(bad.session.id, badConversation, 50, "Hi"));
    expect(((await retry.json()) as { outcome: string }).outcome).toBe("applied");
    expect((await totals(p.id)).daily).toMatchObject({ sessions: 2, seconds: 90 });
  });

  it("still refuses a body signed with another secret", async () => {
    const body = postCall(null, "conv_x", 10, "Hi");
    const res = await h.app.request("/v1/webhooks/elevenlabs", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "elevenlabs-signature": signElevenLabsWebhook(body, "not-the-secret", new Date()),
      },
      body,
    });
    await expectProblem(res, 401, "unauthorized");
  });
});
