/**
 * The quick start's demo data (demo mode only, never production): a partner with three
 * agents, a month of conversations and a login, plus a reseller with a branded sub-account.
 * Idempotent: once the demo partner exists a re-run creates nothing and returns the
 * credentials of `.data/demo.json`. Keys are stored hashed, so that file is the only place
 * their plaintext lives; if it is lost, a re-run issues a fresh pair of demo keys.
 */
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { hashKey } from "../../auth/keys";
import { hashPassword } from "../../auth/passwords";
import { invalidateResolution } from "../../domain/agents";
import { billingPeriod, createPartner } from "../../domain/partners";
import { getPartnerPlan } from "../../domain/plans";
import type { Db } from "../client";
import {
  agents,
  apiKeys,
  memberships,
  quotaCounters,
  rates,
  subscriptionAddons,
  usageDaily,
  usageEvents,
  users,
  voiceSessions,
} from "../schema";
import {
  createReseller,
  demoAgentNames,
  demoNames,
  insertAgent,
  insertKey,
  type SeedServices,
} from "./demo-accounts";
import { type DemoInfo, readDemoFile } from "./demo-file";
import { buildHistory, type TrafficPattern, usedSecondsSince } from "./demo-history";
import { demoScripts } from "./demo-scripts";

export { demoNames } from "./demo-accounts";
export { DemoInfo, readDemoFile, writeDemoFile } from "./demo-file";

export const demoLogin = { email: "demo@parley.dev", password: "parley-demo" } as const;

export interface SeedDemoOptions {
  /** The server's public base URL; its origin is the demo keys' and agents' allowed origin. */
  publicUrl: string;
  /** An earlier run's demo.json, whose keys are reused while they still work. */
  demoFile?: string;
}

const day = 86_400_000;

export async function seedDemo(
  database: { db: Db },
  services: SeedServices,
  options: SeedDemoOptions,
): Promise<DemoInfo> {
  const origin = new URL(options.publicUrl).origin;
  const url = options.publicUrl.replace(/\/+$/, "");
  const previous = options.demoFile ? await readDemoFile(options.demoFile) : null;
  const passwordHash = await hashPassword(demoLogin.password);
  return database.db.transaction(async (tx) => {
    // Two processes starting at once on one Postgres must not both seed.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('parley.seed-demo'))`);
    const existing = await findDemoPartner(tx);
    const seeded = existing
      ? await reuseDemo(tx, services, existing, origin, previous)
      : await createDemo(tx, services, origin, passwordHash);
    return {
      url,
      publishableKey: seeded.publishableKey,
      secretKey: seeded.secretKey,
      allowedOrigin: origin,
      agents: seeded.agents,
      login: { ...demoLogin },
    };
  });
}

type Seeded = Pick<DemoInfo, "publishableKey" | "secretKey" | "agents">;

async function findDemoPartner(tx: Db): Promise<string | null> {
  const [row] = await tx
    .select({ partnerId: memberships.partnerId })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(and(eq(users.email, demoLogin.email), eq(memberships.role, "owner")))
    .orderBy(asc(memberships.createdAt))
    .limit(1);
  return row?.partnerId ?? null;
}

async function reuseDemo(
  tx: Db,
  services: SeedServices,
  partnerId: string,
  origin: string,
  previous: DemoInfo | null,
): Promise<Seeded> {
  // The demo's three by name, in their order; renamed ones are replaced by the oldest others.
  const names: readonly string[] = demoAgentNames;
  const rank = (name: string) => {
    const i = names.indexOf(name);
    return i === -1 ? names.length : i;
  };
  const demoAgents = (
    await tx.select().from(agents).where(eq(agents.partnerId, partnerId)).orderBy(asc(agents.id))
  )
    .sort((a, b) => rank(a.name) - rank(b.name))
    .slice(0, demoAgentNames.length);
  const live = previous
    ? await tx
        .select({ kind: apiKeys.kind, hash: apiKeys.hash, allowedOrigins: apiKeys.allowedOrigins })
        .from(apiKeys)
        .where(
          and(
            eq(apiKeys.partnerId, partnerId),
            isNull(apiKeys.revokedAt),
            inArray(apiKeys.hash, [hashKey(previous.publishableKey), hashKey(previous.secretKey)]),
          ),
        )
    : [];
  const reusable = previous && live.length === 2;
  const publishableKey = reusable
    ? previous.publishableKey
    : await insertKey(tx, services, partnerId, "publishable", [origin]);
  const secretKey = reusable
    ? previous.secretKey
    : await insertKey(tx, services, partnerId, "secret", []);

  // Started on another port or host: let the demo page on the new origin work too.
  let widened = false;
  const publishableHash = hashKey(publishableKey);
  const keyRow = live.find((k) => k.hash === publishableHash);
  if (keyRow && !keyRow.allowedOrigins.includes(origin)) {
    await tx
      .update(apiKeys)
      .set({ allowedOrigins: [...keyRow.allowedOrigins, origin] })
      .where(eq(apiKeys.hash, publishableHash));
    widened = true;
  }
  for (const agent of demoAgents) {
    if (agent.allowedOrigins.includes(origin)) continue;
    await tx
      .update(agents)
      .set({ allowedOrigins: [...agent.allowedOrigins, origin] })
      .where(eq(agents.id, agent.id));
    widened = true;
  }
  if (widened) await invalidateResolution(tx, partnerId);
  return { publishableKey, secretKey, agents: demoAgents.map(({ id, name }) => ({ id, name })) };
}

async function createDemo(
  tx: Db,
  services: SeedServices,
  origin: string,
  passwordHash: string,
): Promise<Seeded> {
  const now = services.now();
  const acme = await createPartner(tx, services, {
    name: demoNames.partner,
    planId: "pro",
    timezone: "Europe/Madrid",
  });
  await tx.insert(subscriptionAddons).values({
    id: services.newId("sad"),
    partnerId: acme,
    addonKey: "premium_voices",
    status: "active",
    billingStatus: "trial",
    trialEndsAt: new Date(now.getTime() + 14 * day),
  });
  const publishableKey = await insertKey(tx, services, acme, "publishable", [origin]);
  const secretKey = await insertKey(tx, services, acme, "secret", []);

  const [user] = await tx
    .insert(users)
    .values({ id: services.newId("usr"), email: demoLogin.email, name: "Demo Owner", passwordHash })
    .onConflictDoUpdate({ target: users.email, set: { passwordHash } })
    .returning({ id: users.id });
  if (!user) throw new Error("insert returned no row");
  // Joined first, so sign-in lands here; the reseller below is the second team to switch to.
  await tx.insert(memberships).values({
    id: services.newId("mem"),
    partnerId: acme,
    userId: user.id,
    role: "owner",
    createdAt: now,
  });

  const frontDesk = await insertAgent(tx, services, acme, origin, {
    name: demoAgentNames[0],
    template: "receptionist",
    fallbackVoiceId: "shimmer",
    greeting: "Good day, thank you for calling Acme Dental & Co. How may I help you?",
  });
  const helpCenter = await insertAgent(tx, services, acme, origin, {
    name: demoAgentNames[1],
    template: "support",
    voice: { voiceProvider: "openai", voiceId: "sage" },
    fallbackVoiceId: "sage",
    greeting: "Hi, this is the Acme Dental help center. What can I do for you?",
  });
  const bilingual = await insertAgent(tx, services, acme, origin, {
    name: demoAgentNames[2],
    template: "receptionist_bilingual",
    fallbackVoiceId: "nova",
    greeting: "Hello, hola! Thanks for calling Acme Dental & Co. English or español?",
    workingHours: {
      timezone: "Europe/Madrid",
      days: [1, 2, 3, 4, 5],
      open: "09:00",
      close: "18:00",
    },
  });

  const pizzeria = await createReseller(tx, services, origin, user.id);

  const rateRows = await tx
    .select()
    .from(rates)
    .where(inArray(rates.key, ["elevenlabs.seconds", "openai.seconds"]));
  const rate = (key: string) => rateRows.find((r) => r.key === key)?.microsPerUnit ?? 0;
  const patterns: TrafficPattern[] = [
    {
      agent: frontDesk,
      weekday: [3, 7],
      weekend: [0, 2],
      hours: [7, 17],
      scripts: demoScripts.frontDesk,
      fallback: "provider_down",
    },
    {
      agent: helpCenter,
      weekday: [1, 4],
      weekend: [0, 2],
      hours: [8, 19],
      scripts: demoScripts.helpCenter,
      fallback: "provider_down",
    },
    // 08–16 UTC is inside 09:00–18:00 in Madrid in both winter and summer time.
    {
      agent: bilingual,
      weekday: [1, 3],
      weekend: [0, 0],
      hours: [8, 16],
      scripts: demoScripts.bilingual,
      fallback: "provider_down",
    },
    {
      agent: pizzeria,
      weekday: [1, 4],
      weekend: [2, 5],
      hours: [17, 21],
      scripts: demoScripts.pizzeria,
      fallback: "not_entitled",
    },
  ];
  const history = buildHistory({
    now,
    days: 28,
    seed: 20_240_601,
    origin,
    patterns,
    microsPerSecond: { elevenlabs: rate("elevenlabs.seconds"), openai: rate("openai.seconds") },
  });
  for (let i = 0; i < history.sessions.length; i += 200) {
    await tx.insert(voiceSessions).values(history.sessions.slice(i, i + 200));
  }
  for (let i = 0; i < history.events.length; i += 200) {
    await tx.insert(usageEvents).values(history.events.slice(i, i + 200));
  }
  for (let i = 0; i < history.daily.length; i += 200) {
    await tx.insert(usageDaily).values(history.daily.slice(i, i + 200));
  }
  const period = billingPeriod(now);
  const used = usedSecondsSince(history.events, period.start);
  for (const partnerId of [acme, pizzeria.partnerId]) {
    const plan = await getPartnerPlan(tx, partnerId);
    await tx.insert(quotaCounters).values({
      partnerId,
      periodStart: period.start.toISOString().slice(0, 10),
      includedSeconds: plan.includedSeconds,
      usedSeconds: used.get(partnerId) ?? 0,
    });
  }

  return {
    publishableKey,
    secretKey,
    agents: [frontDesk, helpCenter, bilingual].map(({ id, name }) => ({ id, name })),
  };
}
