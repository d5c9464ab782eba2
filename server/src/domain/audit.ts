import type { Db } from "../db/client";
import { auditLog } from "../db/schema";
import type { Services } from "../services";

export interface AuditEntry {
  partnerId: string;
  actor: string;
  action: string;
  targetType: string;
  targetId: string;
  data?: Record<string, unknown>;
}

/** Records who changed what; called inside the same transaction as the change. */
export async function audit(db: Db, services: Pick<Services, "newId">, entry: AuditEntry) {
  await db.insert(auditLog).values({ id: services.newId("aud"), data: {}, ...entry });
}
