/**
 * The session flow of design §2–§4, as plain functions: issue (rules 1–8), connect (single
 * use), heartbeat and end. Handlers only parse and map; every rule lives here.
 */
import type { CreateSessionResponse } from "@parley/types";
import { and, eq, sql } from "drizzle-orm";
import { hashKey, keyPattern } from "../auth/keys";
import { voiceSessions } from "../db/schema";
import { ApiError } from "../errors";
import type { Services } from "../services";
import { resolveDynamicVariables } from "./dynamic-variables";
import { normalizeOrigin, originAllowed } from "./origins";
import { chooseProvider } from "./provider-choice";
import { periodStartOf, releaseQuota, reserveQuota } from "./quota";
import { loadSessionContext, type SessionContext } from "./session-context";
import { isOpen, nextOpenAt } from "./working-hours";

export const tokenTtlSeconds = 120;

/** Variables the partner's own data answers when the page does not (design §8 provisioning). */
const partnerVariables = ["business_name", "company"];

/**
 * Fills declared business-name variables with the partner's name unless the page sent
 * them; a page's metadata always wins. Non-object metadata is passed on to be refused.
 */
export function withPartnerDefaults(
  declared: { name: string }[],
  partnerName: string,
  metadata: unknown,
): unknown {
  if (
    metadata !== undefined &&
    (typeof metadata !== "object" || metadata === null || Array.isArray(metadata))
  ) {
    return metadata;
  }
  const defaults: Record<string, string> = {};
  for (const v of declared)
    if (partnerVariables.includes(v.name) && partnerName) defaults[v.name] = partnerName;
  return { ...defaults, ...(metadata as Record<string, unknown> | undefined) };
}

export interface IssueRequest {
  publishableKey: string;
  origin: string | undefined;
  clientIp: string;
  agentId: string;
  metadata: Record<string, unknown> | undefined;
}

/** Rules 1–3 and the cache: the stored configuration behind a (key, agent) pair. */
export async function resolveContext(
  services: Services,
  publishableKey: string,
  agentId: string,
): Promise<SessionContext> {
  if (!keyPattern.test(publishableKey) || !publishableKey.startsWith("pk_")) {
    throw new ApiError("invalid_key", "That is not a publishable key (pk_live_… or pk_test_…).");
  }
  const keyHash = hashKey(publishableKey);
  const cacheKey = `${keyHash}|${agentId}`;
  const cached = services.resolutionCache.get(cacheKey);
  if (cached) return cached;
  const context = await loadSessionContext(services.database, keyHash, agentId, services.now());
  if (!context) throw new ApiError("invalid_key", "That publishable key is unknown or revoked.");
  services.resolutionCache.set(cacheKey, context.key.partnerId, context);
  return context;
}

/** Rule 2: the page's Origin must be allowed by the key or the agent. */
export function checkOrigin(context: SessionContext, rawOrigin: string | undefined): string {
  const origin = normalizeOrigin(rawOrigin);
  const patterns = [...context.key.allowedOrigins, ...(context.agent?.allowedOrigins ?? [])];
  if (
    !origin ||
    !originAllowed(origin, patterns, { allowLocalhost: context.key.mode === "test" })
  ) {
    throw new ApiError(
      "origin_not_allowed",
      origin
        ? `The origin ${origin} is not allowed for this key or agent.`
        : "The request has no usable Origin header.",
    );
  }
  return origin;
}

/** Rule 3: the agent exists, is the key's partner's, and is active and open. */
export function checkAgent(context: SessionContext, now: Date) {
  const { agent, persona } = context;
  if (!agent || !persona) throw new ApiError("agent_not_found", "No such agent for this key.");
  if (agent.status !== "active") {
    throw new ApiError("agent_offline", "This agent is paused.", { nextOpenAt: null });
  }
  if (!isOpen(agent.workingHours, now)) {
    const next = nextOpenAt(agent.workingHours, now);
    throw new ApiError("agent_offline", "This agent is outside its working hours.", {
      nextOpenAt: next?.toISOString() ?? null,
    });
  }
  return { agent, persona };
}

export async function issueSession(
  services: Services,
  req: IssueRequest,
): Promise<CreateSessionResponse> {
  const now = services.now();
  const context = await resolveContext(services, req.publishableKey, req.agentId);
  const origin = checkOrigin(context, req.origin);

  const limit = await services.sessionLimiter.hit(`${context.key.id}|${req.clientIp}`);
  if (!limit.allowed) {
    throw new ApiError(
      "rate_limited",
      "Too many conversations started from here; try again shortly.",
      { retryAfter: limit.retryAfterSeconds },
      { "retry-after": String(limit.retryAfterSeconds) },
    );
  }

  const { agent, persona } = checkAgent(context, now);
  const upgradeUrl = `${services.env.PUBLIC_URL}/dashboard/billing`;

  // Rule 4: persona.
  if (persona.partnerId !== null && !context.entitlements.includes("custom_personas")) {
    throw new ApiError("upgrade_required", "Custom personas are not included in this plan.", {
      upgradeUrl,
      feature: "custom_personas",
    });
  }
  const variables = resolveDynamicVariables(
    persona.dynamicVariables,
    withPartnerDefaults(persona.dynamicVariables, context.partnerName, req.metadata),
  );
  if (!variables.ok) {
    throw new ApiError(
      "validation_failed",
      "metadata: only the persona's declared variables, as strings.",
      {
        errors: variables.errors,
      },
    );
  }

  // Rules 5–6: entitlements decide the provider, health may force the fallback.
  const choice = chooseProvider({
    agent,
    entitled: context.entitlements.includes("premium_voices"),
    elevenlabsHealthy: services.providers.elevenlabs.healthy(),
  });
  if (!choice.ok) {
    throw choice.code === "upgrade_required"
      ? new ApiError("upgrade_required", "Premium voices are not included in this plan.", {
          upgradeUrl,
          feature: "premium_voices",
        })
      : new ApiError(
          "provider_unavailable",
          "The voice service is unavailable right now.",
          {},
          { "retry-after": "30" },
        );
  }

  // Rule 7: quota, then rule 8: the session row and its token. The reservation and the
  // session that holds it are written by one statement: one round trip, and never one
  // without the other.
  const id = services.newId("ses");
  const expiresAt = new Date((Math.floor(now.getTime() / 1000) + tokenTtlSeconds) * 1000);
  const voice = {
    provider: choice.provider,
    voiceId: choice.voiceId,
    fallbackFrom: choice.fallbackFrom,
  };
  const partnerId = context.key.partnerId;
  const reservation = await reserveQuota(
    services.database,
    partnerId,
    context.plan,
    agent.maxDurationSeconds,
    now,
    sql`insert into voice_sessions (id, partner_id, agent_id, persona_id, key_id, provider,
          voice_id, fallback_from, fallback_reason, origin, status, reserved_seconds, metadata,
          issued_at, expires_at)
        select ${id}, ${partnerId}, ${agent.id}, ${persona.id}, ${context.key.id},
          ${choice.provider}, ${choice.voiceId}, ${choice.fallbackFrom}, ${choice.fallbackReason},
          ${origin}, 'issued', granted, ${JSON.stringify(variables.values)}::jsonb,
          ${now.toISOString()}::timestamptz, ${expiresAt.toISOString()}::timestamptz
          from reserved
        returning reserved_seconds as granted`,
  );
  const grants = {
    connect: true,
    textInput: true,
    transcript: true,
    maxDurationSeconds: reservation.seconds,
  };
  try {
    const { token } = await services.signer.sign(
      {
        sub: id,
        jti: id,
        pid: partnerId,
        aid: agent.id,
        per: persona.id,
        org: origin,
        voice,
        grants,
        ent: context.entitlements,
      },
      tokenTtlSeconds,
      now,
    );
    return {
      token,
      expiresAt: expiresAt.toISOString(),
      session: { id },
      provider: choice.provider,
      voice,
      persona: { name: persona.name, firstMessage: agent.greeting ?? persona.firstMessage },
      limits: { maxDurationSeconds: reservation.seconds },
    };
  } catch (error) {
    // No token left this process: the session can never connect, so it gives its hold back.
    const [session] = await services.database.db
      .select()
      .from(voiceSessions)
      .where(eq(voiceSessions.id, id));
    if (session)
      await finishSession(services, session, {
        status: "failed",
        durationSeconds: 0,
        endReason: "token_not_issued",
      });
    throw error;
  }
}

type SessionRow = typeof voiceSessions.$inferSelect;

export async function loadSession(services: Services, id: string): Promise<SessionRow> {
  const [row] = await services.database.db
    .select()
    .from(voiceSessions)
    .where(eq(voiceSessions.id, id));
  if (!row) throw new ApiError("token_invalid", "This token is not for a known session.");
  return row;
}

/** Moves a live session to a final state once; only the winner releases the reservation. */
export async function finishSession(
  services: Services,
  session: SessionRow,
  outcome: { status: "ended" | "failed"; durationSeconds: number; endReason: string },
): Promise<SessionRow | null> {
  const now = services.now();
  const [row] = await services.database.db
    .update(voiceSessions)
    .set({
      status: outcome.status,
      endedAt: now,
      durationSeconds: outcome.durationSeconds,
      endReason: outcome.endReason,
    })
    .where(
      and(
        eq(voiceSessions.id, session.id),
        sql`${voiceSessions.status} in ('issued', 'connected')`,
      ),
    )
    .returning();
  if (!row) return null;
  await releaseQuota(services.database, session.partnerId, {
    periodStart: periodStartOf(session.issuedAt),
    seconds: session.reservedSeconds,
  });
  return row;
}
