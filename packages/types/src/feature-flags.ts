import { z } from "@hono/zod-openapi";

/** Every feature an entitlement can grant (design §9 add-ons). */
export const Feature = z
  .enum([
    "premium_voices",
    "custom_personas",
    "voice_cloning",
    "advanced_analytics",
    "remove_branding",
  ])
  .openapi("Feature");
export type Feature = z.infer<typeof Feature>;

export const FeatureCheckRequest = z
  .object({ feature: Feature })
  .strict()
  .openapi("FeatureCheckRequest");
export type FeatureCheckRequest = z.infer<typeof FeatureCheckRequest>;

/** OpenFeature-style answer: the value, and why (design §4 rule 5). */
export const FeatureCheck = z
  .object({
    allowed: z.boolean(),
    reason: z.enum(["override", "global", "disabled", "not_in_plan", "trial_expired"]),
    requiresUpgrade: z
      .boolean()
      .openapi({ description: "Buying a plan or add-on would turn it on" }),
  })
  .openapi("FeatureCheck");
export type FeatureCheck = z.infer<typeof FeatureCheck>;
