import { z } from "@hono/zod-openapi";
import { VoiceProvider } from "./common";

/** The session token's claims (design §3), modelled on LiveKit's access tokens. */
export const SessionTokenClaims = z
  .object({
    iss: z.string(),
    aud: z.literal("voice-agent"),
    sub: z.string().startsWith("ses_"),
    jti: z.string().startsWith("ses_"),
    iat: z.number().int(),
    nbf: z.number().int(),
    exp: z.number().int(),
    pid: z.string().startsWith("ptn_"),
    aid: z.string().startsWith("agt_"),
    per: z.string().startsWith("per_"),
    org: z.string(),
    voice: z.object({
      provider: VoiceProvider,
      voiceId: z.string(),
      fallbackFrom: VoiceProvider.nullable(),
    }),
    grants: z.object({
      connect: z.boolean(),
      textInput: z.boolean(),
      transcript: z.boolean(),
      maxDurationSeconds: z.number().int().positive(),
    }),
    ent: z.array(z.string()),
  })
  .openapi("SessionTokenClaims");
export type SessionTokenClaims = z.infer<typeof SessionTokenClaims>;
