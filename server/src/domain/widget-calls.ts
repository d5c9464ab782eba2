/**
 * The call half of the session flow: `/connect` (single use: an atomic issued → connected
 * change), `/heartbeat` and `/end`, each authorised by the session token (design §3).
 */
import type { ConnectResponse, EndSessionRequest, HeartbeatResponse } from "@parley/types";
import { and, eq } from "drizzle-orm";
import { agents, personas, voiceSessions } from "../db/schema";
import { ApiError } from "../errors";
import type { ProviderAgentConfig } from "../providers/types";
import type { Services } from "../services";
import { fillTemplate } from "./dynamic-variables";
import { recordSessionUsage } from "./usage";
import { finishSession, loadSession } from "./widget-sessions";

/** How long after its `exp` a redeemed token still authorises heartbeats and `/end`. */
const callGraceSeconds = 60;

async function verifiedSession(
  services: Services,
  sessionId: string,
  token: string,
  origin: string | undefined,
  inCall: boolean,
) {
  const claims = await services.signer.verify(token, {
    origin,
    ...(inCall ? { inCallGraceSeconds: callGraceSeconds } : {}),
  });
  if (claims.sub !== sessionId)
    throw new ApiError("token_invalid", "This token is for another session.");
  return { claims, session: await loadSession(services, sessionId) };
}

async function personaFor(services: Services, session: typeof voiceSessions.$inferSelect) {
  const [row] = await services.database.db
    .select({ agent: agents, persona: personas })
    .from(agents)
    .innerJoin(personas, eq(personas.id, agents.personaId))
    .where(and(eq(agents.id, session.agentId), eq(agents.partnerId, session.partnerId)));
  if (!row) throw new ApiError("agent_not_found", "The agent of this session no longer exists.");
  return row;
}

export function providerAgentConfig(
  agent: typeof agents.$inferSelect,
  persona: typeof personas.$inferSelect,
  values: Record<string, string> = {},
): ProviderAgentConfig {
  return {
    name: agent.name,
    instructions: fillTemplate(persona.instructions, values),
    firstMessage: fillTemplate(agent.greeting ?? persona.firstMessage, values),
    language: persona.language,
    voiceId: agent.voiceId,
    maxDurationSeconds: agent.maxDurationSeconds,
  };
}

export async function connectSession(
  services: Services,
  sessionId: string,
  token: string,
  origin: string | undefined,
): Promise<ConnectResponse> {
  await verifiedSession(services, sessionId, token, origin, false);
  const now = services.now();
  const [connected] = await services.database.db
    .update(voiceSessions)
    .set({ status: "connected", connectedAt: now, lastHeartbeatAt: now })
    .where(and(eq(voiceSessions.id, sessionId), eq(voiceSessions.status, "issued")))
    .returning();
  if (!connected) throw new ApiError("token_used", "This session token was already used.");

  const { agent, persona } = await personaFor(services, connected);
  const config = providerAgentConfig(agent, persona, connected.metadata);
  const input = {
    sessionId,
    persona: {
      name: persona.name,
      instructions: config.instructions,
      firstMessage: config.firstMessage,
      language: config.language,
    },
    voiceSettings: persona.voiceSettings,
    dynamicVariables: connected.metadata,
    maxDurationSeconds: connected.reservedSeconds,
  };
  try {
    if (connected.provider === "elevenlabs") {
      return await services.providers.elevenlabs.connect({
        ...input,
        voiceId: connected.voiceId,
        providerAgentId: agent.provisioningStatus === "provisioned" ? agent.providerAgentId : null,
      });
    }
    return await services.providers.openai.connect({
      ...input,
      voiceId: connected.voiceId,
      providerAgentId: null,
    });
  } catch (error) {
    services.log.warn("provider connect failed", {
      sessionId,
      provider: connected.provider,
      error: (error as Error).name,
    });
    if (connected.provider === "elevenlabs" && agent.fallbackEnabled) {
      try {
        const fallback = await services.providers.openai.connect({
          ...input,
          voiceId: agent.fallbackVoiceId,
          providerAgentId: null,
        });
        await services.database.db
          .update(voiceSessions)
          .set({
            provider: "openai",
            voiceId: agent.fallbackVoiceId,
            fallbackFrom: "elevenlabs",
            fallbackReason: "provider_down",
          })
          .where(eq(voiceSessions.id, sessionId));
        return fallback;
      } catch {
        // Both down: fall through to the failure below.
      }
    }
    await finishSession(services, connected, {
      status: "failed",
      durationSeconds: 0,
      endReason: "provider_unavailable",
    });
    throw new ApiError(
      "provider_unavailable",
      "The voice service is unavailable right now.",
      {},
      { "retry-after": "30" },
    );
  }
}

export async function heartbeat(
  services: Services,
  sessionId: string,
  token: string,
  origin: string | undefined,
): Promise<HeartbeatResponse> {
  const { session } = await verifiedSession(services, sessionId, token, origin, true);
  if (session.status !== "connected" || !session.connectedAt) {
    if (session.status === "issued")
      throw new ApiError("conflict", "This session is not connected yet.");
    return { continue: false, reason: "session_ended" };
  }
  const now = services.now();
  const elapsed = Math.floor((now.getTime() - session.connectedAt.getTime()) / 1000);
  const remainingSeconds = Math.max(0, session.reservedSeconds - elapsed);
  const [agent] = await services.database.db
    .select({ status: agents.status })
    .from(agents)
    .where(eq(agents.id, session.agentId));
  await services.database.db
    .update(voiceSessions)
    .set({ lastHeartbeatAt: now })
    .where(eq(voiceSessions.id, sessionId));
  if (agent?.status !== "active")
    return { continue: false, reason: "agent_paused", remainingSeconds };
  if (remainingSeconds === 0) return { continue: false, reason: "max_duration", remainingSeconds };
  return { continue: true, remainingSeconds };
}

/**
 * Records the widget's provisional duration: never more than the time since connect (plus a
 * little slack for clock skew) nor the granted maximum. The provider's webhook replaces it.
 */
export async function endSession(
  services: Services,
  sessionId: string,
  token: string,
  origin: string | undefined,
  body: EndSessionRequest,
) {
  const { session } = await verifiedSession(services, sessionId, token, origin, true);
  const now = services.now();
  const sinceConnect = session.connectedAt
    ? Math.ceil((now.getTime() - session.connectedAt.getTime()) / 1000) + 5
    : 0;
  const durationSeconds = Math.min(body.durationSeconds, sinceConnect, session.reservedSeconds);
  const ended = await finishSession(services, session, {
    status: "ended",
    durationSeconds,
    endReason: body.reason,
  });
  if (ended && durationSeconds > 0) {
    await recordSessionUsage(services, ended, {
      seconds: durationSeconds,
      provisional: true,
      occurredAt: now,
    });
  }
  const current = ended ?? (await loadSession(services, sessionId));
  return { id: current.id, status: current.status, durationSeconds: current.durationSeconds ?? 0 };
}
