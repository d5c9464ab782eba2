import type { PartnerSettings } from "@parley/types";
import { and, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  createHarness,
  createTestMember,
  createTestPartner,
  expectProblem,
  type Harness,
  type TestPartner,
} from "../../../test/harness";
import { hostileStrings } from "../../../test/resource-cases";
import { auditLog } from "../../db/schema";
import { invalidationChannel } from "../../domain/resolution-cache";

let h: Harness;
let offsetMs = 0;
beforeAll(async () => {
  h = await createHarness({ now: () => new Date(Date.now() + offsetMs) });
});

const json = async <T>(res: Response): Promise<T> => (await res.json()) as T;

describe("GET and PATCH /v1/partner", () => {
  let p: TestPartner;
  let other: TestPartner;
  beforeAll(async () => {
    p = await createTestPartner(h, { name: "Settings partner", planId: "starter" });
    other = await createTestPartner(h, { name: "Neighbour" });
  });

  it("reads the account's settings", async () => {
    const body = await json<PartnerSettings>(await p.request("GET", "/v1/partner"));
    expect(body).toMatchObject({
      id: p.id,
      name: "Settings partner",
      timezone: "UTC",
      isReseller: false,
      planId: "starter",
      parentId: null,
      status: "active",
      resellerPriceMicrosPerMinute: null,
    });
    expect(new Date(body.createdAt).toISOString()).toBe(body.createdAt);
  });

  it("renames and moves the time zone, field by field, and moves updatedAt", async () => {
    const before = await json<PartnerSettings>(await p.request("GET", "/v1/partner"));
    offsetMs += 60_000;
    const renamed = await json<PartnerSettings>(
      await p.request("PATCH", "/v1/partner", { name: "Renamed" }),
    );
    expect(renamed).toMatchObject({ name: "Renamed", timezone: "UTC" });
    expect(Date.parse(renamed.updatedAt)).toBeGreaterThanOrEqual(
      Date.parse(before.updatedAt) + 60_000,
    );
    const moved = await json<PartnerSettings>(
      await p.request("PATCH", "/v1/partner", { timezone: "America/Argentina/Buenos_Aires" }),
    );
    expect(moved).toMatchObject({ name: "Renamed", timezone: "America/Argentina/Buenos_Aires" });
    expect(await json(await p.request("GET", "/v1/partner"))).toEqual(moved);
    expect((await json<PartnerSettings>(await other.request("GET", "/v1/partner"))).name).toBe(
      "Neighbour",
    );
  });

  it("treats an empty PATCH as no change", async () => {
    const before = await json<PartnerSettings>(await p.request("GET", "/v1/partner"));
    const res = await p.request("PATCH", "/v1/partner", {});
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(before);
  });

  it("stores unicode and SQL-looking names verbatim", async () => {
    for (const name of hostileStrings) {
      const res = await p.request("PATCH", "/v1/partner", { name });
      expect(res.status).toBe(200);
      expect((await json<PartnerSettings>(await p.request("GET", "/v1/partner"))).name).toBe(name);
    }
  });

  it.each([
    ["timezone", { timezone: "Mars/Olympus" }],
    ["timezone", { timezone: 7 }],
    ["name", { name: "" }],
    ["name", { name: "   " }],
    ["name", { name: 42 }],
    ["name", { name: "x".repeat(121) }],
    ["resellerPriceMicrosPerMinute", { resellerPriceMicrosPerMinute: -1 }],
    ["resellerPriceMicrosPerMinute", { resellerPriceMicrosPerMinute: 1.5 }],
  ])("rejects a bad %s with 400 validation_failed", async (path, body) => {
    const problem = await expectProblem(
      await p.request("PATCH", "/v1/partner", body),
      400,
      "validation_failed",
    );
    expect((problem.errors as { path: string }[]).map((e) => e.path)).toContain(path);
  });

  it("cannot be pointed at another partner: unknown fields are refused", async () => {
    await expectProblem(
      await p.request("PATCH", "/v1/partner", { id: other.id, name: "Hijack" }),
      400,
      "validation_failed",
    );
    await expectProblem(
      await p.request("PATCH", "/v1/partner", { isReseller: true }),
      400,
      "validation_failed",
    );
    expect((await json<PartnerSettings>(await other.request("GET", "/v1/partner"))).name).toBe(
      "Neighbour",
    );
  });

  it("rejects malformed JSON, a 1 MB body and a form body", async () => {
    await expectProblem(await p.request("PATCH", "/v1/partner", "{x"), 400, "validation_failed");
    await expectProblem(
      await p.request("PATCH", "/v1/partner", { name: "x".repeat(1024 * 1024) }),
      413,
      "payload_too_large",
    );
    await expectProblem(
      await p.request("PATCH", "/v1/partner", "name=x", {
        "content-type": "application/x-www-form-urlencoded",
      }),
      415,
      "unsupported_media_type",
    );
  });

  it("lets only resellers set a price per minute", async () => {
    await expectProblem(
      await p.request("PATCH", "/v1/partner", { resellerPriceMicrosPerMinute: 50_000 }),
      403,
      "forbidden",
    );
    const reseller = await createTestPartner(h, { name: "Reseller", isReseller: true });
    const priced = await json<PartnerSettings>(
      await reseller.request("PATCH", "/v1/partner", { resellerPriceMicrosPerMinute: 50_000 }),
    );
    expect(priced).toMatchObject({ isReseller: true, resellerPriceMicrosPerMinute: 50_000 });
  });

  it("needs a valid key", async () => {
    await expectProblem(await h.app.request("/v1/partner"), 401, "unauthorized");
    await expectProblem(
      await h.app.request("/v1/partner", {
        headers: { authorization: `Bearer ${p.publishableKey}` },
      }),
      401,
      "invalid_key",
    );
  });

  it("lets viewers and members read but only admins and owners change it", async () => {
    for (const role of ["viewer", "member"] as const) {
      const m = await createTestMember(h, p.id, role);
      expect((await m.request("GET", "/v1/partner")).status).toBe(200);
      await expectProblem(
        await m.request("PATCH", "/v1/partner", { name: role }),
        403,
        "forbidden",
      );
    }
    for (const role of ["admin", "owner"] as const) {
      const m = await createTestMember(h, p.id, role);
      const res = await m.request("PATCH", "/v1/partner", { name: `By ${role}` });
      expect(res.status).toBe(200);
    }
  });

  it("audits the change and tells every instance to drop cached resolutions", async () => {
    let heard = () => {};
    const notified = new Promise<void>((resolve) => {
      heard = resolve;
    });
    const stop = await h.database.listen(invalidationChannel, (id) => {
      if (id === p.id) heard();
    });
    try {
      expect((await p.request("PATCH", "/v1/partner", { timezone: "Asia/Tokyo" })).status).toBe(
        200,
      );
      await notified;
    } finally {
      await stop();
    }
    const [latest] = await h.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.partnerId, p.id), eq(auditLog.action, "partner.updated")))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(latest).toMatchObject({
      actor: expect.stringMatching(/^key_/),
      data: { fields: ["timezone"] },
    });
  });
});

describe("the dashboard's Me", () => {
  it("carries the plan's limits", async () => {
    const p = await createTestPartner(h, { name: "Limited", planId: "starter" });
    const owner = await createTestMember(h, p.id, "owner");
    const res = await owner.request("GET", "/v1/auth/me");
    expect(res.status).toBe(200);
    expect((await json<{ limits: unknown }>(res)).limits).toEqual({
      maxAgents: 3,
      maxCustomPersonas: 3,
      maxConcurrentSessions: 5,
      includedSeconds: 500 * 60,
    });
  });
});
