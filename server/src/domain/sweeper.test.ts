import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createHarness, createTestPartner } from "../../test/harness";
import { agents, voiceSessions } from "../db/schema";
import { templateId } from "../db/seed/templates";
import { readQuota, reserveQuota } from "./quota";
import { sweepSessions } from "./sweeper";

const h = await createHarness();
// In the past, so sweeping at t0 + minutes never touches live sessions of other test files
// sharing the Postgres database.
const t0 = new Date("2020-03-10T10:00:00Z");
const plan = { includedSeconds: 10_000, overageAllowed: false, maxConcurrentSessions: 10 };

async function liveSession(partnerId: string, agentId: string, status: "issued" | "connected") {
  const r = await reserveQuota(h.database, partnerId, plan, 300, t0);
  const id = h.services.newId("ses");
  await h.database.db.insert(voiceSessions).values({
    id,
    partnerId,
    agentId,
    personaId: templateId("general"),
    provider: "openai",
    voiceId: "alloy",
    origin: "https://shop.example",
    status,
    reservedSeconds: r.seconds,
    issuedAt: t0,
    expiresAt: new Date(t0.getTime() + 120_000),
    connectedAt: status === "connected" ? t0 : null,
  });
  return id;
}

describe("sweeper", () => {
  it("expires unredeemed tokens and times out endless calls, releasing each reservation once", async () => {
    const p = await createTestPartner(h);
    const agentId = h.services.newId("agt");
    await h.database.db.insert(agents).values({
      id: agentId,
      partnerId: p.id,
      name: "A",
      personaId: templateId("general"),
      voiceProvider: "openai",
      voiceId: "alloy",
    });
    const issued = await liveSession(p.id, agentId, "issued");
    const connected = await liveSession(p.id, agentId, "connected");
    expect(await readQuota(h.database, p.id, t0)).toMatchObject({
      reservedSeconds: 600,
      liveSessions: 2,
    });

    const statuses = async () => {
      const rows = await h.database.db
        .select()
        .from(voiceSessions)
        .where(eq(voiceSessions.partnerId, p.id));
      return Object.fromEntries(
        rows.map((r) => [r.id === issued ? "issued" : "connected", r.status]),
      );
    };
    // Before expiry nothing moves.
    await sweepSessions(h.database, new Date(t0.getTime() + 60_000));
    expect(await statuses()).toEqual({ issued: "issued", connected: "connected" });
    // Past the token's expiry: only the issued one.
    await sweepSessions(h.database, new Date(t0.getTime() + 121_000));
    expect(await statuses()).toEqual({ issued: "expired", connected: "connected" });
    // Past 300 s + grace: the connected one; sweeping again changes nothing.
    const late = new Date(t0.getTime() + 361_000);
    await sweepSessions(h.database, late);
    await sweepSessions(h.database, late);
    expect(await statuses()).toEqual({ issued: "expired", connected: "ended" });

    const [a] = await h.database.db
      .select()
      .from(voiceSessions)
      .where(eq(voiceSessions.id, issued));
    const [b] = await h.database.db
      .select()
      .from(voiceSessions)
      .where(eq(voiceSessions.id, connected));
    expect(a).toMatchObject({ status: "expired", endReason: "token_expired" });
    expect(b).toMatchObject({ status: "ended", endReason: "timeout", durationSeconds: 300 });
    expect(await readQuota(h.database, p.id, t0)).toMatchObject({
      reservedSeconds: 0,
      liveSessions: 0,
    });
  });
});
