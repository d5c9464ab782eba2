import type { Brand, WidgetConfig } from "@parley/types";
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
import { createAgent, origin } from "../../../test/widget-helpers";
import { auditLog } from "../../db/schema";
import { invalidationChannel } from "../../domain/resolution-cache";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});

const json = async <T>(res: Response): Promise<T> => (await res.json()) as T;

const fullBrand = {
  name: "Acme Voice",
  logoUrl: "https://cdn.acme.example/logo.svg",
  primaryColor: "#4f46e5",
  onPrimaryColor: "#fff",
  surfaceColor: "#0B1020",
  textColor: "#e5e7eb",
  fontFamily: '"Inter", system-ui, sans-serif',
  radius: "12px",
  hidePoweredBy: false,
  customDomain: null,
  allowSubaccountOverrides: true,
};

async function put(p: TestPartner, body: unknown) {
  return p.request("PUT", "/v1/brand", body);
}

describe("GET and PUT /v1/brand", () => {
  let p: TestPartner;
  let other: TestPartner;
  beforeAll(async () => {
    p = await createTestPartner(h, { name: "Branded", planId: "pro" });
    other = await createTestPartner(h, { name: "Neighbour", planId: "pro" });
  });

  it("reads an unset brand as nulls and defaults", async () => {
    expect(await json(await other.request("GET", "/v1/brand"))).toEqual({
      name: null,
      logoUrl: null,
      primaryColor: null,
      onPrimaryColor: null,
      surfaceColor: null,
      textColor: null,
      fontFamily: null,
      radius: null,
      hidePoweredBy: false,
      customDomain: null,
      allowSubaccountOverrides: true,
      updatedAt: null,
    });
  });

  it("stores a whole brand and reads it back; the neighbour sees nothing of it", async () => {
    const res = await put(p, fullBrand);
    expect(res.status).toBe(200);
    const stored = await json<Brand>(res);
    expect(stored).toMatchObject(fullBrand);
    expect(new Date(stored.updatedAt ?? "").toISOString()).toBe(stored.updatedAt);
    expect(await json(await p.request("GET", "/v1/brand"))).toEqual(stored);
    expect((await json<Brand>(await other.request("GET", "/v1/brand"))).name).toBeNull();
  });

  it("replaces the brand: a field left out goes back to unset", async () => {
    await put(p, fullBrand);
    const replaced = await json<Brand>(await put(p, { primaryColor: "#000000" }));
    expect(replaced).toMatchObject({ primaryColor: "#000000", name: null, radius: null });
  });

  it("accepts the edges: #rgb, 0px and 32px", async () => {
    for (const radius of ["0px", "32px"]) {
      const res = await put(p, { primaryColor: "#abc", radius });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ primaryColor: "#abc", radius });
    }
  });

  it("stores unicode and SQL-looking names verbatim", async () => {
    for (const name of hostileStrings) {
      expect((await put(p, { name })).status).toBe(200);
      expect((await json<Brand>(await p.request("GET", "/v1/brand"))).name).toBe(name);
    }
  });

  it.each([
    ["primaryColor", "red; background:url(x)"],
    ["primaryColor", "red"],
    ["primaryColor", "#12345"],
    ["onPrimaryColor", "#ggg"],
    ["surfaceColor", "#fff;"],
    ["textColor", "rgb(0,0,0)"],
    ["fontFamily", "Inter; color: red"],
    ["fontFamily", "url(x)"],
    ["fontFamily", "a{b}"],
    ["fontFamily", "Inter</style>"],
    ["radius", "33px"],
    ["radius", "-1px"],
    ["radius", "12"],
    ["radius", "1em"],
    ["logoUrl", "http://cdn.example/logo.png"],
    ["logoUrl", "javascript:alert(1)"],
    ["logoUrl", 'https://cdn.example/a.png")'],
    ["customDomain", "not a host"],
    ["customDomain", "https://voice.example"],
    ["customDomain", "voice.example/path"],
    ["name", ""],
    ["hidePoweredBy", "yes"],
  ])("rejects %s = %j with 400 validation_failed", async (path, value) => {
    const before = await json<Brand>(await p.request("GET", "/v1/brand"));
    const problem = await expectProblem(
      await put(p, { ...fullBrand, [path]: value }),
      400,
      "validation_failed",
    );
    expect((problem.errors as { path: string }[]).map((e) => e.path)).toEqual([path]);
    expect(await json(await p.request("GET", "/v1/brand"))).toEqual(before);
  });

  it("rejects unknown fields, malformed JSON, a 1 MB body and a form body", async () => {
    await expectProblem(
      await put(p, { ...fullBrand, partnerId: other.id }),
      400,
      "validation_failed",
    );
    await expectProblem(await put(p, "{x"), 400, "validation_failed");
    await expectProblem(await put(p, { name: "x".repeat(1024 * 1024) }), 413, "payload_too_large");
    await expectProblem(
      await p.request("PUT", "/v1/brand", "name=x", {
        "content-type": "application/x-www-form-urlencoded",
      }),
      415,
      "unsupported_media_type",
    );
  });

  it("hides “Powered by” only with remove_branding: 402 upgrade_required otherwise", async () => {
    const problem = await expectProblem(
      await put(p, { hidePoweredBy: true }),
      402,
      "upgrade_required",
    );
    expect(problem.upgradeUrl).toBe(`${h.services.env.PUBLIC_URL}/dashboard/billing`);
    const enterprise = await createTestPartner(h, { name: "Ent", planId: "enterprise" });
    expect(await json(await put(enterprise, { hidePoweredBy: true }))).toMatchObject({
      hidePoweredBy: true,
    });
    const reseller = await createTestPartner(h, { name: "Res", planId: "pro", isReseller: true });
    expect((await put(reseller, { hidePoweredBy: true })).status).toBe(200);
  });

  it("keeps customDomain and the override lock for resellers (403 forbidden otherwise)", async () => {
    const domain = await expectProblem(
      await put(p, { customDomain: "voice.branded.example" }),
      403,
      "forbidden",
    );
    expect(domain.detail).toContain("customDomain");
    await expectProblem(await put(p, { allowSubaccountOverrides: false }), 403, "forbidden");

    const reseller = await createTestPartner(h, { name: "Res", isReseller: true });
    const stored = await json<Brand>(
      await put(reseller, {
        customDomain: "Voice.Reseller.example",
        allowSubaccountOverrides: false,
      }),
    );
    expect(stored).toMatchObject({
      customDomain: "voice.reseller.example",
      allowSubaccountOverrides: false,
    });
    const rival = await createTestPartner(h, { name: "Rival", isReseller: true });
    const taken = await expectProblem(
      await put(rival, { customDomain: "voice.reseller.example" }),
      409,
      "conflict",
    );
    expect((taken.errors as { path: string }[])[0]?.path).toBe("customDomain");
  });

  it("needs a valid key", async () => {
    await expectProblem(await h.app.request("/v1/brand"), 401, "unauthorized");
    await expectProblem(
      await h.app.request("/v1/brand", {
        headers: { authorization: `Bearer ${p.publishableKey}` },
      }),
      401,
      "invalid_key",
    );
  });

  it("lets viewers and members read but only admins and owners change it", async () => {
    for (const role of ["viewer", "member"] as const) {
      const m = await createTestMember(h, p.id, role);
      expect((await m.request("GET", "/v1/brand")).status).toBe(200);
      await expectProblem(await m.request("PUT", "/v1/brand", { name: role }), 403, "forbidden");
    }
    const admin = await createTestMember(h, p.id, "admin");
    expect((await admin.request("PUT", "/v1/brand", { name: "By admin" })).status).toBe(200);
    const [row] = await h.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.partnerId, p.id), eq(auditLog.actor, admin.userId)));
    expect(row).toMatchObject({ action: "brand.updated", data: { fields: ["name"] } });
  });
});

describe("a reseller's brand in its sub-accounts' widgets", () => {
  let reseller: TestPartner;
  let child: TestPartner;
  let agentId: string;

  async function config() {
    const res = await h.app.request(
      `/v1/widget/config?agent=${agentId}&key=${child.publishableKey}`,
      { headers: { origin } },
    );
    expect(res.status).toBe(200);
    return json<WidgetConfig>(res);
  }

  /** Resolves once this instance has heard the invalidation for `partnerId`. */
  async function invalidationOf(partnerId: string) {
    let heard = () => {};
    const done = new Promise<void>((resolve) => {
      heard = resolve;
    });
    const stop = await h.database.listen(invalidationChannel, (id) => {
      if (id === partnerId) heard();
    });
    return { done: done.finally(stop) };
  }

  beforeAll(async () => {
    reseller = await createTestPartner(h, { name: "Reseller", planId: "pro", isReseller: true });
    child = await createTestPartner(h, { name: "Child", planId: "pro", parentId: reseller.id });
    agentId = (await createAgent(child)).id;
  });

  it("merges the reseller's brand, refined by the sub-account where allowed", async () => {
    expect((await config()).theme).toEqual({});
    const heard = await invalidationOf(child.id);
    await put(reseller, {
      name: "Reseller Voice",
      logoUrl: "https://cdn.reseller.example/logo.png",
      primaryColor: "#112233",
      radius: "8px",
      fontFamily: "Georgia, serif",
      hidePoweredBy: true,
    });
    // The reseller's write drops the child's cached resolution, not only the reseller's.
    await heard.done;
    const inherited = await config();
    expect(inherited.theme).toEqual({ primary: "#112233", radius: "8px", font: "Georgia, serif" });
    expect(inherited.brand).toEqual({
      name: "Reseller Voice",
      logoUrl: "https://cdn.reseller.example/logo.png",
      hidePoweredBy: true,
    });

    const refined = await invalidationOf(child.id);
    expect((await put(child, { primaryColor: "#abcdef", name: "Child Shop" })).status).toBe(200);
    await refined.done;
    const merged = await config();
    expect(merged.theme).toEqual({ primary: "#abcdef", radius: "8px", font: "Georgia, serif" });
    expect(merged.brand).toMatchObject({ name: "Child Shop", hidePoweredBy: true });
  });

  it("shows only the reseller's brand once it locks overrides, and refuses the child's writes", async () => {
    const locked = await invalidationOf(child.id);
    await put(reseller, {
      name: "Reseller Voice",
      primaryColor: "#112233",
      allowSubaccountOverrides: false,
    });
    await locked.done;
    const config1 = await config();
    expect(config1.theme).toEqual({ primary: "#112233" });
    expect(config1.brand.name).toBe("Reseller Voice");
    await expectProblem(await put(child, { primaryColor: "#000000" }), 403, "forbidden");
  });
});
