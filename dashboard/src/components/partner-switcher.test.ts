// @vitest-environment jsdom
import axe from "axe-core";
import { afterEach, describe, expect, it } from "vitest";
import type { Me, Membership } from "../types";
import "./app-shell";
import { nextIndex, type PartnerSwitcher, type SwitchPartnerDetail } from "./partner-switcher";

const memberships: Membership[] = [
  { partnerId: "ptn_a", partnerName: "Acme Dental & Co", role: "owner" },
  { partnerId: "ptn_b", partnerName: "Bella Pizzeria", role: "viewer" },
  { partnerId: "ptn_c", partnerName: "VoiceWorks Agency", role: "admin" },
];

async function mount(list: Membership[] = memberships, current = "ptn_b") {
  const el = document.createElement("pd-partner-switcher") as PartnerSwitcher;
  el.memberships = list;
  el.current = current;
  // Where the shell puts it: in the sidebar, a landmark.
  const aside = document.createElement("aside");
  aside.append(el);
  document.body.append(aside);
  await el.updateComplete;
  const root = el.shadowRoot;
  if (!root) throw new Error("no shadow root");
  const toggle = () => root.querySelector<HTMLButtonElement>(".toggle");
  const list_ = () => root.querySelector<HTMLUListElement>("ul");
  const partners = () => [...root.querySelectorAll<HTMLButtonElement>(".partner")];
  const focused = () => root.activeElement;
  const key = async (target: Element | null, k: string) => {
    target?.dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true, composed: true }));
    await el.updateComplete;
  };
  const chosen: string[] = [];
  el.addEventListener("switch-partner", (e) =>
    chosen.push((e as CustomEvent<SwitchPartnerDetail>).detail.partnerId),
  );
  return { el, toggle, list: list_, partners, focused, key, chosen };
}

/**
 * axe-core on the whole document, open shadow roots included. Colour needs a real layout.
 * Run it once per fresh mount: jsdom keeps computed styles in shadow trees from the first
 * look, so a second run after a change would judge the old state.
 */
async function violations() {
  const result = await axe.run(document.body, {
    resultTypes: ["violations"],
    rules: { "color-contrast": { enabled: false } },
  });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(" | ")}`);
}

afterEach(() => {
  document.body.replaceChildren();
});

describe("nextIndex", () => {
  it("moves down and up with wrapping, and jumps to the ends", () => {
    expect(nextIndex(0, "ArrowDown", 3)).toBe(1);
    expect(nextIndex(2, "ArrowDown", 3)).toBe(0);
    expect(nextIndex(0, "ArrowUp", 3)).toBe(2);
    expect(nextIndex(1, "Home", 3)).toBe(0);
    expect(nextIndex(1, "End", 3)).toBe(2);
    // Nothing focused yet: ↓ starts at the top.
    expect(nextIndex(-1, "ArrowDown", 3)).toBe(0);
  });
});

describe("<pd-partner-switcher>", () => {
  it("renders nothing for a user on one team", async () => {
    const { toggle } = await mount([memberships[0] as Membership], "ptn_a");
    expect(toggle()).toBeNull();
  });

  it("is a closed disclosure button naming what it does, listing every partner with its role", async () => {
    const { toggle, list, partners } = await mount();
    expect(toggle()?.textContent).toContain("Switch partner");
    expect(toggle()?.getAttribute("aria-expanded")).toBe("false");
    expect(toggle()?.getAttribute("aria-controls")).toBe("partners");
    expect(list()?.hidden).toBe(true);
    expect(partners().map((b) => b.textContent?.replace(/\s+/g, " ").trim())).toEqual([
      "Acme Dental & Coowner",
      "Bella Pizzeriaviewer",
      "VoiceWorks Agencyadmin",
    ]);
    expect(partners().map((b) => b.getAttribute("aria-current"))).toEqual([
      "false",
      "true",
      "false",
    ]);
  });

  it("opens on click and on ↓ (focusing the current partner), moves with the arrows, Home and End", async () => {
    const { el, toggle, list, partners, focused, key } = await mount();
    toggle()?.click();
    await el.updateComplete;
    expect(toggle()?.getAttribute("aria-expanded")).toBe("true");
    expect(list()?.hidden).toBe(false);
    toggle()?.click();
    await el.updateComplete;
    expect(list()?.hidden).toBe(true);

    await key(toggle(), "ArrowDown");
    expect(list()?.hidden).toBe(false);
    expect(focused()).toBe(partners()[1]);
    await key(focused(), "ArrowDown");
    expect(focused()).toBe(partners()[2]);
    await key(focused(), "ArrowDown");
    expect(focused()).toBe(partners()[0]);
    await key(focused(), "End");
    expect(focused()).toBe(partners()[2]);
    await key(focused(), "Home");
    expect(focused()).toBe(partners()[0]);
    await key(focused(), "ArrowUp");
    expect(focused()).toBe(partners()[2]);
  });

  it("closes on Escape and gives focus back to the button", async () => {
    const { toggle, list, focused, key } = await mount();
    await key(toggle(), "ArrowDown");
    await key(focused(), "Escape");
    expect(list()?.hidden).toBe(true);
    expect(toggle()?.getAttribute("aria-expanded")).toBe("false");
    expect(focused()).toBe(toggle());
  });

  it("asks to switch when another partner is chosen, and not for the current one", async () => {
    const { el, toggle, partners, list, chosen, focused } = await mount();
    toggle()?.click();
    await el.updateComplete;
    partners()[1]?.click();
    expect(chosen).toEqual([]);
    toggle()?.click();
    await el.updateComplete;
    partners()[2]?.click();
    await el.updateComplete;
    expect(chosen).toEqual(["ptn_c"]);
    expect(list()?.hidden).toBe(true);
    expect(focused()).toBe(toggle());
  });

  it("closes when a click lands elsewhere on the page", async () => {
    const { el, toggle, list } = await mount();
    toggle()?.click();
    await el.updateComplete;
    document.body.click();
    await el.updateComplete;
    expect(list()?.hidden).toBe(true);
  });

  it("says it is switching and cannot be opened meanwhile", async () => {
    const { el, toggle } = await mount();
    el.busy = true;
    await el.updateComplete;
    expect(toggle()?.textContent).toContain("Switching…");
    expect(toggle()?.disabled).toBe(true);
  });

  it("has no axe violations when closed", async () => {
    await mount();
    expect(await violations()).toEqual([]);
  });

  it("has no axe violations when open", async () => {
    const { el, toggle, list } = await mount();
    toggle()?.click();
    await el.updateComplete;
    expect(list()?.hidden).toBe(false);
    expect(await violations()).toEqual([]);
  });
});

describe("in the app shell", () => {
  const me: Me = {
    user: { id: "usr_1", email: "ana@shop.example", name: "Ana" },
    partner: {
      id: "ptn_b",
      name: "Bella Pizzeria",
      timezone: "UTC",
      isReseller: false,
      planId: "starter",
    },
    role: "viewer",
    memberships,
    csrfToken: "csrf",
    entitlements: [],
    limits: { maxAgents: 3, maxCustomPersonas: 3, maxConcurrentSessions: 3, includedSeconds: 0 },
  };

  it("shows the switcher under the partner's name, passes the choice up, and stays axe-clean", async () => {
    const shell = document.createElement("pd-app-shell") as HTMLElement & {
      me: Me;
      page: string;
      updateComplete: Promise<boolean>;
    };
    shell.me = me;
    shell.page = "keys";
    shell.append(Object.assign(document.createElement("h1"), { textContent: "API keys" }));
    document.body.append(shell);
    await shell.updateComplete;
    const switcher = shell.shadowRoot?.querySelector<PartnerSwitcher>("pd-partner-switcher");
    expect(switcher?.current).toBe("ptn_b");
    expect(switcher?.memberships).toHaveLength(3);
    const chosen: string[] = [];
    document.addEventListener("switch-partner", (e) =>
      chosen.push((e as CustomEvent<SwitchPartnerDetail>).detail.partnerId),
    );
    await switcher?.updateComplete;
    switcher?.shadowRoot?.querySelector<HTMLButtonElement>(".toggle")?.click();
    await switcher?.updateComplete;
    switcher?.shadowRoot?.querySelectorAll<HTMLButtonElement>(".partner")[0]?.click();
    expect(chosen).toEqual(["ptn_a"]);
    expect(await violations()).toEqual([]);
  });
});
