import { html } from "lit";
import { ApiError } from "../api";
import { formError, inputField } from "../components/fields";
import { AuthPage } from "./auth-layout";

export class SignInPage extends AuthPage {
  private email = "";
  private password = "";

  override render() {
    // A wrong password is not a field's fault: say it once, above the form.
    const wrong = this.error instanceof ApiError && this.error.status === 401;
    return this.frame(
      "Sign in",
      "Welcome back. Sign in to manage your voice agents.",
      html`<form
          novalidate
          @submit=${(e: Event) =>
            this.submit(e, () => this.api.login({ email: this.email, password: this.password }))}
        >
          ${
            wrong
              ? html`<div class="alert alert-danger" role="alert">
                  That email and password do not match an account.
                </div>`
              : formError(
                  this.error instanceof ApiError && this.error.errors.length ? null : this.error,
                )
          }
          ${inputField({
            id: "email",
            label: "Email",
            type: "email",
            autocomplete: "email",
            required: true,
            value: this.email,
            error: this.fieldError("email"),
            onInput: (v) => {
              this.email = v;
            },
          })}
          ${inputField({
            id: "password",
            label: "Password",
            type: "password",
            autocomplete: "current-password",
            required: true,
            value: this.password,
            error: this.fieldError("password"),
            onInput: (v) => {
              this.password = v;
            },
          })}
          <button class="btn btn-primary" type="submit" ?disabled=${this.busy}>
            ${this.busy ? "Signing in…" : "Sign in"}
          </button>
        </form>
        <p class="switch muted">
          New to Parley? <a href="/dashboard/sign-up">Create an account</a>
        </p>
        `,
    );
  }
}

if (!customElements.get("pd-sign-in")) customElements.define("pd-sign-in", SignInPage);
