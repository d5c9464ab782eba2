import { html } from "lit";
import { ApiError } from "../api";
import { formError, inputField } from "../components/fields";
import { toast } from "../components/toasts";
import { PageElement } from "./context";

const entitlementNames: Record<string, string> = {
  premium_voices: "Premium voices",
  custom_personas: "Custom personas",
  voice_cloning: "Voice cloning",
  advanced_analytics: "Advanced analytics",
  remove_branding: "Remove Parley branding",
};

export class SettingsPage extends PageElement {
  static override properties = {
    name: { state: true },
    timezone: { state: true },
    error: { state: true },
    busy: { state: true },
  };
  declare name: string;
  declare timezone: string;
  declare error: unknown;
  declare busy: boolean;

  override connectedCallback() {
    super.connectedCallback();
    this.name = this.ctx.me.partner.name;
    this.timezone = this.ctx.me.partner.timezone;
    this.error = null;
    this.busy = false;
  }

  override updated() {
    // #plan links from upgrade prompts land on the plan section.
    if (location.hash === "#plan") this.renderRoot.querySelector("#plan")?.scrollIntoView();
  }

  private fe(path: string) {
    return this.error instanceof ApiError ? this.error.fieldError(path) : undefined;
  }

  private async save(e: Event) {
    e.preventDefault();
    this.busy = true;
    this.error = null;
    try {
      await this.ctx.api.updateSettings({ name: this.name, timezone: this.timezone });
      await this.ctx.refreshMe();
      toast("Settings saved");
    } catch (error) {
      this.error = error;
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const me = this.ctx.me;
    const readOnly = me.role === "viewer" || me.role === "member";
    return html`<div class="page-header"><div><h1>Settings</h1><p class="muted">Your account's name, time zone and plan.</p></div></div>
      <div class="stack-lg">
        <section class="card" aria-labelledby="account">
          <h2 id="account">Account</h2>
          <form novalidate @submit=${this.save}>
            ${formError(this.error instanceof ApiError && this.error.errors.length ? null : this.error)}
            <fieldset ?disabled=${readOnly} class="stack">
              ${inputField({
                id: "partner-name",
                label: "Company name",
                value: this.name,
                required: true,
                error: this.fe("name"),
                onInput: (v) => {
                  this.name = v;
                },
              })}
              ${inputField({
                id: "partner-timezone",
                label: "Time zone",
                value: this.timezone,
                error: this.fe("timezone"),
                hint: "Usage periods and times are shown in this zone, like Europe/Madrid.",
                onInput: (v) => {
                  this.timezone = v;
                },
              })}
            </fieldset>
            ${readOnly ? html`<p class="hint">Only owners and admins can change these.</p>` : html`<div><button class="btn btn-primary" type="submit" ?disabled=${this.busy}>${this.busy ? "Saving…" : "Save"}</button></div>`}
          </form>
        </section>
        <section class="card stack" id="plan" aria-labelledby="plan-title">
          <h2 id="plan-title">Plan</h2>
          <p>You are on the <strong>${me.partner.planId}</strong> plan.</p>
          <div>
            <p class="hint">Included features and add-ons</p>
            <ul>
              ${Object.entries(entitlementNames).map(
                ([key, label]) =>
                  html`<li>${label}: ${me.entitlements.includes(key) ? html`<span class="badge badge-success">included</span>` : html`<span class="badge">not included</span>`}</li>`,
              )}
            </ul>
          </div>
          <p class="muted small">To change your plan or add premium voices, contact your account owner${me.role === "owner" ? " (that is you) through billing" : ""}.</p>
        </section>
      </div>`;
  }
}

if (!customElements.get("pd-settings")) customElements.define("pd-settings", SettingsPage);
