import { html } from "lit";
import type { Agent } from "../types";
import "./agent-editor";
import { PageElement } from "./context";

/** New agent: the editor, then straight to the snippet. */
export class AgentNewPage extends PageElement {
  static override properties = { persona: {} };
  declare persona: string | undefined;

  override render() {
    return html`<div class="page-header">
        <div>
          <h1>New agent</h1>
          <p class="muted">Pick a persona and a voice. You can change everything later.</p>
        </div>
      </div>
      <pd-agent-editor
        .ctx=${this.ctx}
        .initialPersona=${this.persona}
        @agent-saved=${(e: CustomEvent<Agent>) =>
          this.ctx.navigate({ page: "agent", id: e.detail.id, tab: "embed" })}
      ></pd-agent-editor>`;
  }
}

if (!customElements.get("pd-agent-new")) customElements.define("pd-agent-new", AgentNewPage);
