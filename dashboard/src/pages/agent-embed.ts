import { css, html, nothing } from "lit";
import "../components/copy-button";
import { errorMessage, type Loadable, loading, track } from "../components/data-table";
import { formError } from "../components/fields";
import { toast } from "../components/toasts";
import { embedSnippet } from "../snippet";
import type { Agent, ApiKey } from "../types";
import { PageElement } from "./context";

const WIDGET_SCRIPT_ID = "parley-widget-preview";
const PLACEHOLDER = "YOUR_PUBLISHABLE_KEY";

/** Loads the real widget into the dashboard once, for the live preview. */
function ensureWidgetScript() {
  if (document.getElementById(WIDGET_SCRIPT_ID)) return;
  const script = document.createElement("script");
  script.id = WIDGET_SCRIPT_ID;
  script.type = "module";
  script.src = "/widget/v1/voice-agent.js";
  document.head.append(script);
}

/**
 * The Embed tab: the exact snippet with a real publishable key, and the real widget
 * running against this agent.
 *
 * @event agent-saved - detail: Agent (after allowing this dashboard's origin)
 */
export class AgentEmbed extends PageElement {
  static override properties = {
    agent: { attribute: false },
    keys: { state: true },
    fullKey: { state: true },
    error: { state: true },
    busy: { state: true },
    preview: { state: true },
  };
  declare agent: Agent;
  declare keys: Loadable<ApiKey[]>;
  /** A key created here: the only moment its whole value is known. */
  declare fullKey: string | null;
  declare error: unknown;
  declare busy: boolean;
  declare preview: boolean;

  static override styles = [
    ...PageElement.styles,
    css`
      pre {
        margin: 0;
        padding: var(--pd-space-3);
        overflow-x: auto;
        background: var(--pd-surface-2);
        border: 1px solid var(--pd-border);
        border-radius: var(--pd-radius);
        white-space: pre;
        line-height: 1.6;
      }
      .preview {
        min-height: 160px;
        display: grid;
        place-items: center;
        padding: var(--pd-space-4);
        border: 1px dashed var(--pd-border-strong);
        border-radius: var(--pd-radius);
        background: var(--pd-bg);
      }
    `,
  ];

  constructor() {
    super();
    this.keys = loading();
    this.fullKey = null;
    this.error = null;
    this.busy = false;
    this.preview = false;
  }

  override connectedCallback() {
    super.connectedCallback();
    this.fullKey = this.ctx.memory.publishableKey;
    this.load();
  }

  private load() {
    return track(
      async () => (await this.ctx.api.listKeys()).data,
      (k) => {
        this.keys = k;
      },
    );
  }

  private async createKey() {
    this.busy = true;
    this.error = null;
    try {
      const origins = [...new Set([location.origin, ...this.agent.allowedOrigins])];
      const created = await this.ctx.api.createKey({
        kind: "publishable",
        name: `${this.agent.name} widget`,
        allowedOrigins: origins,
      });
      this.fullKey = created.key;
      this.ctx.memory.publishableKey = created.key;
      toast("Publishable key created");
      await this.load();
    } catch (error) {
      this.error = error;
    } finally {
      this.busy = false;
    }
  }

  private async allowDashboard() {
    this.busy = true;
    this.error = null;
    try {
      const agent = await this.ctx.api.updateAgent(this.agent.id, {
        allowedOrigins: [...this.agent.allowedOrigins, location.origin],
      });
      toast(`${location.origin} allowed`);
      this.dispatchEvent(
        new CustomEvent<Agent>("agent-saved", { detail: agent, bubbles: true, composed: true }),
      );
    } catch (error) {
      this.error = error;
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const k = this.keys;
    if (k.status === "loading") return html`<div class="card" role="status">Loading keys…</div>`;
    if (k.status === "error") {
      return html`<div class="card stack" role="alert">
        <strong>Could not load your keys</strong>
        <span class="muted">${errorMessage(k.error)}</span>
        <div><button class="btn btn-sm" type="button" @click=${() => this.load()}>Try again</button></div>
      </div>`;
    }
    const existing = k.value.find((key) => key.kind === "publishable" && !key.revokedAt);
    const key = this.fullKey ?? PLACEHOLDER;
    const snippet = embedSnippet(location.origin, this.agent.id, key);
    return html`<div class="stack-lg">
      ${formError(this.error)}
      ${
        this.agent.status === "paused"
          ? html`<div class="alert alert-warning">
              This agent is paused: the widget shows it as offline until you resume it.
            </div>`
          : nothing
      }
      <section class="card stack" aria-labelledby="snippet-title">
        <div class="row">
          <h2 id="snippet-title">Add the agent to your site</h2>
          <span class="spacer"></span>
          <pd-copy-button label="Copy snippet" .value=${snippet}></pd-copy-button>
        </div>
        <p class="muted">Paste these two lines into your page, just before <code>&lt;/body&gt;</code>.</p>
        <pre tabindex="0"><code>${snippet}</code></pre>
        ${this.keyNote(existing)}
      </section>
      <section class="card stack" aria-labelledby="preview-title">
        <h2 id="preview-title">Live preview</h2>
        <p class="muted">The real widget, talking to this agent. Your microphone is only used once you start a call.</p>
        ${this.previewBody()}
      </section>
    </div>`;
  }

  private keyNote(existing: ApiKey | undefined) {
    if (this.fullKey) {
      return html`<div class="alert alert-warning" role="status">
        This key is shown only now. It is already in the snippet; copy it before you leave.
      </div>`;
    }
    return html`<div class="alert stack">
      <span>
        ${
          existing
            ? html`Replace <code>${PLACEHOLDER}</code> with your publishable key
                <code>${existing.displayPrefix}</code> (its full value was shown once, when you
                created it), or create a new one for this site.`
            : html`You need a publishable key: it lets the widget start calls from your site only.`
        }
      </span>
      <div>
        <button class="btn btn-primary btn-sm" type="button" ?disabled=${this.busy} @click=${this.createKey}>
          Create a publishable key for this site
        </button>
      </div>
    </div>`;
  }

  private previewBody() {
    if (!this.fullKey) {
      return html`<p class="muted">Create a publishable key above to try the agent here.</p>`;
    }
    const origins = this.agent.allowedOrigins;
    const blocked = origins.length > 0 && !origins.includes(location.origin);
    return html`${
      blocked
        ? html`<div class="alert alert-warning stack">
            <span>This agent only runs on its allowed origins, so it will refuse this dashboard (${location.origin}).</span>
            <div>
              <button class="btn btn-sm" type="button" ?disabled=${this.busy} @click=${this.allowDashboard}>
                Allow this dashboard
              </button>
            </div>
          </div>`
        : nothing
    }
      ${
        this.preview
          ? html`<div class="preview">
              <voice-agent agent=${this.agent.id} key=${this.fullKey}></voice-agent>
            </div>`
          : html`<div>
              <button
                class="btn"
                type="button"
                @click=${() => {
                  ensureWidgetScript();
                  this.preview = true;
                }}
              >
                Open live preview
              </button>
            </div>`
      }`;
  }
}

if (!customElements.get("pd-agent-embed")) customElements.define("pd-agent-embed", AgentEmbed);
