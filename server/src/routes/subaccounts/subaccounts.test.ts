import type { CreatedSubaccount, FeatureCheck, PartnerSettings, Subaccount } from "@parley/types";
import { and, eq } from "drizzle-orm";
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
import { grantAddon } from "../../../test/widget-helpers";
import { auditLog, usageDaily } from "../../db/schema";

const start = Date.parse("2026-11-20T10:00:00Z");
/** Moves the injected clock (ids are time-ordered) instead of sleeping. */
let offsetMs = 0;
let h: Harness;
beforeAll(async () => {
  h = await createHarness({ now: () => new Date(start + offsetMs) });
});

const json = async <T>(res: Response): Promise<T> => (await res.json()) as T;

/** Acts with a secret key returned by the API (the sub-account's own). */
function asKey(secretKey: string) {
  return (method: string, path: string, body?: unknown) =>
    h.app.request(path, {
      method,
      headers: {
        authorization: `Bearer ${secretKey}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
}

async function create(reseller: TestPartner, body: Record<string, unknown>) {
  const res = await reseller.request("POST", "/v1/subaccounts", body);
  expect(res.status).toBe(201);
  return json<CreatedSubaccount>(res);
}

describe("/v1/subaccounts", () => {
  let reseller: TestPartner;
  let rival: TestPartner;
  let plain: TestPartner;
  beforeAll(async () => {
    reseller = await createTestPartner(h, { name: "Reseller", planId: "pro", isReseller: true });
    rival = await createTestPartner(h, { name: "Rival", planId: "pro", isReseller: true });
    plain = await createTestPartner(h, { name: "Plain", planId: "enterprise" });
  });

  it("creates a sub-account on the reseller's plan with a working secret key, shown once", async () => {
    const made = await create(reseller, { name: "Shop one" });
    expect(made).toMatchObject({
      name: "Shop one",
      planId: "pro",
      status: "active",
      timezone: "UTC",
      period: { from: "2026-11-01", to: "2026-11-30" },
      sessions: 0,
      seconds: 0,
      resellerChargeMicros: null,
    });
    expect(made.id).toMatch(/^ptn_/);
    expect(made.secretKey).toMatch(/^sk_live_/);
    const { secretKey, ...view } = made;
    expect(await json(await reseller.request("GET", `/v1/subaccounts/${made.id}`))).toEqual(view);

    const own = await json<PartnerSettings>(await asKey(secretKey)("GET", "/v1/partner"));
    expect(own).toMatchObject({ id: made.id, parentId: reseller.id, isReseller: false });
    const [row] = await h.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.partnerId, reseller.id), eq(auditLog.targetId, made.id)));
    expect(row).toMatchObject({
      action: "subaccount.created",
      actor: expect.stringMatching(/^key_/),
    });
    expect(JSON.stringify(row?.data)).not.toContain(secretKey);
  });

  it("offers plans up to the reseller's own: lower is fine, higher is 402, unknown is 400", async () => {
    expect((await create(reseller, { name: "Small", planId: "starter" })).planId).toBe("starter");
    const above = await expectProblem(
      await reseller.request("POST", "/v1/subaccounts", { name: "Big", planId: "enterprise" }),
      402,
      "upgrade_required",
    );
    expect(above.upgradeUrl).toBe(`${h.services.env.PUBLIC_URL}/dashboard/billing`);
    const unknown = await expectProblem(
      await reseller.request("POST", "/v1/subaccounts", { name: "X", planId: "platinum" }),
      400,
      "validation_failed",
    );
    expect(unknown.errors).toEqual([expect.objectContaining({ path: "planId" })]);
  });

  it("lists the reseller's sub-accounts newest first, page by page, and only its own", async () => {
    const pager = await createTestPartner(h, { name: "Pager", isReseller: true });
    const ids: string[] = [];
    for (const name of ["A", "B", "C"]) {
      offsetMs += 1000;
      ids.push((await create(pager, { name })).id);
    }
    await create(rival, { name: "Not yours" });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=2&cursor=${cursor}` : "?limit=2";
      const page = await json<{ data: Subaccount[]; nextCursor: string | null }>(
        await pager.request("GET", `/v1/subaccounts${query}`),
      );
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.data.map((s) => s.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    await expectProblem(
      await pager.request("GET", "/v1/subaccounts?cursor=%27%3B--"),
      400,
      "validation_failed",
    );
  });

  it("rolls up each sub-account's seconds this period and prices them at the reseller's rate", async () => {
    const priced = await createTestPartner(h, { name: "Priced", isReseller: true });
    const child = await create(priced, { name: "Busy shop" });
    const row = { partnerId: child.id, agentId: "agt_x", sessions: 1, costMicros: 0 };
    await h.database.db.insert(usageDaily).values([
      { ...row, provider: "openai", day: "2026-11-02", seconds: 100 },
      { ...row, provider: "elevenlabs", day: "2026-11-30", seconds: 50, sessions: 2 },
      // Last period: not this period's bill.
      { ...row, provider: "openai", day: "2026-10-31", seconds: 7777 },
    ]);
    const before = await json<Subaccount>(
      await priced.request("GET", `/v1/subaccounts/${child.id}`),
    );
    expect(before).toMatchObject({ seconds: 150, sessions: 3, resellerChargeMicros: null });

    await priced.request("PATCH", "/v1/partner", { resellerPriceMicrosPerMinute: 40_001 });
    const list = await json<{ data: Subaccount[] }>(await priced.request("GET", "/v1/subaccounts"));
    // 150 s × 40 001 µ/min ÷ 60 = 100 002.5 → rounded.
    expect(list.data).toEqual([
      expect.objectContaining({ id: child.id, seconds: 150, resellerChargeMicros: 100_003 }),
    ]);
  });

  it("answers 404 for anything that is not the caller's child", async () => {
    const theirs = await create(rival, { name: "Rival's shop" });
    const ghost = "ptn_01ZZZZZZZZZZZZZZZZZZZZZZZZ";
    const missing = await expectProblem(
      await reseller.request("GET", `/v1/subaccounts/${ghost}`),
      404,
      "not_found",
    );
    for (const id of [theirs.id, rival.id, reseller.id, plain.id]) {
      const res = await reseller.request("GET", `/v1/subaccounts/${id}`);
      // The same answer as for an id that does not exist: nothing leaks.
      expect((await expectProblem(res, 404, "not_found")).detail).toBe(missing.detail);
    }
    const mine = await json<{ data: Subaccount[] }>(
      await reseller.request("GET", "/v1/subaccounts?limit=100"),
    );
    expect(mine.data.map((s) => s.id)).not.toContain(theirs.id);
  });

  it("refuses accounts that are not resellers with 403, so a child cannot reach its parent", async () => {
    const child = await create(reseller, { name: "Curious child" });
    const asChild = asKey(child.secretKey);
    await expectProblem(await asChild("GET", "/v1/subaccounts"), 403, "forbidden");
    await expectProblem(await asChild("GET", `/v1/subaccounts/${reseller.id}`), 403, "forbidden");
    await expectProblem(
      await asChild("POST", "/v1/subaccounts", { name: "Grandchild" }),
      403,
      "forbidden",
    );
    await expectProblem(await plain.request("GET", "/v1/subaccounts"), 403, "forbidden");
    await expectProblem(
      await plain.request("POST", "/v1/subaccounts", { name: "Nope" }),
      403,
      "forbidden",
    );
  });

  it("never gives a sub-account a feature its reseller lacks", async () => {
    const child = await create(reseller, { name: "Premium wannabe" });
    const check = async () =>
      json<FeatureCheck>(
        await asKey(child.secretKey)("POST", "/v1/feature-flags/check", {
          feature: "premium_voices",
        }),
      );
    await grantAddon(h, child.id, "premium_voices");
    expect(await check()).toEqual({
      allowed: false,
      reason: "not_in_plan",
      requiresUpgrade: false,
    });
    await grantAddon(h, reseller.id, "premium_voices");
    expect(await check()).toEqual({ allowed: true, reason: "global", requiresUpgrade: false });
  });

  it.each([
    [{ name: 42, planId: 7 }, ["name", "planId"]],
    [{ name: "" }, ["name"]],
    [{}, ["name"]],
    [{ name: "x".repeat(121) }, ["name"]],
  ])("rejects %j with 400 validation_failed", async (body, paths) => {
    const problem = await expectProblem(
      await reseller.request("POST", "/v1/subaccounts", body),
      400,
      "validation_failed",
    );
    const got = (problem.errors as { path: string }[]).map((e) => e.path);
    for (const path of paths) expect(got).toContain(path);
  });

  it("rejects unknown fields (a parent chosen in the body), bad JSON, big and form bodies", async () => {
    await expectProblem(
      await reseller.request("POST", "/v1/subaccounts", { name: "X", parentId: rival.id }),
      400,
      "validation_failed",
    );
    await expectProblem(
      await reseller.request("POST", "/v1/subaccounts", "{x"),
      400,
      "validation_failed",
    );
    await expectProblem(
      await reseller.request("POST", "/v1/subaccounts", { name: "x".repeat(1024 * 1024) }),
      413,
      "payload_too_large",
    );
    await expectProblem(
      await reseller.request("POST", "/v1/subaccounts", "name=x", {
        "content-type": "application/x-www-form-urlencoded",
      }),
      415,
      "unsupported_media_type",
    );
  });

  it("stores unicode and SQL-looking names verbatim", async () => {
    for (const name of hostileStrings) {
      const made = await create(reseller, { name });
      expect(made.name).toBe(name);
      const again = await json<Subaccount>(
        await reseller.request("GET", `/v1/subaccounts/${made.id}`),
      );
      expect(again.name).toBe(name);
    }
  });

  it("needs a valid key", async () => {
    await expectProblem(await h.app.request("/v1/subaccounts"), 401, "unauthorized");
    await expectProblem(
      await h.app.request("/v1/subaccounts", {
        headers: { authorization: `Bearer ${reseller.publishableKey}` },
      }),
      401,
      "invalid_key",
    );
  });

  it("lets viewers and members read, and only admins and owners create", async () => {
    for (const role of ["viewer", "member"] as const) {
      const m = await createTestMember(h, reseller.id, role);
      expect((await m.request("GET", "/v1/subaccounts")).status).toBe(200);
      await expectProblem(
        await m.request("POST", "/v1/subaccounts", { name: role }),
        403,
        "forbidden",
      );
    }
    const admin = await createTestMember(h, reseller.id, "admin");
    expect((await admin.request("POST", "/v1/subaccounts", { name: "By admin" })).status).toBe(201);
  });
});
