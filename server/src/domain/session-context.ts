/**
 * Rules 1–5 of design §4 that depend only on stored configuration (key, agent, persona,
 * plan, entitlements), loaded in three queries and cached per (key hash, agent id) for a
 * few seconds; writes invalidate through NOTIFY (resolution-cache.ts).
 */
import { and, eq, isNull, or } from "drizzle-orm";
import type { Database } from "../db/client";
import { agents, apiKeys, brands, partners, personas } from "../db/schema";
import { loadEntitlements } from "./entitlements";
import { getPartnerPlan } from "./plans";

export interface SessionContext {
  key: { id: string; partnerId: string; mode: "live" | "test"; allowedOrigins: string[] };
  partnerName: string;
  agent: typeof agents.$inferSelect | null;
  persona: typeof personas.$inferSelect | null;
  plan: {
    id: string;
    includedSeconds: number;
    overageAllowed: boolean;
    maxConcurrentSessions: number;
  };
  entitlements: string[];
  /** The partner's own brand and its reseller's (design §10); merged by brand.ts. */
  brands: { own: typeof brands.$inferSelect | null; parent: typeof brands.$inferSelect | null };
}

/** null = no such (unrevoked, publishable) key. */
export async function loadSessionContext(
  database: Database,
  keyHash: string,
  agentId: string,
  now: Date,
): Promise<SessionContext | null> {
  const { db } = database;
  const [key] = await db
    .select({
      id: apiKeys.id,
      partnerId: apiKeys.partnerId,
      mode: apiKeys.mode,
      allowedOrigins: apiKeys.allowedOrigins,
    })
    .from(apiKeys)
    .where(
      and(eq(apiKeys.hash, keyHash), eq(apiKeys.kind, "publishable"), isNull(apiKeys.revokedAt)),
    );
  if (!key) return null;
  const [agentRow] = await db
    .select({ agent: agents, persona: personas })
    .from(agents)
    .innerJoin(personas, eq(personas.id, agents.personaId))
    .where(and(eq(agents.id, agentId), eq(agents.partnerId, key.partnerId)));
  const [partner] = await db.select().from(partners).where(eq(partners.id, key.partnerId));
  const brandRows = await db
    .select()
    .from(brands)
    .where(
      or(
        eq(brands.partnerId, key.partnerId),
        partner?.parentId ? eq(brands.partnerId, partner.parentId) : undefined,
      ),
    );
  const own = brandRows.find((b) => b.partnerId === key.partnerId) ?? null;
  const parent = brandRows.find((b) => b.partnerId !== key.partnerId) ?? null;
  const plan = await getPartnerPlan(db, key.partnerId);
  const entitlements = await loadEntitlements(database, key.partnerId, now);
  return {
    key,
    partnerName: partner?.name ?? "",
    agent: agentRow?.agent ?? null,
    persona: agentRow?.persona ?? null,
    plan: {
      id: plan.id,
      includedSeconds: plan.includedSeconds,
      overageAllowed: plan.overageAllowed,
      maxConcurrentSessions: plan.maxConcurrentSessions,
    },
    entitlements: entitlements.list,
    brands: { own, parent },
  };
}
