/** Drives `<voice-agent>` the way a visitor does: by the roles and names it shows. */
import type { Locator, Page } from "playwright-core";
import { eventually } from "./api";

export interface WidgetUi {
  launcher: Locator;
  startCall: Locator;
  endCall: Locator;
  status: Locator;
  transcript: Locator;
  input: Locator;
  send: Locator;
  timer: Locator;
  /** A transcript line from `role` that contains `text`. */
  line(role: "agent" | "user", text: string | RegExp): Locator;
}

/** Playwright's role selectors pierce open shadow roots, which is what the widget uses. */
export function widget(
  page: Page,
  agentName: string,
  scope = page.locator("voice-agent"),
): WidgetUi {
  const transcript = scope.getByRole("log", { name: "Conversation" });
  return {
    launcher: scope.getByRole("button", { name: `Talk to ${agentName}` }),
    startCall: scope.getByRole("button", { name: "Start call" }),
    endCall: scope.getByRole("button", { name: "End call" }),
    status: scope.locator("[part=status]"),
    transcript,
    input: scope.getByRole("textbox", { name: "Type a message" }),
    send: scope.getByRole("button", { name: "Send" }),
    timer: scope.getByRole("timer", { name: "Call duration" }),
    line: (role, text) => transcript.locator(`.message.${role}`, { hasText: text }),
  };
}

/** The `<voice-agent>` that talks to `agent` (pages such as plain-html embed several). */
export function agentWidget(page: Page, agent: { id: string; name: string }): WidgetUi {
  return widget(page, agent.name, page.locator(`voice-agent[agent="${agent.id}"]`));
}

/**
 * Waits until the call's own timer shows at least `seconds`: a call hung up sooner lasts
 * "0 s", which is true but says nothing about duration handling.
 */
export async function talkedFor(ui: WidgetUi, seconds: number) {
  await eventually(`the call timer to reach ${seconds} s`, async () => {
    const [minutes = 0, secs = 0] = ((await ui.timer.textContent()) ?? "")
      .trim()
      .split(":")
      .map(Number);
    return minutes * 60 + secs >= seconds ? true : undefined;
  });
}

/** Waits until `locator` is enabled (the widget enables its input once the call connects). */
export async function enabled(locator: Locator, timeoutMs = 20_000) {
  await locator.waitFor({ timeout: timeoutMs });
  const deadline = Date.now() + timeoutMs;
  while (!(await locator.isEnabled())) {
    if (Date.now() > deadline) throw new Error(`${locator} stayed disabled`);
    await locator.page().waitForTimeout(50);
  }
}

/**
 * Most example pages embed whichever agent `/examples/demo.json` lists first (`data-demo`);
 * this makes it `agentName` for `page`, without touching the server.
 */
export async function putAgentFirst(page: Page, agentName: string) {
  await page.route("**/examples/demo.json", async (route) => {
    const response = await route.fetch();
    const demo: { agents: Array<{ name: string }> } = await response.json();
    demo.agents.sort((a, b) => Number(b.name === agentName) - Number(a.name === agentName));
    await route.fulfill({ response, json: demo });
  });
}
