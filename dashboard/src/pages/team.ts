import { html, nothing } from "lit";
import { ApiError } from "../api";
import { confirmAction } from "../components/confirm-dialog";
import "../components/copy-button";
import {
  type Column,
  dataTable,
  type Loadable,
  loading,
  tableStyles,
  track,
} from "../components/data-table";
import { formError, inputField, inputValue, selectField } from "../components/fields";
import { toast } from "../components/toasts";
import { formatDateTime } from "../format";
import type { CreatedInvitation, Invitation, Role, TeamMember } from "../types";
import { PageElement } from "./context";

type InviteRole = Exclude<Role, "owner">;
const roles: { value: InviteRole; label: string }[] = [
  { value: "admin", label: "Admin — everything but billing" },
  { value: "member", label: "Member — agents and personas" },
  { value: "viewer", label: "Viewer — read only" },
];
const asInviteRole = (v: string) => roles.find((r) => r.value === v)?.value;

/** What became of the invitation just made: emailed, or a link to pass on by hand. */
function createdNotice(created: CreatedInvitation, tz: string) {
  if (created.delivery === "email" || !created.acceptUrl) {
    return html`<p class="alert alert-accent" style="margin-top: var(--pd-space-3)">
      We emailed ${created.email} an invitation link. It works once and expires on
      ${formatDateTime(created.expiresAt, tz)}.
    </p>`;
  }
  return html`<div class="alert alert-accent stack" style="margin-top: var(--pd-space-3)">
    <span>
      No mail server is set up, so send ${created.email} this link yourself. It works once and
      expires on ${formatDateTime(created.expiresAt, tz)}; it is not shown again.
    </span>
    <div class="row">
      <label class="visually-hidden" for="invite-link">Invitation link for ${created.email}</label>
      <input id="invite-link" class="spacer" type="text" readonly .value=${created.acceptUrl} />
      <pd-copy-button .value=${created.acceptUrl} label="Copy link"></pd-copy-button>
    </div>
  </div>`;
}

export class TeamPage extends PageElement {
  static override properties = {
    members: { state: true },
    invitations: { state: true },
    email: { state: true },
    role: { state: true },
    error: { state: true },
    busy: { state: true },
    created: { state: true },
  };
  declare members: Loadable<TeamMember[]>;
  declare invitations: Loadable<Invitation[]>;
  declare email: string;
  declare role: InviteRole;
  declare error: unknown;
  declare busy: boolean;
  /** The invitation just made: its link is shown once, when there is no mail server. */
  declare created: CreatedInvitation | null;

  static override styles = [...PageElement.styles, tableStyles];

  constructor() {
    super();
    this.members = loading();
    this.invitations = loading();
    this.email = "";
    this.role = "member";
    this.error = null;
    this.busy = false;
    this.created = null;
  }

  override connectedCallback() {
    super.connectedCallback();
    this.load();
  }

  private get canManage() {
    return this.ctx.me.role === "owner" || this.ctx.me.role === "admin";
  }

  private load() {
    track(
      async () => (await this.ctx.api.listTeam()).data,
      (m) => {
        this.members = m;
      },
    );
    track(
      async () => (await this.ctx.api.listInvitations()).data,
      (i) => {
        this.invitations = i;
      },
    );
  }

  private async invite(e: Event) {
    e.preventDefault();
    this.busy = true;
    this.error = null;
    try {
      this.created = await this.ctx.api.invite({ email: this.email, role: this.role });
      toast(
        this.created.delivery === "email"
          ? `Invitation emailed to ${this.created.email}`
          : `Invitation created for ${this.created.email}: send them the link`,
      );
      this.email = "";
      this.load();
    } catch (error) {
      this.error = error;
    } finally {
      this.busy = false;
    }
  }

  private async act(run: () => Promise<unknown>, done: string) {
    try {
      await run();
      toast(done);
      this.load();
    } catch (error) {
      toast(error instanceof ApiError ? error.detail : "That did not work", "error");
    }
  }

  private async confirmRemove(m: TeamMember) {
    const ok = await confirmAction({
      title: `Remove ${m.name}?`,
      body: `${m.email} loses access to this account at once.`,
      confirmLabel: "Remove member",
      danger: true,
    });
    if (ok) await this.act(() => this.ctx.api.removeMember(m.userId), "Member removed");
  }

  private async revoke(i: Invitation) {
    const ok = await confirmAction({
      title: `Cancel the invitation to ${i.email}?`,
      body: "The link in their email stops working.",
      confirmLabel: "Cancel invitation",
      danger: true,
    });
    if (ok) await this.act(() => this.ctx.api.revokeInvitation(i.id), "Invitation cancelled");
  }

  override render() {
    const tz = this.ctx.me.partner.timezone;
    const me = this.ctx.me.user.id;
    const memberColumns: Column<TeamMember>[] = [
      {
        header: "Name",
        cell: (m) => html`${m.name}<br /><span class="muted small">${m.email}</span>`,
      },
      {
        header: "Role",
        cell: (m) =>
          this.canManage && m.role !== "owner" && m.userId !== me
            ? html`<select aria-label="Role of ${m.name}" @change=${(e: Event) => {
                const role = asInviteRole(inputValue(e));
                if (role) this.act(() => this.ctx.api.changeRole(m.userId, role), "Role changed");
              }}>${roles.map((r) => html`<option value=${r.value} ?selected=${r.value === m.role}>${r.value}</option>`)}</select>`
            : html`<span class="badge">${m.role}</span>`,
      },
      { header: "Joined", cell: (m) => formatDateTime(m.joinedAt, tz), optional: true },
      {
        header: "Actions",
        align: "end",
        cell: (m) =>
          this.canManage && m.role !== "owner" && m.userId !== me
            ? html`<button class="btn btn-sm btn-danger" type="button" aria-label="Remove ${m.name}" @click=${() => this.confirmRemove(m)}>Remove</button>`
            : "",
      },
    ];
    const invitationColumns: Column<Invitation>[] = [
      { header: "Email", cell: (i) => i.email },
      { header: "Role", cell: (i) => html`<span class="badge">${i.role}</span>` },
      { header: "Sent", cell: (i) => formatDateTime(i.createdAt, tz), optional: true },
      {
        header: "Actions",
        align: "end",
        cell: (i) =>
          this.canManage
            ? html`<button class="btn btn-sm btn-danger" type="button" aria-label="Cancel invitation to ${i.email}" @click=${() => this.revoke(i)}>Cancel</button>`
            : "",
      },
    ];
    return html`<div class="page-header"><div><h1>Team</h1><p class="muted">People who can sign in to this account.</p></div></div>
      <div class="stack-lg">
        ${
          this.canManage
            ? html`<section class="card" aria-labelledby="invite">
                <h2 id="invite">Invite someone</h2>
                <form novalidate @submit=${this.invite}>
                  ${formError(this.error instanceof ApiError && this.error.errors.length ? null : this.error)}
                  <div class="grid-2">
                    ${inputField({
                      id: "invite-email",
                      label: "Email",
                      type: "email",
                      value: this.email,
                      error:
                        this.error instanceof ApiError ? this.error.fieldError("email") : undefined,
                      onInput: (v) => {
                        this.email = v;
                      },
                    })}
                    ${selectField({
                      id: "invite-role",
                      label: "Role",
                      value: this.role,
                      options: roles,
                      onChange: (v) => {
                        this.role = asInviteRole(v) ?? "member";
                      },
                    })}
                  </div>
                  <div><button class="btn btn-primary" type="submit" ?disabled=${this.busy}>Send invitation</button></div>
                </form>
                ${this.created ? createdNotice(this.created, tz) : nothing}
              </section>`
            : nothing
        }
        ${dataTable({
          label: "Team members",
          columns: memberColumns,
          rows: this.members,
          onRetry: () => this.load(),
          empty: { title: "Just you so far", body: "Invite a colleague to share the work." },
        })}
        <div class="stack">
          <!-- The table below is the labelled region: a second landmark of the same name would repeat it. -->
          <h2>Pending invitations</h2>
          ${dataTable({
            label: "Pending invitations",
            columns: invitationColumns,
            rows: this.invitations,
            onRetry: () => this.load(),
            empty: {
              title: "No pending invitations",
              body: "Invitations you send appear here until accepted.",
            },
          })}
        </div>
      </div>`;
  }
}

if (!customElements.get("pd-team")) customElements.define("pd-team", TeamPage);
