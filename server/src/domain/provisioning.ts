/**
 * Provider-side agents for ElevenLabs agents (design §8): built from the agent and its
 * persona, created or updated at the provider after the partner's change has committed, and
 * deleted with the agent. A provider failure never fails the partner's request: the agent
 * keeps working through per-call overrides, shows `provisioning_failed` with a safe reason,
 * and the retry job tries again. Parley only ever calls the provider with ids it stored
 * itself, i.e. agents it created.
 */
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../db/client";
import { agents, type ProvisioningStatus, personas } from "../db/schema";
import { CircuitOpenError } from "../providers/breaker";
import { ProviderError } from "../providers/http";
import type { Services } from "../services";
import { providerAgentConfig } from "./widget-calls";

type AgentRow = typeof agents.$inferSelect;
type PersonaRow = typeof personas.$inferSelect;

/** The agent fields the provider-side agent is built from. */
const agentConfigFields = [
  "personaId",
  "voiceProvider",
  "voiceId",
  "name",
  "greeting",
  "maxDurationSeconds",
] as const;

export function agentAffectsProvider(before: AgentRow, after: AgentRow): boolean {
  if (after.voiceProvider !== "elevenlabs" && after.providerAgentId === null) return false;
  return agentConfigFields.some((field) => before[field] !== after[field]);
}

export function personaAffectsProvider(before: PersonaRow, after: PersonaRow): boolean {
  return (
    before.instructions !== after.instructions ||
    before.firstMessage !== after.firstMessage ||
    before.language !== after.language ||
    JSON.stringify(before.dynamicVariables) !== JSON.stringify(after.dynamicVariables)
  );
}

/** Never the provider's body or our request: only a status, "timeout" or the like. */
export function safeReason(error: unknown): string {
  if (error instanceof ProviderError) return error.reason;
  if (error instanceof CircuitOpenError) return "provider unavailable (circuit open)";
  return "unexpected error";
}

/** The provider fills `{{name}}` per call from the session's dynamic variables. */
function placeholders(persona: PersonaRow): Record<string, string> {
  return Object.fromEntries(persona.dynamicVariables.map((v) => [v.name, `{{${v.name}}}`]));
}

/** Matches the agent only while it still has what the provider was sent. */
function unchanged(agent: AgentRow) {
  return and(
    eq(agents.id, agent.id),
    eq(agents.personaId, agent.personaId),
    eq(agents.voiceProvider, agent.voiceProvider),
    eq(agents.voiceId, agent.voiceId),
    eq(agents.name, agent.name),
    agent.greeting === null ? isNull(agents.greeting) : eq(agents.greeting, agent.greeting),
    eq(agents.maxDurationSeconds, agent.maxDurationSeconds),
    agent.providerAgentId === null
      ? isNull(agents.providerAgentId)
      : eq(agents.providerAgentId, agent.providerAgentId),
  );
}

async function setStatus(
  services: Services,
  agent: AgentRow,
  status: ProvisioningStatus,
  error: string | null,
): Promise<boolean> {
  const rows = await services.database.db
    .update(agents)
    .set({ provisioningStatus: status, provisioningError: error, updatedAt: services.now() })
    .where(unchanged(agent))
    .returning({ id: agents.id });
  return rows.length > 0;
}

/** Deletes a provider agent Parley created; false (and a log line) when the provider failed. */
export async function deleteProviderAgent(
  services: Services,
  agentId: string,
  providerAgentId: string,
): Promise<boolean> {
  try {
    await services.providers.elevenlabs.deleteAgent(providerAgentId);
    return true;
  } catch (error) {
    // Already gone is what we wanted.
    if (error instanceof ProviderError && error.status === 404) return true;
    services.log.warn("provider agent delete failed", { agentId, reason: safeReason(error) });
    return false;
  }
}

/** An agent on OpenAI needs nothing at the provider, and no longer needs what it had there. */
async function retire(services: Services, agent: AgentRow): Promise<void> {
  const db = services.database.db;
  const onOpenai = and(eq(agents.id, agent.id), eq(agents.voiceProvider, "openai"));
  if (
    agent.providerAgentId &&
    (await deleteProviderAgent(services, agent.id, agent.providerAgentId))
  ) {
    await db
      .update(agents)
      .set({ providerAgentId: null, updatedAt: services.now() })
      .where(and(onOpenai, eq(agents.providerAgentId, agent.providerAgentId)));
  }
  if (agent.provisioningStatus !== "not_required" || agent.provisioningError !== null) {
    await db
      .update(agents)
      .set({
        provisioningStatus: "not_required",
        provisioningError: null,
        updatedAt: services.now(),
      })
      .where(onOpenai);
  }
}

/** One pass; "again" when the agent changed under it, so the caller looks once more. */
async function provisionOnce(services: Services, agentId: string): Promise<"done" | "again"> {
  const db = services.database.db;
  const [row] = await db
    .select({ agent: agents, persona: personas })
    .from(agents)
    .innerJoin(personas, eq(personas.id, agents.personaId))
    .where(eq(agents.id, agentId));
  if (!row) return "done";
  const { agent, persona } = row;
  if (agent.voiceProvider !== "elevenlabs") {
    await retire(services, agent);
    return "done";
  }

  const provider = services.providers.elevenlabs;
  const config = providerAgentConfig(agent, persona, placeholders(persona));
  let created: string | null = null;
  try {
    if (agent.providerAgentId) await provider.updateAgent(agent.providerAgentId, config);
    else created = (await provider.provisionAgent(config)).providerAgentId;
  } catch (error) {
    if (agent.providerAgentId && error instanceof ProviderError && error.status === 404) {
      // Deleted at the provider behind our back: forget it; the next pass creates a new one.
      await db
        .update(agents)
        .set({ providerAgentId: null, updatedAt: services.now() })
        .where(and(eq(agents.id, agent.id), eq(agents.providerAgentId, agent.providerAgentId)));
      return "again";
    }
    const reason = safeReason(error);
    services.log.warn("agent provisioning failed", { agentId, reason });
    return (await setStatus(services, agent, "provisioning_failed", reason)) ? "done" : "again";
  }

  if (created) {
    const stored = await storeCreated(db, agent.id, created);
    if (!stored) {
      // The agent is gone, or another instance stored its own: ours would be an orphan.
      await deleteProviderAgent(services, agent.id, created);
      return "again";
    }
  }
  const sent = { ...agent, providerAgentId: created ?? agent.providerAgentId };
  return (await setStatus(services, sent, "provisioned", null)) ? "done" : "again";
}

async function storeCreated(db: Db, agentId: string, providerAgentId: string) {
  const rows = await db
    .update(agents)
    .set({ providerAgentId })
    .where(and(eq(agents.id, agentId), isNull(agents.providerAgentId)))
    .returning({ id: agents.id });
  return rows.length > 0;
}

/**
 * Brings the provider in line with the agent as stored now. Provider failures end up on the
 * agent (`provisioning_failed`), not here; other errors (the database) propagate.
 */
export async function provisionAgent(services: Services, agentId: string): Promise<void> {
  // A few passes settle concurrent edits; anything left over the next change or retry handles.
  for (let pass = 0; pass < 3; pass++) {
    if ((await provisionOnce(services, agentId)) === "done") return;
  }
}

/** Runs `provisionAgent` behind the API on the services' queue; resolves when it has run. */
export function enqueueProvisioning(services: Services, agentId: string): Promise<void> {
  return services.provisioning.enqueue(agentId, () =>
    provisionAgent(services, agentId).catch((error: unknown) => {
      services.log.error("agent provisioning crashed", {
        agentId,
        error: error instanceof Error ? error.name : "unknown",
      });
    }),
  );
}

/** After an agent's delete has committed: its provider agent goes too, in the background. */
export function enqueueProviderDelete(
  services: Services,
  agentId: string,
  providerAgentId: string,
): Promise<void> {
  // Its own key: a later job for the same agent id must not replace this one.
  return services.provisioning.enqueue(`delete:${providerAgentId}`, async () => {
    await deleteProviderAgent(services, agentId, providerAgentId);
  });
}

/**
 * Inside a persona change's transaction: its ElevenLabs agents go back to `pending` (the
 * provider has the old prompt until they are provisioned again). Returns their ids.
 */
export async function markPersonaAgentsPending(
  tx: Db,
  services: Services,
  partnerId: string,
  personaId: string,
): Promise<string[]> {
  const rows = await tx
    .update(agents)
    .set({ provisioningStatus: "pending", provisioningError: null, updatedAt: services.now() })
    .where(
      and(
        eq(agents.partnerId, partnerId),
        eq(agents.personaId, personaId),
        eq(agents.voiceProvider, "elevenlabs"),
      ),
    )
    .returning({ id: agents.id });
  return rows.map((r) => r.id);
}
