/**
 * Reading conversations back (design §5): a page of session summaries, newest first, and
 * one session with its transcript. Sessions are written by the widget flow and the
 * provider webhook; this file only reads, always scoped to the caller's partner.
 */
import { and, desc, eq, gte, lt, type SQL } from "drizzle-orm";
import { type SessionStatus, type VoiceProvider, voiceSessions } from "../db/schema";
import { ApiError, notFound } from "../errors";
import type { PartnerAuth, Services } from "../services";
import { decodeCursor, toPage } from "./pagination";

type SessionRow = typeof voiceSessions.$inferSelect;

export interface SessionFilters {
  cursor?: string | undefined;
  limit: number;
  agent?: string | undefined;
  status?: SessionStatus | undefined;
  provider?: VoiceProvider | undefined;
  /** Sessions issued at or after this instant (ISO 8601). */
  from?: string | undefined;
  /** Sessions issued before this instant (ISO 8601), so `from`–`to` ranges tile. */
  to?: string | undefined;
}

export function sessionSummaryView(row: SessionRow) {
  return {
    id: row.id,
    agentId: row.agentId,
    personaId: row.personaId,
    provider: row.provider,
    voiceId: row.voiceId,
    fallbackFrom: row.fallbackFrom,
    fallbackReason: row.fallbackReason,
    origin: row.origin,
    status: row.status,
    startedAt: row.issuedAt.toISOString(),
    endedAt: row.endedAt?.toISOString() ?? null,
    durationSeconds: row.durationSeconds,
    endReason: row.endReason,
    costMicros: row.costMicros,
  };
}

export function sessionView(row: SessionRow) {
  return { ...sessionSummaryView(row), transcript: row.transcript };
}

function timeRange(filters: SessionFilters): { from?: Date; to?: Date } {
  const from = filters.from === undefined ? undefined : new Date(filters.from);
  const to = filters.to === undefined ? undefined : new Date(filters.to);
  if (from && to && from.getTime() > to.getTime()) {
    throw new ApiError("validation_failed", "from: must not be after `to`.", {
      errors: [{ path: "from", message: "must not be after `to`" }],
    });
  }
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

export async function listSessions(services: Services, auth: PartnerAuth, filters: SessionFilters) {
  const after = decodeCursor(filters.cursor);
  const { from, to } = timeRange(filters);
  const conditions: (SQL | undefined)[] = [
    eq(voiceSessions.partnerId, auth.partnerId),
    after ? lt(voiceSessions.id, after) : undefined,
    filters.agent ? eq(voiceSessions.agentId, filters.agent) : undefined,
    filters.status ? eq(voiceSessions.status, filters.status) : undefined,
    filters.provider ? eq(voiceSessions.provider, filters.provider) : undefined,
    from ? gte(voiceSessions.issuedAt, from) : undefined,
    to ? lt(voiceSessions.issuedAt, to) : undefined,
  ];
  const rows = await services.database.db
    .select()
    .from(voiceSessions)
    .where(and(...conditions))
    .orderBy(desc(voiceSessions.id))
    .limit(filters.limit + 1);
  const page = toPage(rows, filters.limit);
  return { data: page.data.map(sessionSummaryView), nextCursor: page.nextCursor };
}

/** Another partner's session is "not found": ids reveal nothing across tenants. */
export async function getSession(services: Services, auth: PartnerAuth, id: string) {
  const [row] = await services.database.db
    .select()
    .from(voiceSessions)
    .where(and(eq(voiceSessions.partnerId, auth.partnerId), eq(voiceSessions.id, id)));
  if (!row) throw notFound("session");
  return sessionView(row);
}
