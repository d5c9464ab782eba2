import { beforeAll, describe, expect, it } from "vitest";
import {
  createHarness,
  createTestPartner,
  expectProblem,
  type Harness,
  type TestPartner,
} from "../../../test/harness";
import { describeResourceCases } from "../../../test/resource-cases";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});

describeResourceCases(() => h, {
  name: "key",
  collection: "/v1/keys",
  validCreate: async () => ({
    kind: "publishable",
    name: "Site key",
    allowedOrigins: ["https://shop.example"],
  }),
  textField: "name",
  wrongTypes: { kind: 42, name: ["x"], allowedOrigins: "https://shop.example" },
  deletes: "revoked",
});

describe("keys", () => {
  let p: TestPartner;
  beforeAll(async () => {
    p = await createTestPartner(h);
  });

  it("shows a secret key whole only when it is created, and it then authenticates", async () => {
    const res = await p.request("POST", "/v1/keys", { kind: "secret", name: "CI" });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; key: string; displayPrefix: string };
    expect(created.key).toMatch(/^sk_live_[0-9A-Za-z]{32}$/);
    expect(created.displayPrefix).toBe(`${created.key.slice(0, 12)}…${created.key.slice(-4)}`);

    const fetched = (await (await p.request("GET", `/v1/keys/${created.id}`)).json()) as Record<
      string,
      unknown
    >;
    expect(fetched).not.toHaveProperty("key");
    const list = await (await p.request("GET", "/v1/keys")).text();
    expect(list).not.toContain(created.key);

    const own = await h.app.request("/v1/keys", {
      headers: { authorization: `Bearer ${created.key}` },
    });
    expect(own.status).toBe(200);
  });

  it("creates test-mode keys with the pk_test_ prefix", async () => {
    const res = await p.request("POST", "/v1/keys", { kind: "publishable", mode: "test" });
    expect(((await res.json()) as { key: string }).key).toMatch(/^pk_test_/);
  });

  it("rejects allowed origins on a secret key", async () => {
    const res = await p.request("POST", "/v1/keys", {
      kind: "secret",
      allowedOrigins: ["https://a.example"],
    });
    const body = await expectProblem(res, 400, "validation_failed");
    expect(body.errors).toEqual([expect.objectContaining({ path: "allowedOrigins" })]);
  });

  it.each([
    "https://shop.example/",
    "https://shop.example/path",
    "HTTPS://SHOP.EXAMPLE",
    "shop.example",
    "javascript:alert(1)",
    "https://*",
    "null",
  ])("rejects the allowed origin %s", async (origin) => {
    const res = await p.request("POST", "/v1/keys", {
      kind: "publishable",
      allowedOrigins: [origin],
    });
    await expectProblem(res, 400, "validation_failed");
  });

  it("revokes a secret key so it is refused at once, and revoking twice keeps the first time", async () => {
    const made = (await (await p.request("POST", "/v1/keys", { kind: "secret" })).json()) as {
      id: string;
      key: string;
    };
    const first = (await (await p.request("DELETE", `/v1/keys/${made.id}`)).json()) as {
      revokedAt: string;
    };
    const refused = await h.app.request("/v1/keys", {
      headers: { authorization: `Bearer ${made.key}` },
    });
    await expectProblem(refused, 401, "invalid_key");
    const second = (await (await p.request("DELETE", `/v1/keys/${made.id}`)).json()) as {
      revokedAt: string;
    };
    expect(second.revokedAt).toBe(first.revokedAt);
  });
});
