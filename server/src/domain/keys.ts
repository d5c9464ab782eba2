import type { CreateKeyRequest } from "@parley/types";
import { and, desc, eq, lt } from "drizzle-orm";
import { displayPrefix, generateKey, hashKey } from "../auth/keys";
import { apiKeys } from "../db/schema";
import { notFound } from "../errors";
import type { PartnerAuth, Services } from "../services";
import { invalidateResolution } from "./agents";
import { audit } from "./audit";
import { decodeCursor, toPage } from "./pagination";

type KeyRow = typeof apiKeys.$inferSelect;

export function keyView(row: KeyRow) {
  return {
    id: row.id,
    kind: row.kind,
    mode: row.mode,
    name: row.name,
    displayPrefix: row.displayPrefix,
    allowedOrigins: row.allowedOrigins,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}

/** Creates a key and returns it whole: the only time it is ever visible. */
export async function createKey(services: Services, auth: PartnerAuth, input: CreateKeyRequest) {
  const key = generateKey(input.kind, input.mode);
  return services.database.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiKeys)
      .values({
        id: services.newId("key"),
        partnerId: auth.partnerId,
        kind: input.kind,
        mode: input.mode,
        name: input.name,
        displayPrefix: displayPrefix(key),
        hash: hashKey(key),
        allowedOrigins: input.allowedOrigins,
      })
      .returning();
    if (!row) throw new Error("insert returned no row");
    await audit(tx, services, {
      partnerId: auth.partnerId,
      actor: auth.actor,
      action: "key.created",
      targetType: "api_key",
      targetId: row.id,
      data: { kind: row.kind, mode: row.mode },
    });
    return { ...keyView(row), key };
  });
}

export async function listKeys(
  services: Services,
  auth: PartnerAuth,
  query: { cursor?: string; limit: number },
) {
  const after = decodeCursor(query.cursor);
  const rows = await services.database.db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.partnerId, auth.partnerId), after ? lt(apiKeys.id, after) : undefined))
    .orderBy(desc(apiKeys.id))
    .limit(query.limit + 1);
  const page = toPage(rows, query.limit);
  return { data: page.data.map(keyView), nextCursor: page.nextCursor };
}

export async function getKey(services: Services, auth: PartnerAuth, id: string) {
  const [row] = await services.database.db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.partnerId, auth.partnerId), eq(apiKeys.id, id)));
  if (!row) throw notFound("key");
  return keyView(row);
}

/** Revoking is immediate and idempotent: a revoked key keeps its first revocation time. */
export async function revokeKey(services: Services, auth: PartnerAuth, id: string) {
  return services.database.db.transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(apiKeys)
      .where(and(eq(apiKeys.partnerId, auth.partnerId), eq(apiKeys.id, id)));
    if (!existing) throw notFound("key");
    if (existing.revokedAt) return keyView(existing);
    const [row] = await tx
      .update(apiKeys)
      .set({ revokedAt: services.now() })
      .where(eq(apiKeys.id, id))
      .returning();
    if (!row) throw notFound("key");
    await audit(tx, services, {
      partnerId: auth.partnerId,
      actor: auth.actor,
      action: "key.revoked",
      targetType: "api_key",
      targetId: id,
    });
    // Every instance drops its cached resolutions for this partner: the key stops at once.
    await invalidateResolution(tx, auth.partnerId);
    return keyView(row);
  });
}
