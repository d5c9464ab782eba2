import { Session, SessionSummary } from "@parley/types";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  createHarness,
  createTestPartner,
  expectProblem,
  type Harness,
  type TestPartner,
} from "../../../test/harness";
import { idGenerator } from "../../db/ids";
import { agents, apiKeys, type TranscriptLine, voiceSessions } from "../../db/schema";
import { templateId } from "../../db/seed/templates";

type SessionInsert = typeof voiceSessions.$inferInsert;

let h: Harness;
let owner: TestPartner;
let intruder: TestPartner;
let agentA: string;
let agentB: string;
/** The owner's sessions, oldest first. */
const ids: string[] = [];
const base = Date.parse("2026-03-02T09:00:00.000Z");
const hour = 3_600_000;

const transcript: TranscriptLine[] = [
  { role: "agent", text: "Hello, how can I help?", atSeconds: 0 },
  { role: "user", text: "Are you open on Saturday?", atSeconds: 3.5 },
  { role: "agent", text: "Yes, from ten to two.", atSeconds: 6 },
];

async function insertAgent(partnerId: string, name: string) {
  const id = h.services.newId("agt");
  await h.database.db.insert(agents).values({
    id,
    partnerId,
    name,
    personaId: templateId("support"),
    voiceProvider: "openai",
    voiceId: "sage",
    provisioningStatus: "not_required",
  });
  return id;
}

/** Ids carry their issue time, like the ones the widget flow makes. */
async function insertSession(
  partnerId: string,
  agentId: string,
  at: number,
  fields: Partial<SessionInsert> = {},
) {
  const issuedAt = new Date(at);
  const id = idGenerator(() => issuedAt)("ses");
  await h.database.db.insert(voiceSessions).values({
    id,
    partnerId,
    agentId,
    personaId: templateId("support"),
    provider: "openai",
    voiceId: "sage",
    origin: "https://shop.example",
    status: "ended",
    issuedAt,
    expiresAt: new Date(at + 120_000),
    connectedAt: new Date(at + 1_000),
    endedAt: new Date(at + 61_000),
    durationSeconds: 60,
    endReason: "user_hangup",
    costMicros: 0,
    ...fields,
  });
  return id;
}

interface Page {
  data: Summary[];
  nextCursor: string | null;
}
type Summary = ReturnType<typeof SessionSummary.parse>;

async function list(query = "", who: TestPartner = owner): Promise<Page> {
  const res = await who.request("GET", `/v1/sessions${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as Page;
}

beforeAll(async () => {
  h = await createHarness();
  owner = await createTestPartner(h, { name: "Owner" });
  intruder = await createTestPartner(h, { name: "Intruder" });
  agentA = await insertAgent(owner.id, "Front desk");
  agentB = await insertAgent(owner.id, "Help center");
  ids.push(await insertSession(owner.id, agentA, base, { transcript }));
  ids.push(
    await insertSession(owner.id, agentA, base + hour, {
      provider: "elevenlabs",
      voiceId: "21m00Tcm4TlvDq8ikWAM",
      costMicros: 120_000,
    }),
  );
  ids.push(
    await insertSession(owner.id, agentB, base + 2 * hour, {
      fallbackFrom: "elevenlabs",
      fallbackReason: "not_entitled",
    }),
  );
  ids.push(
    await insertSession(owner.id, agentB, base + 3 * hour, {
      status: "failed",
      connectedAt: null,
      endedAt: null,
      durationSeconds: null,
      endReason: "provider_error",
    }),
  );
  ids.push(
    await insertSession(owner.id, agentA, base + 4 * hour, {
      status: "issued",
      connectedAt: null,
      endedAt: null,
      durationSeconds: null,
      endReason: null,
    }),
  );
  const theirAgent = await insertAgent(intruder.id, "Theirs");
  await insertSession(intruder.id, theirAgent, base + hour);
});

describe("GET /v1/sessions", () => {
  it("lists the partner's sessions newest first as SessionSummary items", async () => {
    const page = await list();
    expect(page.data.map((s) => s.id)).toEqual([...ids].reverse());
    expect(page.nextCursor).toBeNull();
    for (const item of page.data) {
      expect(SessionSummary.strict().parse(item)).toEqual(item);
    }
    const first = page.data.at(-1);
    expect(first).toMatchObject({
      id: ids[0],
      agentId: agentA,
      personaId: templateId("support"),
      provider: "openai",
      voiceId: "sage",
      fallbackFrom: null,
      fallbackReason: null,
      origin: "https://shop.example",
      status: "ended",
      startedAt: new Date(base).toISOString(),
      endedAt: new Date(base + 61_000).toISOString(),
      durationSeconds: 60,
      endReason: "user_hangup",
      costMicros: 0,
    });
    expect(first).not.toHaveProperty("transcript");
  });

  it("filters by agent", async () => {
    const page = await list(`?agent=${agentB}`);
    expect(page.data.map((s) => s.id)).toEqual([ids[3], ids[2]]);
  });

  it("filters by status", async () => {
    expect((await list("?status=failed")).data.map((s) => s.id)).toEqual([ids[3]]);
    expect((await list("?status=issued")).data.map((s) => s.id)).toEqual([ids[4]]);
  });

  it("filters by provider", async () => {
    expect((await list("?provider=elevenlabs")).data.map((s) => s.id)).toEqual([ids[1]]);
    expect((await list("?provider=openai")).data).toHaveLength(4);
  });

  it("filters by start time, from inclusive and to exclusive", async () => {
    const from = new Date(base + hour).toISOString();
    const to = new Date(base + 3 * hour).toISOString();
    const page = await list(`?from=${from}&to=${to}`);
    expect(page.data.map((s) => s.id)).toEqual([ids[2], ids[1]]);
    expect(
      (await list(`?from=${new Date(base + 4 * hour).toISOString()}`)).data.map((s) => s.id),
    ).toEqual([ids[4]]);
    expect((await list(`?to=${new Date(base).toISOString()}`)).data).toEqual([]);
  });

  it("combines filters", async () => {
    const page = await list(`?agent=${agentA}&status=ended&provider=openai`);
    expect(page.data.map((s) => s.id)).toEqual([ids[0]]);
  });

  it("pages with a cursor, newest first, without repeats", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Page = await list(cursor ? `?limit=2&cursor=${cursor}` : "?limit=2");
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.data.map((s) => s.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids].reverse());
  });

  it("keeps filters across pages", async () => {
    const first = await list(`?agent=${agentA}&limit=2`);
    expect(first.data.map((s) => s.id)).toEqual([ids[4], ids[1]]);
    const second = await list(`?agent=${agentA}&limit=2&cursor=${first.nextCursor}`);
    expect(second.data.map((s) => s.id)).toEqual([ids[0]]);
    expect(second.nextCursor).toBeNull();
  });

  it.each([
    ["status", "?status=finished"],
    ["provider", "?provider=azure"],
    ["from", "?from=yesterday"],
    ["to", "?to=2026-13-45"],
    ["limit", "?limit=0"],
    ["limit", "?limit=101"],
    ["agent", `?agent=${"a".repeat(65)}`],
    ["cursor", "?cursor=%27%3B--"],
  ])("rejects a bad %s with 400 validation_failed naming it", async (field, query) => {
    const body = await expectProblem(
      await owner.request("GET", `/v1/sessions${query}`),
      400,
      "validation_failed",
    );
    expect((body.errors as { path: string }[]).map((e) => e.path)).toContain(field);
  });

  it("rejects a time range that ends before it starts with 400 validation_failed", async () => {
    const res = await owner.request(
      "GET",
      `/v1/sessions?from=${new Date(base + hour).toISOString()}&to=${new Date(base).toISOString()}`,
    );
    await expectProblem(res, 400, "validation_failed");
  });

  it("never lists another partner's sessions, even when filtering by their agent", async () => {
    const theirs = await list("", intruder);
    expect(theirs.data).toHaveLength(1);
    for (const id of ids) expect(theirs.data.map((s) => s.id)).not.toContain(id);
    expect((await list(`?agent=${agentA}`, intruder)).data).toEqual([]);
  });
});

describe("GET /v1/sessions/{id}", () => {
  it("returns the design §5 shape with the transcript", async () => {
    const res = await owner.request("GET", `/v1/sessions/${ids[0]}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(Session.strict().parse(body)).toEqual(body);
    expect(Object.keys(body).sort()).toEqual(
      [
        "id",
        "agentId",
        "personaId",
        "provider",
        "voiceId",
        "fallbackFrom",
        "fallbackReason",
        "origin",
        "status",
        "startedAt",
        "endedAt",
        "durationSeconds",
        "endReason",
        "costMicros",
        "transcript",
      ].sort(),
    );
    expect(body.transcript).toEqual(transcript);
    expect(body.startedAt).toBe(new Date(base).toISOString());
  });

  it("returns an empty transcript and null end for a session that never connected", async () => {
    const body = (await (await owner.request("GET", `/v1/sessions/${ids[3]}`)).json()) as Record<
      string,
      unknown
    >;
    expect(body).toMatchObject({
      status: "failed",
      endedAt: null,
      durationSeconds: null,
      transcript: [],
    });
  });

  it("reports the fallback it took", async () => {
    const body = (await (await owner.request("GET", `/v1/sessions/${ids[2]}`)).json()) as Record<
      string,
      unknown
    >;
    expect(body).toMatchObject({ fallbackFrom: "elevenlabs", fallbackReason: "not_entitled" });
  });

  it("answers another partner's session with 404 not_found", async () => {
    await expectProblem(await intruder.request("GET", `/v1/sessions/${ids[0]}`), 404, "not_found");
  });

  it("answers an unknown id with 404 not_found", async () => {
    await expectProblem(
      await owner.request("GET", "/v1/sessions/ses_01ZZZZZZZZZZZZZZZZZZZZZZZZ"),
      404,
      "not_found",
    );
  });
});

describe("sessions: authentication", () => {
  it.each(["/v1/sessions", "/v1/sessions/ses_01ZZZZZZZZZZZZZZZZZZZZZZZZ"])(
    "rejects %s without a key with 401 unauthorized",
    async (path) => {
      await expectProblem(await h.app.request(path), 401, "unauthorized");
    },
  );

  it("rejects a publishable key with 401 invalid_key", async () => {
    const res = await h.app.request("/v1/sessions", {
      headers: { authorization: `Bearer ${owner.publishableKey}` },
    });
    await expectProblem(res, 401, "invalid_key");
  });

  it("refuses a revoked secret key with 401 invalid_key", async () => {
    const victim = await createTestPartner(h, { name: "Soon revoked" });
    expect((await victim.request("GET", "/v1/sessions")).status).toBe(200);
    await h.database.db
      .update(apiKeys)
      .set({ revokedAt: new Date() })
      .where(eq(apiKeys.partnerId, victim.id));
    await expectProblem(await victim.request("GET", "/v1/sessions"), 401, "invalid_key");
  });
});
