import { html } from "lit";
import { ApiError } from "../api";
import { formError, inputField } from "../components/fields";
import { AuthPage } from "./auth-layout";

export class SignUpPage extends AuthPage {
  private values = { name: "", company: "", email: "", password: "" };

  private field(
    id: keyof SignUpPage["values"],
    label: string,
    type: "text" | "email" | "password",
    autocomplete: string,
    hint?: string,
  ) {
    return inputField({
      id,
      label,
      type,
      autocomplete,
      required: true,
      value: this.values[id],
      error: this.fieldError(id),
      ...(hint ? { hint } : {}),
      onInput: (v) => {
        this.values = { ...this.values, [id]: v };
      },
    });
  }

  override render() {
    const fieldless = !(this.error instanceof ApiError && this.error.errors.length);
    return this.frame(
      "Create your account",
      "Put a talking agent on your site in a few minutes. No card needed.",
      html`<form novalidate @submit=${(e: Event) => this.submit(e, () => this.api.signup(this.values))}>
          ${fieldless ? formError(this.error) : ""}
          ${this.field("name", "Your name", "text", "name")}
          ${this.field("company", "Company", "text", "organization")}
          ${this.field("email", "Work email", "email", "email")}
          ${this.field("password", "Password", "password", "new-password", "At least 10 characters.")}
          <button class="btn btn-primary" type="submit" ?disabled=${this.busy}>
            ${this.busy ? "Creating account…" : "Create account"}
          </button>
        </form>
        <p class="switch muted">Already have an account? <a href="/dashboard/sign-in">Sign in</a></p>`,
    );
  }
}

if (!customElements.get("pd-sign-up")) customElements.define("pd-sign-up", SignUpPage);
