import type { Agent } from "@parley/types";
import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { elevenLabsDouble, providerAgent, providerKey } from "../../test/elevenlabs-double";
import {
  createHarness,
  createTestPartner,
  type Harness,
  type TestPartner,
} from "../../test/harness";
import { agents } from "../db/schema";
import { templateId } from "../db/seed/templates";
import { CircuitOpenError } from "../providers/breaker";
import { ProviderError } from "../providers/http";
import { provisionAgent, safeReason } from "./provisioning";
import { createKeyedQueue } from "./provisioning-queue";
import { repeatEvery, retryProvisioning } from "./provisioning-retry";

function deferred() {
  let resolve = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe("the provisioning queue", () => {
  const noErrors = (_key: string, error: unknown) => {
    throw error;
  };

  it("runs a key once more after it when work arrives while it runs, with the latest job", async () => {
    const queue = createKeyedQueue({ onError: noErrors });
    const gate = deferred();
    const runs: string[] = [];
    const first = queue.enqueue("agt_1", async () => {
      runs.push("first");
      await gate.promise;
    });
    const second = queue.enqueue("agt_1", async () => {
      runs.push("second");
    });
    const third = queue.enqueue("agt_1", async () => {
      runs.push("third");
    });
    expect(runs).toEqual(["first"]);
    gate.resolve();
    await Promise.all([first, second, third, queue.idle()]);
    expect(runs).toEqual(["first", "third"]);
  });

  it("runs at most `concurrency` keys at once", async () => {
    const queue = createKeyedQueue({ concurrency: 2, onError: noErrors });
    const gate = deferred();
    let active = 0;
    let peak = 0;
    const job = async () => {
      active++;
      peak = Math.max(peak, active);
      await gate.promise;
      active--;
    };
    const all = ["a", "b", "c", "d"].map((key) => queue.enqueue(key, job));
    expect(active).toBe(2);
    gate.resolve();
    await Promise.all(all);
    expect(peak).toBe(2);
  });

  it("drops work past `maxKeys` at once, and refuses work once closed", async () => {
    const dropped: string[] = [];
    const queue = createKeyedQueue({
      concurrency: 1,
      maxKeys: 1,
      onError: noErrors,
      onDrop: (key) => dropped.push(key),
    });
    const gate = deferred();
    const ran: string[] = [];
    const first = queue.enqueue("a", async () => {
      ran.push("a");
      await gate.promise;
    });
    await queue.enqueue("b", async () => {
      ran.push("b");
    });
    expect(dropped).toEqual(["b"]);
    const closing = queue.close();
    await queue.enqueue("c", async () => {
      ran.push("c");
    });
    gate.resolve();
    await Promise.all([first, closing]);
    expect(ran).toEqual(["a"]);
  });

  it("hands a job's error to onError and still settles its callers", async () => {
    const errors: string[] = [];
    const queue = createKeyedQueue({ onError: (key) => errors.push(key) });
    await queue.enqueue("agt_1", () => Promise.reject(new Error("boom")));
    await queue.idle();
    expect(errors).toEqual(["agt_1"]);
  });
});

describe("repeatEvery", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("never starts a round while the last one runs, and keeps going after an error", async () => {
    vi.useFakeTimers();
    const gate = deferred();
    const errors: unknown[] = [];
    let rounds = 0;
    const stop = repeatEvery(
      1000,
      async () => {
        rounds++;
        if (rounds === 1) await gate.promise;
        if (rounds === 2) throw new Error("database down");
      },
      (error) => errors.push(error),
    );
    await vi.advanceTimersByTimeAsync(3000);
    expect(rounds).toBe(1);
    gate.resolve();
    await vi.advanceTimersByTimeAsync(2000);
    expect(rounds).toBe(3);
    expect(errors).toHaveLength(1);
    stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(rounds).toBe(3);
  });
});

describe("safeReason", () => {
  it("keeps only the provider error's short reason", () => {
    expect(safeReason(new ProviderError("elevenlabs", 503, "HTTP 503"))).toBe("HTTP 503");
    expect(safeReason(new CircuitOpenError("elevenlabs"))).toBe(
      "provider unavailable (circuit open)",
    );
    expect(safeReason(new Error(`failed with ${providerKey}`))).toBe("unexpected error");
  });
});

describe("provisioning against the provider", () => {
  // Long before every other test's clock: on a shared Postgres no other file's agent is due here.
  let t = Date.parse("2001-01-01T10:00:00Z");
  const provider = elevenLabsDouble(() => new Date(t));
  let h: Harness;
  let p: TestPartner;
  const minute = 60_000;

  beforeAll(async () => {
    h = await createHarness({ now: () => new Date(t), override: provider.override });
    p = await createTestPartner(h, { planId: "pro" });
  });

  async function created(body: Record<string, unknown> = {}) {
    const res = await p.request("POST", "/v1/agents", {
      name: "Sales desk",
      personaId: templateId("sales"),
      ...body,
    });
    expect(res.status).toBe(201);
    await h.services.provisioning.idle();
    return ((await res.json()) as Agent).id;
  }

  async function row(id: string) {
    const [found] = await h.database.db.select().from(agents).where(eq(agents.id, id));
    if (!found) throw new Error(`no agent ${id}`);
    return found;
  }

  it("retries failed and never-provisioned agents once an interval has passed", async () => {
    provider.down = true;
    const failed = await created();
    provider.down = false;
    expect(await row(failed)).toMatchObject({
      provisioningStatus: "provisioning_failed",
      provisioningError: "HTTP 503",
    });
    // A job lost to a crash leaves the agent pending.
    const lost = await created();
    await h.database.db
      .update(agents)
      .set({ provisioningStatus: "pending", providerAgentId: null })
      .where(eq(agents.id, lost));
    const done = await created();
    const doneRow = await row(done);
    const calls = provider.calls.length;

    expect(await retryProvisioning(h.services)).toBe(0);
    expect(provider.calls.length).toBe(calls);
    t += minute + 1000;
    expect(await retryProvisioning(h.services)).toBe(2);
    expect(await row(failed)).toMatchObject({ provisioningStatus: "provisioned" });
    expect(await row(lost)).toMatchObject({ provisioningStatus: "provisioned" });
    expect(await row(done)).toEqual(doneRow);
    const stored = await providerAgent(h, (await row(failed)).providerAgentId ?? "");
    expect(stored?.name).toBe("Sales desk");
  });

  it("retries at most `batch` agents a round", async () => {
    provider.down = true;
    const ids = [await created(), await created(), await created()];
    provider.down = false;
    t += minute + 1000;
    expect(await retryProvisioning(h.services, { batch: 2 })).toBe(2);
    expect(await retryProvisioning(h.services, { batch: 2 })).toBe(1);
    for (const id of ids) expect((await row(id)).provisioningStatus).toBe("provisioned");
  });

  it("finishes deleting the provider agent of an agent moved to OpenAI during an outage", async () => {
    const id = await created();
    const providerId = (await row(id)).providerAgentId ?? "";
    provider.down = true;
    await p.request("PATCH", `/v1/agents/${id}`, { voiceProvider: "openai" });
    await h.services.provisioning.idle();
    provider.down = false;
    expect(await row(id)).toMatchObject({
      provisioningStatus: "not_required",
      providerAgentId: providerId,
    });
    expect(await providerAgent(h, providerId)).not.toBeNull();
    t += minute + 1000;
    expect(await retryProvisioning(h.services)).toBe(1);
    expect((await row(id)).providerAgentId).toBeNull();
    expect(await providerAgent(h, providerId)).toBeNull();
  });

  it("leaves one provider agent when two provisions of an agent race", async () => {
    provider.down = true;
    const id = await created();
    provider.down = false;
    const before = provider.calls.length;
    await Promise.all([provisionAgent(h.services, id), provisionAgent(h.services, id)]);
    const calls = provider.calls.slice(before);
    // Whether both attempts reach the provider depends on timing (the second may already see
    // the first's id and update instead); either way exactly one provider agent survives.
    const creates = calls.filter((c) => c === "POST /v1/convai/agents/create").length;
    const deleted = calls.filter((c) => c.startsWith("DELETE /v1/convai/agents/"));
    expect(creates).toBeGreaterThanOrEqual(1);
    expect(creates - deleted.length).toBe(1);
    const kept = (await row(id)).providerAgentId ?? "";
    for (const d of deleted) expect(d).not.toContain(kept);
    expect(await providerAgent(h, kept)).not.toBeNull();
    expect((await row(id)).provisioningStatus).toBe("provisioned");
  });

  it("never writes the key or the provider's answer into the agent or the logs", async () => {
    const lines = provider.logLines.join("\n");
    expect(lines).toContain("agent provisioning failed");
    expect(lines).not.toContain(providerKey);
    expect(lines).not.toContain("upstream broke");
    const errors = await h.database.db
      .select({ error: agents.provisioningError })
      .from(agents)
      .where(eq(agents.partnerId, p.id));
    expect(JSON.stringify(errors)).not.toContain(providerKey);
  });
});
