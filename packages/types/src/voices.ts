import { z } from "@hono/zod-openapi";
import { VoiceProvider } from "./common";

/** One voice a partner may pick for an agent or persona (`GET /v1/voices`). */
export const VoiceOption = z
  .object({
    id: z.string().openapi({ example: "21m00Tcm4TlvDq8ikWAM" }),
    name: z.string().openapi({ example: "Rachel" }),
    provider: VoiceProvider,
    category: z.string().openapi({ example: "premade" }),
    labels: z.record(z.string(), z.string()).openapi({ example: { accent: "american" } }),
    previewUrl: z.string().nullable(),
    premium: z.boolean().openapi({ description: "An ElevenLabs voice (needs premium_voices)" }),
    available: z
      .boolean()
      .openapi({ description: "Whether this partner may use it now (entitlements)" }),
  })
  .openapi("VoiceOption");
export type VoiceOption = z.infer<typeof VoiceOption>;

export const VoiceList = z.object({ data: z.array(VoiceOption) }).openapi("VoiceList");
export type VoiceList = z.infer<typeof VoiceList>;
