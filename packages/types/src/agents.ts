import { z } from "@hono/zod-openapi";
import { name, OriginPattern, StandardVoice, Timestamp, text, VoiceProvider } from "./common";

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "a time like 09:00");

export const WorkingHours = z
  .object({
    timezone: z
      .string()
      .max(64)
      .refine(
        (tz) => {
          try {
            new Intl.DateTimeFormat("en-US", { timeZone: tz });
            return true;
          } catch {
            return false;
          }
        },
        { message: "must be an IANA time zone like Europe/Madrid" },
      ),
    days: z.array(z.number().int().min(0).max(6)).min(1).max(7),
    open: hhmm,
    close: hhmm,
  })
  .strict()
  .openapi("WorkingHours", { description: "days: 0 = Sunday … 6 = Saturday" });
export type WorkingHours = z.infer<typeof WorkingHours>;

export const ProvisioningStatus = z.enum([
  "pending",
  "provisioned",
  "provisioning_failed",
  "not_required",
]);

/** Per-agent theme refinements: CSS values for the widget's design tokens. */
export const AgentTheme = z
  .record(
    z.string().regex(/^[a-z][a-zA-Z]{0,39}$/),
    z
      .string()
      .max(200)
      .refine((v) => !/[;{}<>]|url\(|expression\(/i.test(v), "not a plain CSS value"),
  )
  .refine((r) => Object.keys(r).length <= 30, "at most 30 entries")
  .openapi("AgentTheme");

export const Agent = z
  .object({
    id: z.string().openapi({ example: "agt_01JDXAMPLE" }),
    name: z.string(),
    personaId: z.string(),
    voiceProvider: VoiceProvider,
    voiceId: z.string(),
    fallbackVoiceId: z.string(),
    fallbackEnabled: z.boolean(),
    allowedOrigins: z.array(z.string()),
    workingHours: WorkingHours.nullable(),
    maxDurationSeconds: z.number().int(),
    greeting: z.string().nullable(),
    avatarUrl: z.string().nullable(),
    theme: z.record(z.string(), z.string()),
    consentText: z.string().nullable(),
    status: z.enum(["active", "paused"]),
    providerAgentId: z.string().nullable(),
    provisioningStatus: ProvisioningStatus,
    provisioningError: z.string().nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .openapi("Agent");
export type Agent = z.infer<typeof Agent>;

const agentFields = {
  name: name(),
  personaId: z.string().max(64),
  voiceProvider: VoiceProvider,
  voiceId: z.string().min(1).max(100),
  fallbackVoiceId: StandardVoice,
  fallbackEnabled: z.boolean(),
  allowedOrigins: z.array(OriginPattern).max(50),
  workingHours: WorkingHours.nullable(),
  maxDurationSeconds: z.number().int().min(30).max(3600),
  greeting: text(1_000).nullable(),
  avatarUrl: z.string().url().max(2_000).startsWith("https://").nullable(),
  theme: AgentTheme,
  consentText: text(2_000).nullable(),
};

export const CreateAgentRequest = z
  .object({
    ...agentFields,
    voiceProvider: agentFields.voiceProvider.optional(),
    voiceId: agentFields.voiceId.optional(),
    fallbackVoiceId: agentFields.fallbackVoiceId.default("alloy"),
    fallbackEnabled: agentFields.fallbackEnabled.default(true),
    allowedOrigins: agentFields.allowedOrigins.default([]),
    workingHours: agentFields.workingHours.default(null),
    maxDurationSeconds: agentFields.maxDurationSeconds.default(600),
    greeting: agentFields.greeting.default(null),
    avatarUrl: agentFields.avatarUrl.default(null),
    theme: agentFields.theme.default({}),
    consentText: agentFields.consentText.default(null),
  })
  .strict()
  .openapi("CreateAgentRequest", {
    description: "voiceProvider/voiceId default to the persona's preferred voice.",
  });
export type CreateAgentRequest = z.infer<typeof CreateAgentRequest>;

export const UpdateAgentRequest = z
  .object({ ...agentFields, status: z.enum(["active", "paused"]) })
  .partial()
  .strict()
  .openapi("UpdateAgentRequest");
export type UpdateAgentRequest = z.infer<typeof UpdateAgentRequest>;
