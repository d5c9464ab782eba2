import type {
  CreatePersonaFromTemplateRequest,
  CreatePersonaRequest,
  UpdatePersonaRequest,
} from "@parley/types";
import { and, asc, count, desc, eq, isNotNull, isNull, lt, or } from "drizzle-orm";
import type { Db } from "../db/client";
import { agents, personas } from "../db/schema";
import { ApiError, notFound } from "../errors";
import type { PartnerAuth, Services } from "../services";
import { invalidateResolution } from "./agents";
import { audit } from "./audit";
import { decodeCursor, toPage } from "./pagination";
import { getPartnerPlan, planLimitReached } from "./plans";
import {
  enqueueProvisioning,
  markPersonaAgentsPending,
  personaAffectsProvider,
} from "./provisioning";

type PersonaRow = typeof personas.$inferSelect;

export function personaView(row: PersonaRow) {
  return {
    id: row.id,
    kind: row.partnerId === null ? ("template" as const) : ("custom" as const),
    templateKey: row.templateKey,
    createdFromTemplateId: row.createdFromTemplateId,
    name: row.name,
    description: row.description,
    instructions: row.instructions,
    firstMessage: row.firstMessage,
    language: row.language,
    dynamicVariables: row.dynamicVariables,
    voiceProvider: row.voiceProvider,
    voiceId: row.voiceId,
    voiceSettings: row.voiceSettings,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

type PersonaFields = Omit<
  typeof personas.$inferInsert,
  "id" | "partnerId" | "templateKey" | "createdAt" | "updatedAt"
>;

/** Inserts a custom persona if the plan has room for one more. */
async function insertCustom(tx: Db, services: Services, auth: PartnerAuth, fields: PersonaFields) {
  const plan = await getPartnerPlan(tx, auth.partnerId, { lock: true });
  const [existing] = await tx
    .select({ n: count() })
    .from(personas)
    .where(eq(personas.partnerId, auth.partnerId));
  if ((existing?.n ?? 0) >= plan.maxCustomPersonas) {
    throw planLimitReached(services.env, plan, plan.maxCustomPersonas, {
      one: "custom persona",
      many: "custom personas",
    });
  }
  const now = services.now();
  const [row] = await tx
    .insert(personas)
    .values({
      ...fields,
      id: services.newId("per"),
      partnerId: auth.partnerId,
      templateKey: null,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!row) throw new Error("insert returned no row");
  await audit(tx, services, {
    partnerId: auth.partnerId,
    actor: auth.actor,
    action: "persona.created",
    targetType: "persona",
    targetId: row.id,
    data: row.createdFromTemplateId ? { fromTemplate: row.createdFromTemplateId } : {},
  });
  return personaView(row);
}

export async function createPersona(
  services: Services,
  auth: PartnerAuth,
  input: CreatePersonaRequest,
) {
  return services.database.db.transaction((tx) =>
    insertCustom(tx, services, auth, { ...input, createdFromTemplateId: null }),
  );
}

/** Copies a system template into a custom persona the partner can then edit. */
export async function createPersonaFromTemplate(
  services: Services,
  auth: PartnerAuth,
  input: CreatePersonaFromTemplateRequest,
) {
  return services.database.db.transaction(async (tx) => {
    const [template] = await tx
      .select()
      .from(personas)
      .where(and(eq(personas.id, input.templateId), isNull(personas.partnerId)));
    if (!template) throw new ApiError("not_found", `No persona template ${input.templateId}.`);
    return insertCustom(tx, services, auth, {
      createdFromTemplateId: template.id,
      name: input.name ?? template.name,
      description: template.description,
      instructions: template.instructions,
      firstMessage: template.firstMessage,
      language: template.language,
      dynamicVariables: template.dynamicVariables,
      voiceProvider: template.voiceProvider,
      voiceId: template.voiceId,
      voiceSettings: template.voiceSettings,
    });
  });
}

export async function listPersonas(
  services: Services,
  auth: PartnerAuth,
  query: { cursor?: string | undefined; limit: number },
) {
  const after = decodeCursor(query.cursor);
  const rows = await services.database.db
    .select()
    .from(personas)
    .where(and(eq(personas.partnerId, auth.partnerId), after ? lt(personas.id, after) : undefined))
    .orderBy(desc(personas.id))
    .limit(query.limit + 1);
  const page = toPage(rows, query.limit);
  return { data: page.data.map(personaView), nextCursor: page.nextCursor };
}

/** The system templates: a handful, so one page. */
export async function listTemplates(services: Services) {
  const rows = await services.database.db
    .select()
    .from(personas)
    .where(and(isNull(personas.partnerId), isNotNull(personas.templateKey)))
    .orderBy(asc(personas.name));
  return { data: rows.map(personaView), nextCursor: null };
}

/** Templates are readable by every partner; custom personas only by their owner. */
export async function getPersona(services: Services, auth: PartnerAuth, id: string) {
  const [row] = await services.database.db
    .select()
    .from(personas)
    .where(
      and(
        eq(personas.id, id),
        or(isNull(personas.partnerId), eq(personas.partnerId, auth.partnerId)),
      ),
    );
  if (!row) throw notFound("persona");
  return personaView(row);
}

/** Only the partner's own personas can change: a template id is "not found" here. */
async function findCustom(db: Db, partnerId: string, id: string) {
  const [row] = await db
    .select()
    .from(personas)
    .where(and(eq(personas.partnerId, partnerId), eq(personas.id, id)))
    .for("update");
  if (!row) throw notFound("persona");
  return row;
}

export async function updatePersona(
  services: Services,
  auth: PartnerAuth,
  id: string,
  input: UpdatePersonaRequest,
) {
  let reprovision: string[] = [];
  const updated = await services.database.db.transaction(async (tx) => {
    const existing = await findCustom(tx, auth.partnerId, id);
    const fields = Object.keys(input);
    if (fields.length === 0) return personaView(existing);
    const [row] = await tx
      .update(personas)
      .set({ ...input, updatedAt: services.now() })
      .where(and(eq(personas.partnerId, auth.partnerId), eq(personas.id, id)))
      .returning();
    if (!row) throw notFound("persona");
    if (personaAffectsProvider(existing, row)) {
      reprovision = await markPersonaAgentsPending(tx, services, auth.partnerId, id);
    }
    await audit(tx, services, {
      partnerId: auth.partnerId,
      actor: auth.actor,
      action: "persona.updated",
      targetType: "persona",
      targetId: id,
      data: { fields },
    });
    await invalidateResolution(tx, auth.partnerId);
    return personaView(row);
  });
  for (const agentId of reprovision) void enqueueProvisioning(services, agentId);
  return updated;
}

/** A persona some agent still uses cannot go: `409 conflict` names those agents. */
export async function deletePersona(services: Services, auth: PartnerAuth, id: string) {
  return services.database.db.transaction(async (tx) => {
    await findCustom(tx, auth.partnerId, id);
    const users = await tx
      .select({ id: agents.id })
      .from(agents)
      .where(and(eq(agents.partnerId, auth.partnerId), eq(agents.personaId, id)))
      .orderBy(asc(agents.id));
    if (users.length > 0) {
      const n = users.length;
      throw new ApiError(
        "conflict",
        `${n} ${n === 1 ? "agent uses" : "agents use"} this persona; move ${n === 1 ? "it" : "them"} to another persona first.`,
        { agentIds: users.map((a) => a.id) },
      );
    }
    await tx
      .delete(personas)
      .where(and(eq(personas.partnerId, auth.partnerId), eq(personas.id, id)));
    await audit(tx, services, {
      partnerId: auth.partnerId,
      actor: auth.actor,
      action: "persona.deleted",
      targetType: "persona",
      targetId: id,
    });
    return { id, deleted: true as const };
  });
}
