// @vitest-environment jsdom
/**
 * The partner switch end to end in the app (the API answered by a stub fetch): the request
 * carries the old session's CSRF token, the shell shows the new partner, and the page is
 * rebuilt for it, in the same section.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import type { PartnerSwitcher } from "./components/partner-switcher";
import type { Me } from "./types";

const memberships = [
  { partnerId: "ptn_a", partnerName: "Acme Dental & Co", role: "owner" as const },
  { partnerId: "ptn_b", partnerName: "Bella Pizzeria", role: "viewer" as const },
];
const meAt = (partnerId: string, name: string, csrfToken: string): Me => ({
  user: { id: "usr_1", email: "ana@shop.example", name: "Ana" },
  partner: { id: partnerId, name, timezone: "UTC", isReseller: false, planId: "pro" },
  role: partnerId === "ptn_a" ? "owner" : "viewer",
  memberships,
  csrfToken,
  entitlements: [],
  limits: { maxAgents: 3, maxCustomPersonas: 3, maxConcurrentSessions: 3, includedSeconds: 0 },
});

interface Call {
  method: string;
  url: string;
  csrf: string | null;
  body: unknown;
}

function stubApi() {
  const calls: Call[] = [];
  let me = meAt("ptn_a", "Acme Dental & Co", "csrf-a");
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const url = String(input);
      const method = init.method ?? "GET";
      const body = init.body ? JSON.parse(String(init.body)) : undefined;
      calls.push({ method, url, csrf: new Headers(init.headers).get("x-csrf-token"), body });
      if (url === "/v1/auth/me") return json(me);
      if (url === "/v1/auth/switch") {
        me = meAt("ptn_b", "Bella Pizzeria", "csrf-b");
        return json(me);
      }
      if (url.startsWith("/v1/keys")) return json({ data: [], nextCursor: null });
      return json({ code: "not_found", detail: "Not stubbed" }, 404);
    }),
  );
  return calls;
}

const shadow = (el: Element | null | undefined, selector: string) =>
  el?.shadowRoot?.querySelector(selector) ?? null;

afterEach(() => {
  document.body.replaceChildren();
  vi.unstubAllGlobals();
});

async function mountApp() {
  // jsdom has no matchMedia; uPlot (the overview's chart) reads it when imported.
  const mediaQuery = { matches: false, addEventListener() {}, removeEventListener() {} };
  vi.stubGlobal("matchMedia", () => mediaQuery);
  await import("./app");
  const app = document.createElement("pd-app");
  document.body.append(app);
  const shell = await vi.waitFor(() => {
    const found = shadow(app, "pd-app-shell");
    if (!found?.shadowRoot?.textContent?.includes("Acme Dental & Co")) throw new Error("not yet");
    return found;
  });
  return { app, shell };
}

const partnerShown = (shell: Element) =>
  shell.shadowRoot?.querySelector(".account strong")?.textContent;

async function choosePartner(shell: Element, name: string) {
  const switcher = shadow(shell, "pd-partner-switcher") as PartnerSwitcher;
  await switcher.updateComplete;
  (shadow(switcher, ".toggle") as HTMLButtonElement).click();
  await switcher.updateComplete;
  const buttons = [...(switcher.shadowRoot?.querySelectorAll<HTMLButtonElement>(".partner") ?? [])];
  buttons.find((b) => b.textContent?.includes(name))?.click();
}

describe("switching partner in the app", () => {
  it("switches with the old CSRF token, shows the new partner and reloads the page for it", async () => {
    const calls = stubApi();
    history.replaceState(null, "", "/dashboard/keys");
    const { shell } = await mountApp();
    await choosePartner(shell, "Bella Pizzeria");
    await vi.waitFor(() => {
      if (partnerShown(shell) !== "Bella Pizzeria") throw new Error("not yet");
    });
    const switchCall = calls.find((c) => c.url === "/v1/auth/switch");
    expect(switchCall).toEqual({
      method: "POST",
      url: "/v1/auth/switch",
      csrf: "csrf-a",
      body: { partnerId: "ptn_b" },
    });
    expect(location.pathname).toBe("/dashboard/keys");
    // The keys page was built again for the new partner, so it asked for that partner's keys.
    await vi.waitFor(() => {
      const keyLoads = calls.filter((c) => c.url.startsWith("/v1/keys"));
      if (keyLoads.length < 2) throw new Error("not yet");
      expect(calls.indexOf(keyLoads[1] as Call)).toBeGreaterThan(calls.indexOf(switchCall as Call));
    });
  });

  it("tells the other open tabs, which show the new partner too", async () => {
    stubApi();
    history.replaceState(null, "", "/dashboard/keys");
    const first = await mountApp();
    const second = await mountApp();
    await choosePartner(first.shell, "Bella Pizzeria");
    await vi.waitFor(() => {
      if (partnerShown(second.shell) !== "Bella Pizzeria") throw new Error("not yet");
    });
  });
});
