/**
 * Reseller sub-accounts (design §10): partners with `parent_id` = the reseller. The reseller
 * sees each child's usage this billing period (from the daily rollups) priced at its own
 * rate per minute. A child never sees its parent or its siblings through this API.
 */
import type { CreatedSubaccount, CreateSubaccountRequest, Subaccount } from "@parley/types";
import { and, desc, eq, inArray, lt, sql } from "drizzle-orm";
import { displayPrefix, generateKey, hashKey } from "../auth/keys";
import type { Db } from "../db/client";
import { apiKeys, partners, plans, subscriptions, usageDaily } from "../db/schema";
import { ApiError, notFound } from "../errors";
import type { PartnerAuth, Services } from "../services";
import { audit } from "./audit";
import { decodeCursor, toPage } from "./pagination";
import { billingPeriod, createPartner } from "./partners";
import { getPartnerPlan } from "./plans";

type ChildRow = {
  id: string;
  name: string;
  status: "active" | "suspended";
  timezone: string;
  createdAt: Date;
  planId: string | null;
};

interface Period {
  from: string;
  to: string;
}

function currentPeriod(now: Date): Period {
  const { start, end } = billingPeriod(now);
  return {
    from: start.toISOString().slice(0, 10),
    to: new Date(end.getTime() - 86_400_000).toISOString().slice(0, 10),
  };
}

/** The caller, who must be a reseller. */
async function reseller(db: Db, auth: PartnerAuth) {
  const [row] = await db
    .select({
      isReseller: partners.isReseller,
      timezone: partners.timezone,
      pricePerMinute: partners.resellerPriceMicrosPerMinute,
    })
    .from(partners)
    .where(eq(partners.id, auth.partnerId));
  if (!row?.isReseller) {
    throw new ApiError("forbidden", "Only reseller accounts have sub-accounts.");
  }
  return row;
}

const childColumns = {
  id: partners.id,
  name: partners.name,
  status: partners.status,
  timezone: partners.timezone,
  createdAt: partners.createdAt,
  planId: subscriptions.planId,
};

/** Seconds and sessions per child this period, read from the rollups. */
async function periodUsage(db: Db, ids: string[], period: Period) {
  if (ids.length === 0) return new Map<string, { sessions: number; seconds: number }>();
  const rows = await db
    .select({
      partnerId: usageDaily.partnerId,
      sessions: sql<number>`sum(${usageDaily.sessions})::float8`,
      seconds: sql<number>`sum(${usageDaily.seconds})::float8`,
    })
    .from(usageDaily)
    .where(
      and(
        inArray(usageDaily.partnerId, ids),
        sql`${usageDaily.day} >= ${period.from}::date`,
        sql`${usageDaily.day} <= ${period.to}::date`,
      ),
    )
    .groupBy(usageDaily.partnerId);
  return new Map(
    rows.map((r) => [r.partnerId, { sessions: Number(r.sessions), seconds: Number(r.seconds) }]),
  );
}

function view(
  row: ChildRow,
  usage: { sessions: number; seconds: number } | undefined,
  period: Period,
  pricePerMinute: number | null,
): Subaccount {
  const seconds = usage?.seconds ?? 0;
  return {
    id: row.id,
    name: row.name,
    planId: row.planId ?? "free",
    status: row.status,
    timezone: row.timezone,
    createdAt: row.createdAt.toISOString(),
    period,
    sessions: usage?.sessions ?? 0,
    seconds,
    resellerChargeMicros:
      pricePerMinute === null ? null : Math.round((seconds * pricePerMinute) / 60),
  };
}

export async function listSubaccounts(
  services: Services,
  auth: PartnerAuth,
  query: { cursor?: string | undefined; limit: number },
) {
  const { db } = services.database;
  const parent = await reseller(db, auth);
  const after = decodeCursor(query.cursor);
  const rows = await db
    .select(childColumns)
    .from(partners)
    .leftJoin(subscriptions, eq(subscriptions.partnerId, partners.id))
    .where(and(eq(partners.parentId, auth.partnerId), after ? lt(partners.id, after) : undefined))
    .orderBy(desc(partners.id))
    .limit(query.limit + 1);
  const page = toPage(rows, query.limit);
  const period = currentPeriod(services.now());
  const usage = await periodUsage(
    db,
    page.data.map((r) => r.id),
    period,
  );
  return {
    data: page.data.map((r) => view(r, usage.get(r.id), period, parent.pricePerMinute)),
    nextCursor: page.nextCursor,
  };
}

export async function getSubaccount(
  services: Services,
  auth: PartnerAuth,
  id: string,
): Promise<Subaccount> {
  const { db } = services.database;
  const parent = await reseller(db, auth);
  const [row] = await db
    .select(childColumns)
    .from(partners)
    .leftJoin(subscriptions, eq(subscriptions.partnerId, partners.id))
    .where(and(eq(partners.id, id), eq(partners.parentId, auth.partnerId)));
  if (!row) throw notFound("sub-account");
  const period = currentPeriod(services.now());
  const usage = await periodUsage(db, [row.id], period);
  return view(row, usage.get(row.id), period, parent.pricePerMinute);
}

/**
 * Creates a sub-account on a plan no higher (by price) than the reseller's own, and a live
 * secret key for it, returned once. Features stay capped by the reseller's entitlements
 * whatever the plan says (domain/entitlements.ts).
 */
export async function createSubaccount(
  services: Services,
  auth: PartnerAuth,
  input: CreateSubaccountRequest,
): Promise<CreatedSubaccount> {
  const secretKey = generateKey("secret", "live");
  return services.database.db.transaction(async (tx) => {
    const parent = await reseller(tx, auth);
    const own = await getPartnerPlan(tx, auth.partnerId);
    const planId = input.planId ?? own.id;
    const [plan] = await tx.select().from(plans).where(eq(plans.id, planId));
    if (!plan) {
      throw new ApiError("validation_failed", `planId: no plan ${planId}.`, {
        errors: [{ path: "planId", message: "not a plan" }],
      });
    }
    if (plan.priceCentsMonthly > own.priceCentsMonthly) {
      throw new ApiError(
        "upgrade_required",
        `A sub-account's plan may not be above yours (${own.name}); upgrade to offer ${plan.name}.`,
        { upgradeUrl: `${services.env.PUBLIC_URL}/dashboard/billing` },
      );
    }
    const id = await createPartner(tx, services, {
      name: input.name,
      planId,
      parentId: auth.partnerId,
      timezone: parent.timezone,
    });
    const keyId = services.newId("key");
    await tx.insert(apiKeys).values({
      id: keyId,
      partnerId: id,
      kind: "secret",
      mode: "live",
      name: "Created by reseller",
      displayPrefix: displayPrefix(secretKey),
      hash: hashKey(secretKey),
    });
    await audit(tx, services, {
      partnerId: auth.partnerId,
      actor: auth.actor,
      action: "subaccount.created",
      targetType: "partner",
      targetId: id,
      data: { planId, keyId },
    });
    const [row] = await tx
      .select(childColumns)
      .from(partners)
      .leftJoin(subscriptions, eq(subscriptions.partnerId, partners.id))
      .where(eq(partners.id, id));
    if (!row) throw new Error("inserted partner not found");
    const period = currentPeriod(services.now());
    return { ...view(row, undefined, period, parent.pricePerMinute), secretKey };
  });
}
