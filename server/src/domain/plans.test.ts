import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../test/harness";
import type { Database } from "../db/client";
import { idGenerator } from "../db/ids";
import { partners, subscriptions } from "../db/schema";
import { ApiError } from "../errors";
import { createPartner } from "./partners";
import { getPartnerPlan, planLimitReached } from "./plans";

let database: Database;
const services = { newId: idGenerator(), now: () => new Date() };
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

describe("getPartnerPlan", () => {
  it("returns the plan row of the partner's subscription, and follows a plan change", async () => {
    const id = await createPartner(database.db, services, { name: "Plan reader" });
    expect(await getPartnerPlan(database.db, id)).toMatchObject({
      id: "free",
      maxAgents: 1,
      maxCustomPersonas: 1,
    });
    await database.db
      .update(subscriptions)
      .set({ planId: "starter" })
      .where(eq(subscriptions.partnerId, id));
    const locked = await database.db.transaction((tx) => getPartnerPlan(tx, id, { lock: true }));
    expect(locked).toMatchObject({ id: "starter", maxAgents: 3, maxCustomPersonas: 3 });
  });

  it("fails loudly for a partner without a subscription instead of guessing a plan", async () => {
    const id = services.newId("ptn");
    await database.db.insert(partners).values({ id, name: "Broken" });
    await expect(getPartnerPlan(database.db, id)).rejects.toThrow("no subscription");
  });
});

describe("planLimitReached", () => {
  const env = { PUBLIC_URL: "https://api.example" };
  const plan = { name: "Free" } as const;

  it("is 402 upgrade_required with the billing page and the limit", () => {
    const error = planLimitReached(env, plan, 1, { one: "agent", many: "agents" });
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(402);
    expect(error.toProblem()).toMatchObject({
      code: "upgrade_required",
      detail: "Your Free plan allows 1 agent; upgrade to add more.",
      upgradeUrl: "https://api.example/dashboard/billing",
      limit: 1,
    });
  });

  it("says the plural for any other limit", () => {
    const error = planLimitReached(env, plan, 0, { one: "persona", many: "personas" });
    expect(error.detail).toBe("Your Free plan allows 0 personas; upgrade to add more.");
  });
});
