import { describe, expect, it } from "vitest";
import { CircuitOpenError, createBreaker, isOutage } from "./breaker";
import { ProviderError, providerFetch } from "./http";

describe("circuit breaker", () => {
  it("opens after consecutive failures, fails fast, then lets one trial through", async () => {
    let t = 0;
    const breaker = createBreaker({
      name: "elevenlabs",
      failureThreshold: 3,
      openMs: 10_000,
      now: () => new Date(t),
    });
    const fail = () => Promise.reject(new Error("boom"));
    for (let i = 0; i < 3; i++) await expect(breaker.run(fail)).rejects.toThrow("boom");
    expect(breaker.state).toBe("open");
    expect(breaker.healthy()).toBe(false);
    await expect(breaker.run(async () => 1)).rejects.toBeInstanceOf(CircuitOpenError);

    t = 10_000;
    expect(breaker.state).toBe("half_open");
    expect(breaker.healthy()).toBe(true);
    await expect(breaker.run(fail)).rejects.toThrow("boom");
    expect(breaker.state).toBe("open");

    t = 20_000;
    expect(await breaker.run(async () => "ok")).toBe("ok");
    expect(breaker.state).toBe("closed");
  });

  it("a success resets the failure count", async () => {
    const breaker = createBreaker({ name: "x", failureThreshold: 2 });
    await expect(breaker.run(() => Promise.reject(new Error("a")))).rejects.toThrow();
    await breaker.run(async () => 1);
    await expect(breaker.run(() => Promise.reject(new Error("b")))).rejects.toThrow();
    expect(breaker.state).toBe("closed");
  });
});

describe("what opens the breaker", () => {
  it("counts outages (no answer, 5xx, 429, a rejected key) but not one request's 4xx", async () => {
    const breaker = createBreaker({ name: "elevenlabs", failureThreshold: 2 });
    const failWith = (status: number | null) => () =>
      Promise.reject(new ProviderError("elevenlabs", status, "x"));
    for (let i = 0; i < 5; i++) {
      await expect(breaker.run(failWith(404))).rejects.toThrow();
      await expect(breaker.run(failWith(422))).rejects.toThrow();
    }
    expect(breaker.state).toBe("closed");
    await expect(breaker.run(failWith(503))).rejects.toThrow();
    await expect(breaker.run(failWith(null))).rejects.toThrow();
    expect(breaker.state).toBe("open");
  });

  it.each([
    [null, true],
    [500, true],
    [503, true],
    [429, true],
    [408, true],
    [401, true],
    [403, true],
    [400, false],
    [404, false],
    [409, false],
    [422, false],
  ])("status %s is an outage: %s", (status, outage) => {
    expect(isOutage(new ProviderError("openai", status, "x"))).toBe(outage);
  });

  it("a half-open trial answered with a 404 closes the breaker: the provider is up", async () => {
    let t = 0;
    const breaker = createBreaker({
      name: "elevenlabs",
      failureThreshold: 1,
      openMs: 1000,
      now: () => new Date(t),
    });
    await expect(breaker.run(() => Promise.reject(new Error("down")))).rejects.toThrow();
    t = 1000;
    await expect(
      breaker.run(() => Promise.reject(new ProviderError("elevenlabs", 404, "HTTP 404"))),
    ).rejects.toThrow();
    expect(breaker.state).toBe("closed");
  });
});

describe("providerFetch", () => {
  const responses = (...statuses: number[]) => {
    const calls: string[] = [];
    const fake: typeof fetch = async (input) => {
      calls.push(String(input));
      const status = statuses.shift() ?? 200;
      return new Response(status === 200 ? "{}" : "secret provider detail", { status });
    };
    return { fake, calls };
  };
  const noSleep = async () => {};

  it("retries idempotent calls on 5xx with backoff, then succeeds", async () => {
    const { fake, calls } = responses(503, 502, 200);
    const delays: number[] = [];
    const res = await providerFetch(
      "https://p/x",
      { method: "GET" },
      {
        provider: "p",
        fetch: fake,
        sleep: async (ms) => void delays.push(ms),
        random: () => 0.5,
      },
    );
    expect(res.status).toBe(200);
    expect(calls).toHaveLength(3);
    expect(delays).toEqual([100, 200]);
  });

  it("does not retry a POST unless told it is idempotent", async () => {
    const { fake, calls } = responses(503, 200);
    await expect(
      providerFetch(
        "https://p/x",
        { method: "POST" },
        { provider: "p", fetch: fake, sleep: noSleep },
      ),
    ).rejects.toMatchObject({ status: 503 });
    expect(calls).toHaveLength(1);
  });

  it("does not retry a 4xx and keeps the provider's body and our headers out of the error", async () => {
    const { fake, calls } = responses(401);
    const error = await providerFetch(
      "https://p/x",
      { headers: { "xi-api-key": "sk_secret" } },
      { provider: "p", fetch: fake, sleep: noSleep },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(calls).toHaveLength(1);
    expect(String(error)).not.toMatch(/secret/);
  });

  it("turns a hung call into a timeout error", async () => {
    const hang: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) =>
        init?.signal?.addEventListener("abort", () => reject(init.signal?.reason)),
      );
    await expect(
      providerFetch("https://p/x", {}, { provider: "p", fetch: hang, timeoutMs: 20, retries: 0 }),
    ).rejects.toMatchObject({ reason: "timeout" });
  });
});
