import { html, nothing } from "lit";
import { ApiError } from "../api";
import { formError, inputField } from "../components/fields";
import { AuthPage } from "./auth-layout";

/** The one-time token of an invitation link: `…/accept-invite#token=…`. */
export function inviteToken(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, "")).get("token");
  return token && /^[A-Za-z0-9_-]{20,200}$/.test(token) ? token : null;
}

/**
 * Where an invitation link lands: join the team with a name and a new password, or with the
 * password of the account the email already has. Works signed in too (joining a second
 * team); the session then acts for the new team. The token is taken out of the address bar
 * at once, so it stays out of history and screenshots.
 *
 * @event signed-in - detail: Me
 */
export class AcceptInvitePage extends AuthPage {
  static override properties = {
    ...AuthPage.properties,
    signedInAs: { attribute: false },
  };
  /** The email of the user already signed in here, if any. */
  declare signedInAs: string | null;
  private token: string | null = null;
  private name = "";
  private password = "";

  override connectedCallback() {
    super.connectedCallback();
    this.token = inviteToken(location.hash);
    if (location.hash) history.replaceState(history.state, "", location.pathname);
  }

  override render() {
    if (!this.token) {
      return this.frame(
        "Invitation link incomplete",
        "This link is missing its invitation code. Open the link from the invitation again, or ask the person who invited you for a new one.",
        html`<a class="btn" href="/dashboard/">Go to Parley</a>`,
      );
    }
    const token = this.token;
    // 404: unknown, used or expired. 401: an existing account's password did not match.
    const gone = this.error instanceof ApiError && this.error.status === 404;
    const wrong = this.error instanceof ApiError && this.error.status === 401;
    return this.frame(
      "Join your team",
      "Choose your name and a password. If this email already has a Parley account, enter that account's password instead.",
      html`${
        this.signedInAs
          ? html`<p class="alert alert-accent">
              You are signed in as ${this.signedInAs}. Joining switches you to the new team.
            </p>`
          : nothing
      }
        <form
          novalidate
          @submit=${(e: Event) =>
            this.submit(e, () =>
              this.api.acceptInvite({ token, name: this.name, password: this.password }),
            )}
        >
          ${
            gone
              ? html`<div class="alert alert-danger" role="alert">
                  This invitation was already used, was cancelled or has expired. Ask for a new one.
                </div>`
              : wrong
                ? html`<div class="alert alert-danger" role="alert">
                    This email already has an account, and that is not its password.
                  </div>`
                : formError(
                    this.error instanceof ApiError && this.error.errors.length ? null : this.error,
                  )
          }
          ${inputField({
            id: "name",
            label: "Your name",
            autocomplete: "name",
            required: true,
            value: this.name,
            error: this.fieldError("name"),
            onInput: (v) => {
              this.name = v;
            },
          })}
          ${inputField({
            id: "password",
            label: "Password",
            type: "password",
            autocomplete: "new-password",
            required: true,
            hint: "At least 10 characters.",
            value: this.password,
            error: this.fieldError("password"),
            onInput: (v) => {
              this.password = v;
            },
          })}
          <button class="btn btn-primary" type="submit" ?disabled=${this.busy}>
            ${this.busy ? "Joining…" : "Join team"}
          </button>
        </form>`,
    );
  }
}

if (!customElements.get("pd-accept-invite")) {
  customElements.define("pd-accept-invite", AcceptInvitePage);
}
