/** The demo's keys, agents and white-label reseller (see demo.ts). */

import { eq } from "drizzle-orm";
import { displayPrefix, generateKey, hashKey } from "../../auth/keys";
import { provisioningFor } from "../../domain/agents";
import { createPartner } from "../../domain/partners";
import type { Services } from "../../services";
import type { Db } from "../client";
import {
  agents,
  apiKeys,
  brands,
  type KeyKind,
  memberships,
  partners,
  personas,
  type VoiceProvider,
  type WorkingHours,
} from "../schema";
import { templateId } from "./templates";

export type SeedServices = Pick<Services, "now" | "newId">;

/** ElevenLabs premade voice "Sarah" (public library id). */
const sarah = "EXAVITQu4vr4xnSDxMaL";

export const demoNames = {
  partner: "Acme Dental & Co",
  reseller: "VoiceWorks Agency",
  subaccount: "Bella Pizzeria",
} as const;
export const demoAgentNames = ["Front desk", "Help center", "Recepción bilingüe"] as const;

export async function insertKey(
  tx: Db,
  services: SeedServices,
  partnerId: string,
  kind: KeyKind,
  allowedOrigins: string[],
) {
  const key = generateKey(kind, "live");
  await tx.insert(apiKeys).values({
    id: services.newId("key"),
    partnerId,
    kind,
    mode: "live",
    name: kind === "publishable" ? "Demo site key" : "Demo server key",
    displayPrefix: displayPrefix(key),
    hash: hashKey(key),
    allowedOrigins,
  });
  return key;
}

export interface NewAgent {
  name: string;
  template: string;
  /** Default: the persona template's preferred voice. */
  voice?: { voiceProvider: VoiceProvider; voiceId: string };
  fallbackVoiceId: string;
  greeting: string;
  workingHours?: WorkingHours;
}

export async function insertAgent(
  tx: Db,
  services: SeedServices,
  partnerId: string,
  origin: string,
  input: NewAgent,
) {
  const personaId = templateId(input.template);
  const [persona] = await tx.select().from(personas).where(eq(personas.id, personaId));
  if (!persona)
    throw new Error(`persona template ${input.template} is missing; run seedReference first`);
  const voice = input.voice ?? { voiceProvider: persona.voiceProvider, voiceId: persona.voiceId };
  const [row] = await tx
    .insert(agents)
    .values({
      id: services.newId("agt"),
      partnerId,
      name: input.name,
      personaId,
      ...voice,
      fallbackVoiceId: input.fallbackVoiceId,
      fallbackEnabled: true,
      allowedOrigins: [origin],
      workingHours: input.workingHours ?? null,
      greeting: input.greeting,
      provisioningStatus: provisioningFor(voice.voiceProvider),
    })
    .returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

/**
 * A white-label reseller and its sub-account, whose premium agent falls back (not entitled).
 * The demo user is an admin of the reseller too, so the dashboard's partner switcher has
 * somewhere to go.
 */
export async function createReseller(
  tx: Db,
  services: SeedServices,
  origin: string,
  demoUserId: string,
) {
  const reseller = await createPartner(tx, services, {
    name: demoNames.reseller,
    planId: "enterprise",
    isReseller: true,
  });
  await tx.insert(memberships).values({
    id: services.newId("mem"),
    partnerId: reseller,
    userId: demoUserId,
    role: "admin",
    // After the demo partner's membership: sign-in keeps landing on the demo partner.
    createdAt: new Date(services.now().getTime() + 1000),
  });
  await tx
    .update(partners)
    .set({ resellerPriceMicrosPerMinute: 120_000 })
    .where(eq(partners.id, reseller));
  await tx.insert(brands).values({
    partnerId: reseller,
    name: "VoiceWorks",
    primaryColor: "#6d28d9",
    onPrimaryColor: "#ffffff",
    surfaceColor: "#faf7ff",
    textColor: "#1e1533",
    fontFamily: "'Nunito', 'Segoe UI', system-ui, sans-serif",
    radius: "20px",
    hidePoweredBy: true,
  });
  const pizzeria = await createPartner(tx, services, {
    name: demoNames.subaccount,
    planId: "starter",
    parentId: reseller,
    timezone: "Europe/Rome",
  });
  await insertKey(tx, services, pizzeria, "publishable", [origin]);
  return insertAgent(tx, services, pizzeria, origin, {
    name: "Order line",
    template: "general",
    voice: { voiceProvider: "elevenlabs", voiceId: sarah },
    fallbackVoiceId: "nova",
    greeting: "Ciao! Bella Pizzeria, what can I get you?",
  });
}
