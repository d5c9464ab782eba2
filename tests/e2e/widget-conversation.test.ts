/**
 * A visitor talks to the demo agents on the plain-HTML example page (both agents on one
 * page) through the real widget bundle, the real @elevenlabs/client and the provider
 * simulator; the partner then sees the conversation through the partner API.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, PartnerApi } from "./support/api";
import {
  collectErrors,
  launchChromium,
  newContext,
  numberIn,
  recordWidgetEvents,
  stringIn,
  type WidgetEvent,
} from "./support/browser";
import { type Parley, startParley } from "./support/server";
import { agentWidget, enabled, putAgentFirst, talkedFor, widget } from "./support/widget";

let parley: Parley;
let browser: Browser;
let context: BrowserContext;
let api: PartnerApi;

beforeAll(async () => {
  [parley, browser] = await Promise.all([startParley(), launchChromium()]);
  api = new PartnerApi(parley.base, parley.demo.secretKey);
});

afterAll(async () => {
  await browser?.close();
  await parley?.close();
});

function agentNamed(name: string) {
  const agent = parley.demo.agents.find((a) => a.name === name);
  if (!agent) throw new Error(`the demo has no agent named ${name}`);
  return agent;
}

/** Opens the plain-HTML example, which embeds the demo's first two agents side by side. */
async function openExample(): Promise<{ page: Page; events: WidgetEvent[] }> {
  context = await newContext(browser, parley.base);
  const page = await context.newPage();
  const events = await recordWidgetEvents(page);
  await page.goto("/examples/plain-html/");
  return { page, events };
}

const ofType = (events: WidgetEvent[], type: string) => events.filter((e) => e.type === type);

const ofAgent = (events: WidgetEvent[], agentId: string) =>
  events.filter((e) => e.agent === agentId);

/**
 * Why the server ran a session on another provider than the agent's, for failure messages:
 * the connect event only says that it did.
 */
async function providerStory(sessionId: string): Promise<string> {
  try {
    const s = await api.session(sessionId);
    return `session ${sessionId} ran on ${s.provider}, fallbackFrom=${s.fallbackFrom}, fallbackReason=${s.fallbackReason}`;
  } catch (error) {
    return `session ${sessionId}: GET /v1/sessions/{id} failed (${String(error)})`;
  }
}

async function usageSessions(agentId: string): Promise<number | null> {
  const report = await api.usageByAgent();
  if (!report) return null;
  return report.data.find((row) => row.key === agentId)?.sessions ?? 0;
}

describe("the widget on the plain-HTML example page", () => {
  it("holds a premium (ElevenLabs) conversation and the partner API records it", async () => {
    const agent = agentNamed("Front desk");
    const other = agentNamed("Help center");
    const usageBefore = await usageSessions(agent.id);
    const { page, events } = await openExample();
    const errors = collectErrors(page);
    const ui = agentWidget(page, agent);

    // Two agents on one page: both launchers, one ready event each.
    await agentWidget(page, other).launcher.waitFor();
    await ui.launcher.click();
    await ui.startCall.click();
    await ui.line("agent", "Good day, thank you for calling Acme Dental").waitFor();
    await enabled(ui.input);
    // The fake microphone reaches the provider: the agent finishes its greeting and listens.
    await ui.status.getByText("Listening…").waitFor({ timeout: 20_000 });

    await ui.input.fill("What are your opening hours?");
    await ui.send.click();
    await ui.line("user", "What are your opening hours?").waitFor();
    await ui.line("agent", /hours/i).waitFor();
    await talkedFor(ui, 2);
    await ui.endCall.click();
    await ui.status.getByText("The call has ended").waitFor();

    // The other agent's widget took no part: still closed, and only its ready event.
    expect(await agentWidget(page, other).launcher.getAttribute("aria-expanded")).toBe("false");
    expect(ofAgent(events, other.id)).toEqual([
      { type: "ready", detail: { agent: other.id }, agent: other.id },
    ]);
    const callEvents = events.filter((e) => e.type !== "ready");
    expect(new Set(callEvents.map((e) => e.agent))).toEqual(new Set([agent.id]));

    const [connect] = ofType(events, "connect");
    expect(ofType(events, "start")).toEqual([
      { type: "start", detail: { agent: agent.id }, agent: agent.id },
    ]);
    const sessionId = stringIn(connect?.detail, "sessionId");
    // A fallback to OpenAI was once seen in CI only: say what the server recorded, and why.
    expect(connect?.detail, await providerStory(sessionId)).toMatchObject({
      provider: "elevenlabs",
      fallbackFrom: null,
    });
    const messages = ofType(events, "message").map((e) => e.detail);
    expect(messages).toContainEqual({
      role: "agent",
      text: expect.stringContaining("Good day, thank you for calling"),
    });
    expect(messages).toContainEqual({ role: "user", text: "What are your opening hours?" });
    expect(ofType(events, "mode").map((e) => e.detail)).toContainEqual({ mode: "speaking" });
    const ends = ofType(events, "end");
    expect(ends).toHaveLength(1);
    expect(ends[0]?.detail).toMatchObject({ reason: "user_ended" });
    expect(numberIn(ends[0]?.detail, "durationSeconds")).toBeGreaterThan(0);
    expect(ofType(events, "error")).toEqual([]);
    expect(errors).toEqual([]);

    const listed = (await api.sessions(agent.id)).data.find((s) => s.id === sessionId);
    expect(listed).toMatchObject({ status: "ended", provider: "elevenlabs", origin: parley.base });

    // The simulator's post-call webhook brings the authoritative transcript and duration.
    const session = await eventually("the post-call transcript", async () => {
      const s = await api.session(sessionId);
      const roles = new Set(s.transcript.map((line) => line.role));
      return roles.has("agent") && roles.has("user") ? s : undefined;
    });
    expect(session.transcript).toContainEqual(
      expect.objectContaining({ role: "user", text: "What are your opening hours?" }),
    );
    expect(session.durationSeconds).toBeGreaterThan(0);

    if (usageBefore === null) {
      console.warn("GET /v1/usage is not in this tree yet (404): usage not checked");
    } else {
      await eventually("the session in /v1/usage", async () =>
        (await usageSessions(agent.id)) === usageBefore + 1 ? true : undefined,
      );
    }
    await context.close();
  });

  /** Whether the OpenAI agent's greeting reached the transcript before the visitor spoke. */
  let openAIGreeted: boolean | undefined;

  it("holds a standard (OpenAI Realtime) conversation with the microphone on", async () => {
    const agent = agentNamed("Help center");
    const { page, events } = await openExample();
    const errors = collectErrors(page);
    const ui = agentWidget(page, agent);

    await ui.launcher.click();
    await ui.startCall.click();
    await enabled(ui.input);
    await ui.status.getByText("Listening…").waitFor({ timeout: 20_000 });
    // The persona speaks first; typing only after it finishes keeps the turn order fixed.
    await ui.line("agent", /Hi, this is the Acme Dental help center/).waitFor({ timeout: 20_000 });
    openAIGreeted = true;

    await ui.input.fill("Can you check my invoice?");
    await ui.send.click();
    await ui.line("agent", /invoice/).waitFor();
    await talkedFor(ui, 1);
    await ui.endCall.click();
    await ui.status.getByText("The call has ended").waitFor();

    expect(ofType(events, "connect")[0]?.detail).toMatchObject({ provider: "openai" });
    expect(ofType(events, "start")).toEqual([
      { type: "start", detail: { agent: agent.id }, agent: agent.id },
    ]);
    const ends = ofType(events, "end");
    expect(ends).toHaveLength(1);
    expect(numberIn(ends[0]?.detail, "durationSeconds")).toBeGreaterThan(0);
    expect(ofType(events, "error")).toEqual([]);
    expect(errors).toEqual([]);

    const sessionId = stringIn(ofType(events, "connect")[0]?.detail, "sessionId");
    const listed = (await api.sessions(agent.id)).data.find((s) => s.id === sessionId);
    expect(listed).toMatchObject({ status: "ended", provider: "openai" });
    await context.close();
  });

  // Realtime waits for the user; the widget asks it to say the persona's first line.
  it("the standard (OpenAI) agent greets the visitor first", () => {
    expect(openAIGreeted).toBe(true);
  });

  it("the themed example wears the reseller's tokens and parts, and holds a call inline", async () => {
    const agent = agentNamed("Front desk");
    context = await newContext(browser, parley.base);
    const page = await context.newPage();
    const errors = collectErrors(page);
    const events = await recordWidgetEvents(page);
    await putAgentFirst(page, agent.name);
    await page.goto("/examples/themed/");
    const inline = page.locator("voice-agent[variant=inline]");
    const ui = widget(page, agent.name, inline);
    await ui.startCall.waitFor();

    const style = (part: string, property: string) =>
      inline
        .locator(`[part=${part}]`)
        .first()
        .evaluate((element, name) => getComputedStyle(element).getPropertyValue(name), property);
    // Tokens: --voice-agent-primary, --voice-agent-surface and --voice-agent-radius.
    expect(await style("call-button", "background-color")).toBe("rgb(20, 184, 166)");
    expect(await style("panel", "background-color")).toBe("rgb(17, 26, 46)");
    expect(await style("panel", "border-top-left-radius")).toBe("6px");
    // Parts: what tokens cannot say.
    expect(await style("header", "background-image")).toContain("linear-gradient");
    expect(await style("header", "text-transform")).toBe("uppercase");
    expect(await style("call-button", "border-top-left-radius")).toBe("999px");
    // The page's own `p { letter-spacing }` stays outside the shadow root.
    expect(await style("status", "letter-spacing")).toBe("normal");
    const floating = page.locator("voice-agent[position=bottom-left]").locator("[part=launcher]");
    expect(
      await floating.evaluate((element) => getComputedStyle(element).borderTopLeftRadius),
    ).toBe("12px");

    await ui.startCall.click();
    await ui.line("agent", "Good day, thank you for calling Acme Dental").waitFor();
    await expect.poll(() => style("message", "border-top-left-radius")).toBe("4px");
    await ui.endCall.click();
    await ui.status.getByText("The call has ended").waitFor();
    expect(ofType(events, "end")).toEqual([
      expect.objectContaining({ detail: expect.objectContaining({ reason: "user_ended" }) }),
    ]);
    expect(ofType(events, "error")).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("the single-page-app example starts a call with its declared metadata", async () => {
    context = await newContext(browser, parley.base);
    const page = await context.newPage();
    const events = await recordWidgetEvents(page);
    await page.goto("/examples/spa/");
    await page.getByRole("button", { name: "Mount widget" }).click();
    await page.getByRole("button", { name: "start()" }).click();
    const outcome = await eventually("the call to connect or fail", async () =>
      events.find((e) => e.type === "connect" || e.type === "error"),
    );
    await context.close();
    expect(outcome.type).toBe("connect");
  });
});
