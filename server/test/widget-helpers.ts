/** Shared steps for the widget-flow tests: agents, add-ons, and session requests. */
import { expect } from "vitest";
import { subscriptionAddons } from "../src/db/schema";
import { templateId } from "../src/db/seed/templates";
import type { Harness, TestPartner } from "./harness";

export const origin = "https://shop.example";

export async function createAgent(p: TestPartner, body: Record<string, unknown> = {}) {
  const res = await p.request("POST", "/v1/agents", {
    name: "Front desk",
    personaId: templateId("general"),
    voiceProvider: "openai",
    voiceId: "alloy",
    ...body,
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string };
}

export async function premiumAgent(p: TestPartner, body: Record<string, unknown> = {}) {
  return createAgent(p, { voiceProvider: "elevenlabs", voiceId: "21m00Tcm4TlvDq8ikWAM", ...body });
}

export async function grantAddon(h: Harness, partnerId: string, addonKey: string) {
  await h.database.db.insert(subscriptionAddons).values({
    id: h.services.newId("sad"),
    partnerId,
    addonKey,
    status: "active",
    billingStatus: "paid",
  });
  await h.services.resolutionCache.invalidatePartner(partnerId);
}

export function startSession(
  h: Harness,
  key: string,
  agent: string,
  extra: { origin?: string | null; metadata?: unknown; ip?: string } = {},
) {
  const headers: Record<string, string> = {
    authorization: `Bearer ${key}`,
    "content-type": "application/json",
  };
  const o = extra.origin === undefined ? origin : extra.origin;
  if (o !== null) headers.origin = o;
  if (extra.ip) headers["x-forwarded-for"] = extra.ip;
  return h.app.request("/v1/widget/sessions", {
    method: "POST",
    headers,
    body: JSON.stringify({
      agent,
      ...(extra.metadata === undefined ? {} : { metadata: extra.metadata }),
    }),
  });
}

export async function issued(
  h: Harness,
  key: string,
  agent: string,
  metadata?: Record<string, string>,
) {
  const res = await startSession(h, key, agent, { metadata });
  expect(res.status).toBe(201);
  return (await res.json()) as {
    token: string;
    session: { id: string };
    provider: string;
    voice: { provider: string; voiceId: string; fallbackFrom: string | null };
    limits: { maxDurationSeconds: number };
  };
}

export function call(
  h: Harness,
  sessionId: string,
  action: "connect" | "heartbeat" | "end",
  token: string,
  body: unknown = {},
  o: string = origin,
) {
  return h.app.request(`/v1/widget/sessions/${sessionId}/${action}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, origin: o, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}
