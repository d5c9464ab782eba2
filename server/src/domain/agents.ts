import {
  type CreateAgentRequest,
  standardVoices,
  type UpdateAgentRequest,
  type VoiceProvider,
} from "@parley/types";
import { and, count, desc, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { agents, type ProvisioningStatus, personas } from "../db/schema";
import { ApiError, notFound } from "../errors";
import type { PartnerAuth, Services } from "../services";
import { audit } from "./audit";
import { decodeCursor, toPage } from "./pagination";
import { getPartnerPlan, planLimitReached } from "./plans";
import { agentAffectsProvider, enqueueProviderDelete, enqueueProvisioning } from "./provisioning";
import { invalidationChannel } from "./resolution-cache";

type AgentRow = typeof agents.$inferSelect;
type PersonaRow = typeof personas.$inferSelect;

export interface Voice {
  voiceProvider: VoiceProvider;
  voiceId: string;
}

export function agentView(row: AgentRow) {
  return {
    id: row.id,
    name: row.name,
    personaId: row.personaId,
    voiceProvider: row.voiceProvider,
    voiceId: row.voiceId,
    fallbackVoiceId: row.fallbackVoiceId,
    fallbackEnabled: row.fallbackEnabled,
    allowedOrigins: row.allowedOrigins,
    workingHours: row.workingHours,
    maxDurationSeconds: row.maxDurationSeconds,
    greeting: row.greeting,
    avatarUrl: row.avatarUrl,
    theme: row.theme,
    consentText: row.consentText,
    status: row.status,
    providerAgentId: row.providerAgentId,
    provisioningStatus: row.provisioningStatus,
    provisioningError: row.provisioningError,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const voiceError = (message: string) =>
  new ApiError("validation_failed", `voiceId: ${message}`, {
    errors: [{ path: "voiceId", message }],
  });

function isStandardVoice(voiceId: string): boolean {
  return standardVoices.some((v) => v === voiceId);
}

/**
 * The voice an agent ends up with: what the request names, else the current one (the
 * persona's preferred voice on create). Switching to openai without a voice takes the
 * agent's standard fallback voice; switching to elevenlabs needs an explicit voice.
 */
export function chooseVoice(
  current: Voice,
  change: { voiceProvider?: VoiceProvider | undefined; voiceId?: string | undefined },
  fallbackVoiceId: string,
): Voice {
  const voiceProvider = change.voiceProvider ?? current.voiceProvider;
  const voiceId =
    change.voiceId ??
    (voiceProvider === current.voiceProvider
      ? current.voiceId
      : voiceProvider === "openai"
        ? fallbackVoiceId
        : undefined);
  if (voiceId === undefined) throw voiceError("required when switching to elevenlabs");
  if (voiceProvider === "openai" && !isStandardVoice(voiceId)) {
    throw voiceError(`an openai voice must be one of ${standardVoices.join(", ")}`);
  }
  return { voiceProvider, voiceId };
}

/** OpenAI needs nothing set up in advance; an ElevenLabs agent is provisioned later. */
export function provisioningFor(provider: VoiceProvider): ProvisioningStatus {
  return provider === "openai" ? "not_required" : "pending";
}

/**
 * A persona this partner may build an agent on: a system template or its own. Anything
 * else is "not found", so another partner's persona ids reveal nothing. The key-share lock
 * makes a concurrent delete of the persona wait for this transaction (or win before it).
 */
export async function findUsablePersona(
  db: Db,
  partnerId: string,
  personaId: string,
): Promise<PersonaRow> {
  const [persona] = await db
    .select()
    .from(personas)
    .where(
      and(
        eq(personas.id, personaId),
        or(isNull(personas.partnerId), eq(personas.partnerId, partnerId)),
      ),
    )
    .for("key share");
  if (!persona) throw new ApiError("not_found", `No persona ${personaId} for this account.`);
  return persona;
}

/** Cached session resolutions of the partner are dropped on every instance at commit. */
export async function invalidateResolution(db: Db, partnerId: string) {
  await db.execute(sql`select pg_notify(${invalidationChannel}, ${partnerId})`);
}

export async function createAgent(
  services: Services,
  auth: PartnerAuth,
  input: CreateAgentRequest,
) {
  const created = await services.database.db.transaction(async (tx) => {
    const plan = await getPartnerPlan(tx, auth.partnerId, { lock: true });
    const [existing] = await tx
      .select({ n: count() })
      .from(agents)
      .where(eq(agents.partnerId, auth.partnerId));
    if ((existing?.n ?? 0) >= plan.maxAgents) {
      throw planLimitReached(services.env, plan, plan.maxAgents, { one: "agent", many: "agents" });
    }
    const persona = await findUsablePersona(tx, auth.partnerId, input.personaId);
    const voice = chooseVoice(persona, input, input.fallbackVoiceId);
    const now = services.now();
    const [row] = await tx
      .insert(agents)
      .values({
        ...input,
        ...voice,
        id: services.newId("agt"),
        partnerId: auth.partnerId,
        provisioningStatus: provisioningFor(voice.voiceProvider),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new Error("insert returned no row");
    await audit(tx, services, {
      partnerId: auth.partnerId,
      actor: auth.actor,
      action: "agent.created",
      targetType: "agent",
      targetId: row.id,
      data: { personaId: row.personaId, voiceProvider: row.voiceProvider },
    });
    // A widget may already have asked for this id and had "no such agent" cached.
    await invalidateResolution(tx, auth.partnerId);
    return agentView(row);
  });
  // After the commit, behind the answer: a provider failure never fails the create.
  if (created.voiceProvider === "elevenlabs") void enqueueProvisioning(services, created.id);
  return created;
}

export async function listAgents(
  services: Services,
  auth: PartnerAuth,
  query: { cursor?: string | undefined; limit: number },
) {
  const after = decodeCursor(query.cursor);
  const rows = await services.database.db
    .select()
    .from(agents)
    .where(and(eq(agents.partnerId, auth.partnerId), after ? lt(agents.id, after) : undefined))
    .orderBy(desc(agents.id))
    .limit(query.limit + 1);
  const page = toPage(rows, query.limit);
  return { data: page.data.map(agentView), nextCursor: page.nextCursor };
}

async function findAgent(db: Db, partnerId: string, id: string, lock = false) {
  const query = db
    .select()
    .from(agents)
    .where(and(eq(agents.partnerId, partnerId), eq(agents.id, id)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw notFound("agent");
  return row;
}

export async function getAgent(services: Services, auth: PartnerAuth, id: string) {
  return agentView(await findAgent(services.database.db, auth.partnerId, id));
}

export async function updateAgent(
  services: Services,
  auth: PartnerAuth,
  id: string,
  input: UpdateAgentRequest,
) {
  let provision = false;
  const updated = await services.database.db.transaction(async (tx) => {
    const existing = await findAgent(tx, auth.partnerId, id, true);
    const fields = Object.keys(input);
    if (fields.length === 0) return agentView(existing);
    if (input.personaId !== undefined && input.personaId !== existing.personaId) {
      await findUsablePersona(tx, auth.partnerId, input.personaId);
    }
    const voice = chooseVoice(existing, input, input.fallbackVoiceId ?? existing.fallbackVoiceId);
    // A new voice or persona must reach the provider again before ElevenLabs can use it.
    const needsProvisioning =
      voice.voiceProvider !== existing.voiceProvider ||
      voice.voiceId !== existing.voiceId ||
      (input.personaId ?? existing.personaId) !== existing.personaId;
    const [row] = await tx
      .update(agents)
      .set({
        ...input,
        ...voice,
        ...(needsProvisioning
          ? { provisioningStatus: provisioningFor(voice.voiceProvider), provisioningError: null }
          : {}),
        updatedAt: services.now(),
      })
      .where(and(eq(agents.partnerId, auth.partnerId), eq(agents.id, id)))
      .returning();
    if (!row) throw notFound("agent");
    provision = agentAffectsProvider(existing, row);
    await audit(tx, services, {
      partnerId: auth.partnerId,
      actor: auth.actor,
      action: "agent.updated",
      targetType: "agent",
      targetId: id,
      data: { fields },
    });
    await invalidateResolution(tx, auth.partnerId);
    return agentView(row);
  });
  if (provision) void enqueueProvisioning(services, id);
  return updated;
}

/**
 * Deleting an agent deletes its sessions too (foreign-key cascade); usage stays. Its
 * provider agent (only ever one Parley created) goes after the commit, in the background.
 */
export async function deleteAgent(services: Services, auth: PartnerAuth, id: string) {
  let providerAgentId: string | null = null;
  const deleted = await services.database.db.transaction(async (tx) => {
    ({ providerAgentId } = await findAgent(tx, auth.partnerId, id, true));
    await tx.delete(agents).where(and(eq(agents.partnerId, auth.partnerId), eq(agents.id, id)));
    await audit(tx, services, {
      partnerId: auth.partnerId,
      actor: auth.actor,
      action: "agent.deleted",
      targetType: "agent",
      targetId: id,
    });
    await invalidateResolution(tx, auth.partnerId);
    return { id, deleted: true as const };
  });
  if (providerAgentId) void enqueueProviderDelete(services, id, providerAgentId);
  return deleted;
}
