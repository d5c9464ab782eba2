/**
 * Reference data every installation needs (plans, add-ons, feature flags, rates, persona
 * templates). Idempotent: run at every start; it updates rows in place by key.
 */
import { sql } from "drizzle-orm";
import type { Database } from "../client";
import { addonTypes, featureFlags, personas, plans, rates } from "../schema";
import { personaTemplates } from "./templates";

export const featureKeys = [
  "premium_voices",
  "custom_personas",
  "voice_cloning",
  "advanced_analytics",
  "remove_branding",
] as const;
export type FeatureKey = (typeof featureKeys)[number];

const minutes = (m: number) => m * 60;

export const planSeed: (typeof plans.$inferInsert)[] = [
  {
    id: "free",
    name: "Free",
    priceCentsMonthly: 0,
    includedSeconds: minutes(60),
    overageAllowed: false,
    maxAgents: 1,
    maxCustomPersonas: 1,
    maxConcurrentSessions: 2,
    // One custom persona, so a new partner can make the agent its own before paying.
    features: ["custom_personas"],
  },
  {
    id: "starter",
    name: "Starter",
    priceCentsMonthly: 4900,
    includedSeconds: minutes(500),
    overageAllowed: true,
    maxAgents: 3,
    maxCustomPersonas: 3,
    maxConcurrentSessions: 5,
    features: ["custom_personas"],
  },
  {
    id: "pro",
    name: "Pro",
    priceCentsMonthly: 19900,
    includedSeconds: minutes(3000),
    overageAllowed: true,
    maxAgents: 20,
    maxCustomPersonas: 25,
    maxConcurrentSessions: 25,
    features: ["custom_personas", "advanced_analytics"],
  },
  {
    id: "enterprise",
    name: "Enterprise",
    priceCentsMonthly: 99900,
    includedSeconds: minutes(20000),
    overageAllowed: true,
    maxAgents: 500,
    maxCustomPersonas: 500,
    maxConcurrentSessions: 250,
    features: [
      "custom_personas",
      "advanced_analytics",
      "premium_voices",
      "voice_cloning",
      "remove_branding",
    ],
  },
];

export const addonSeed: (typeof addonTypes.$inferInsert)[] = [
  {
    key: "premium_voices",
    name: "Premium voices",
    description: "ElevenLabs voices, billed per minute at the add-on rate.",
    trialDays: 14,
    priceCentsMonthly: 2900,
  },
  {
    key: "custom_personas",
    name: "Custom personas",
    description: "Write your own personas beyond your plan's.",
    trialDays: 0,
    priceCentsMonthly: 1900,
  },
  {
    key: "voice_cloning",
    name: "Voice cloning",
    description: "Use a cloned brand voice.",
    trialDays: 0,
    priceCentsMonthly: 9900,
  },
  {
    key: "advanced_analytics",
    name: "Advanced analytics",
    description: "Transcripts search and exports.",
    trialDays: 0,
    priceCentsMonthly: 2900,
  },
  {
    key: "remove_branding",
    name: "Remove branding",
    description: "Hide “Powered by Parley” in the widget.",
    trialDays: 0,
    priceCentsMonthly: 1900,
  },
];

const flagDescriptions: Record<FeatureKey, string> = {
  premium_voices: "ElevenLabs premium voices",
  custom_personas: "Partner-written personas",
  voice_cloning: "Cloned voices",
  advanced_analytics: "Advanced analytics",
  remove_branding: "Hide “Powered by”",
};

export const rateSeed: (typeof rates.$inferInsert)[] = [
  {
    key: "elevenlabs.seconds",
    description: "Premium (ElevenLabs) conversation, default add-on rate per second",
    microsPerUnit: 2000,
  },
  { key: "openai.seconds", description: "Standard voices: included in the plan", microsPerUnit: 0 },
  {
    key: "overage.seconds",
    description: "Minutes past the plan's included ones",
    microsPerUnit: 1000,
  },
  {
    key: "elevenlabs.characters",
    description: "Premium voice characters spoken, at the reference price of $0.30 per 1,000",
    microsPerUnit: 300,
  },
];

export async function seedReference(database: Database): Promise<void> {
  const { db } = database;
  await db.transaction(async (tx) => {
    for (const plan of planSeed) {
      await tx.insert(plans).values(plan).onConflictDoUpdate({ target: plans.id, set: plan });
    }
    for (const addon of addonSeed) {
      await tx
        .insert(addonTypes)
        .values(addon)
        .onConflictDoUpdate({ target: addonTypes.key, set: addon });
    }
    for (const key of featureKeys) {
      // Global values are operator switches: seed them once, never overwrite.
      await tx
        .insert(featureFlags)
        .values({ key, description: flagDescriptions[key], enabled: true })
        .onConflictDoNothing();
    }
    for (const rate of rateSeed) {
      await tx.insert(rates).values(rate).onConflictDoNothing();
    }
    for (const template of personaTemplates) {
      const { id, ...fields } = template;
      await tx
        .insert(personas)
        .values({ id, partnerId: null, ...fields })
        .onConflictDoUpdate({
          target: personas.templateKey,
          set: { ...fields, updatedAt: sql`now()` },
        });
    }
  });
}
