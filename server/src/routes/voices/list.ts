import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { VoiceList } from "@parley/types";
import { listVoices } from "../../domain/voices";
import { partnerProblems, partnerRoute, problems } from "../../http/openapi";
import type { AppEnv } from "../../services";

const route = createRoute({
  method: "get",
  path: "/v1/voices",
  tags: ["voices"],
  summary: "The voices you can choose: standard (OpenAI) and premium (ElevenLabs)",
  description:
    "Premium voices are `available` with the `premium_voices` entitlement. When ElevenLabs cannot be reached the standard voices still answer, with no premium ones, and the header `x-parley-degraded: elevenlabs`.",
  ...partnerRoute,
  responses: {
    200: {
      description: "The voice catalogue",
      headers: z.object({
        "x-parley-degraded": z
          .literal("elevenlabs")
          .optional()
          .openapi({ description: "A provider whose voices are missing from this answer" }),
      }),
      content: { "application/json": { schema: VoiceList } },
    },
    ...problems(...partnerProblems),
  },
});

export function registerListVoices(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const catalogue = await listVoices(c.var.services, c.var.auth);
    if (catalogue.degraded.length > 0) c.header("x-parley-degraded", catalogue.degraded.join(","));
    return c.json({ data: catalogue.data }, 200);
  });
}
