import type { WidgetConfig } from "@parley/types";
import { ApiError } from "../errors";
import type { Services } from "../services";
import { mergeBrand } from "./brand";
import { fillTemplate } from "./dynamic-variables";
import { normalizeOrigin } from "./origins";
import { checkOrigin, resolveContext } from "./widget-sessions";
import { isOpen, nextOpenAt } from "./working-hours";

/**
 * `GET /v1/widget/config`: what the launcher needs before any call — no secrets, no persona
 * instructions. A request without Origin (a server or curl) may read it; a browser's Origin
 * must be allowed, so a stolen key does not brand someone else's page.
 */
export async function widgetConfig(
  services: Services,
  publishableKey: string,
  agentId: string,
  rawOrigin: string | undefined,
): Promise<{ config: WidgetConfig; origin: string | null }> {
  const context = await resolveContext(services, publishableKey, agentId);
  const origin = rawOrigin === undefined ? null : checkOrigin(context, rawOrigin);
  const { agent, persona } = context;
  if (!agent || !persona) throw new ApiError("agent_not_found", "No such agent for this key.");
  const now = services.now();
  const brand = mergeBrand(
    context.brands.own,
    context.brands.parent,
    agent.theme,
    context.entitlements,
  );
  const open = agent.status === "active" && isOpen(agent.workingHours, now);
  return {
    origin: origin ?? normalizeOrigin(rawOrigin),
    config: {
      agent: { id: agent.id, name: agent.name, avatarUrl: agent.avatarUrl },
      persona: {
        name: persona.name,
        // Variables are filled per visitor at session time; the preview shows them blank.
        greeting: fillTemplate(agent.greeting ?? persona.firstMessage, {}),
        language: persona.language,
      },
      theme: brand.theme,
      brand: { name: brand.name, logoUrl: brand.logoUrl, hidePoweredBy: brand.hidePoweredBy },
      features: { textInput: true, transcript: true, mute: true },
      hours: agent.workingHours,
      open,
      nextOpenAt:
        agent.status === "active"
          ? (nextOpenAt(agent.workingHours, now)?.toISOString() ?? null)
          : null,
      consentText: agent.consentText,
      maxDurationSeconds: agent.maxDurationSeconds,
    },
  };
}
