import { z } from "@hono/zod-openapi";
import { name, Timestamp, text, VoiceProvider } from "./common";

export const DynamicVariable = z
  .object({
    name: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,39}$/, "lower-case letters, digits and _, starting with a letter"),
    description: text(200).optional(),
    required: z.boolean().optional(),
  })
  .openapi("DynamicVariable");

export const VoiceSettings = z
  .object({
    stability: z.number().min(0).max(1).optional(),
    similarityBoost: z.number().min(0).max(1).optional(),
    speed: z.number().min(0.5).max(2).optional(),
  })
  .strict()
  .openapi("VoiceSettings");

export const Language = z
  .string()
  .regex(/^[a-z]{2}(-[A-Z]{2})?$/, "a language tag like en or es-MX")
  .openapi({ example: "en" });

export const Persona = z
  .object({
    id: z.string().openapi({ example: "per_01JDXAMPLE" }),
    kind: z.enum(["template", "custom"]),
    templateKey: z.string().nullable(),
    createdFromTemplateId: z.string().nullable(),
    name: z.string(),
    description: z.string(),
    instructions: z.string(),
    firstMessage: z.string(),
    language: z.string(),
    dynamicVariables: z.array(DynamicVariable),
    voiceProvider: VoiceProvider,
    voiceId: z.string(),
    voiceSettings: VoiceSettings,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .openapi("Persona");
export type Persona = z.infer<typeof Persona>;

const personaFields = {
  name: name(),
  description: text(500).default(""),
  instructions: text(20_000).trim().min(1, "must not be empty"),
  firstMessage: text(1_000).default(""),
  language: Language.default("en"),
  dynamicVariables: z
    .array(DynamicVariable)
    .max(20)
    .default([])
    .refine((vs) => new Set(vs.map((v) => v.name)).size === vs.length, {
      message: "variable names must be unique",
    }),
  voiceProvider: VoiceProvider.default("openai"),
  voiceId: z.string().min(1).max(100).default("alloy"),
  voiceSettings: VoiceSettings.default({}),
};

export const CreatePersonaRequest = z
  .object(personaFields)
  .strict()
  .openapi("CreatePersonaRequest");
export type CreatePersonaRequest = z.infer<typeof CreatePersonaRequest>;

export const UpdatePersonaRequest = z
  .object({
    name: personaFields.name,
    description: text(500),
    instructions: personaFields.instructions,
    firstMessage: text(1_000),
    language: Language,
    dynamicVariables: personaFields.dynamicVariables.removeDefault(),
    voiceProvider: VoiceProvider,
    voiceId: z.string().min(1).max(100),
    voiceSettings: VoiceSettings,
  })
  .partial()
  .strict()
  .openapi("UpdatePersonaRequest");
export type UpdatePersonaRequest = z.infer<typeof UpdatePersonaRequest>;

export const CreatePersonaFromTemplateRequest = z
  .object({
    templateId: z.string().max(64).openapi({ example: "per_01JDXAMPLE" }),
    name: name().optional(),
  })
  .strict()
  .openapi("CreatePersonaFromTemplateRequest");
export type CreatePersonaFromTemplateRequest = z.infer<typeof CreatePersonaFromTemplateRequest>;
