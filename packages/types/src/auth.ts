import { z } from "@hono/zod-openapi";
import { name, Timestamp } from "./common";

export const Role = z.enum(["owner", "admin", "member", "viewer"]).openapi("Role");
export type Role = z.infer<typeof Role>;

const Email = z
  .string()
  .trim()
  .toLowerCase()
  .email()
  .max(254)
  .openapi({ example: "ana@shop.example" });
const Password = z.string().min(10, "at least 10 characters").max(200);

export const SignupRequest = z
  .object({ email: Email, password: Password, name: name(), company: name() })
  .strict()
  .openapi("SignupRequest");
export type SignupRequest = z.infer<typeof SignupRequest>;

export const LoginRequest = z
  .object({ email: Email, password: z.string().min(1).max(200) })
  .strict()
  .openapi("LoginRequest");
export type LoginRequest = z.infer<typeof LoginRequest>;

/**
 * `GET /v1/auth/me` and the answer to signup/login. The cookie `parley_session` (HttpOnly,
 * SameSite=Lax) carries the session; every state-changing request by cookie must send
 * `X-CSRF-Token: <csrfToken>`.
 */
export const Me = z
  .object({
    user: z.object({ id: z.string(), email: z.string(), name: z.string() }),
    partner: z.object({
      id: z.string(),
      name: z.string(),
      timezone: z.string(),
      isReseller: z.boolean(),
      planId: z.string(),
    }),
    role: Role,
    /** Every partner this user belongs to, with the role there (the switcher lists them). */
    memberships: z.array(
      z
        .object({ partnerId: z.string(), partnerName: z.string(), role: Role })
        .openapi("Membership"),
    ),
    csrfToken: z.string(),
    entitlements: z.array(z.string()),
    /** The plan's caps, so the dashboard can say "3 of 5" before a create is refused. */
    limits: z.object({
      maxAgents: z.number().int(),
      maxCustomPersonas: z.number().int(),
      maxConcurrentSessions: z.number().int(),
      includedSeconds: z.number().int(),
    }),
  })
  .openapi("Me");
export type Me = z.infer<typeof Me>;

/** `POST /v1/auth/switch`: act for another partner the user belongs to. */
export const SwitchPartnerRequest = z
  .object({ partnerId: z.string().min(1).max(64) })
  .strict()
  .openapi("SwitchPartnerRequest");
export type SwitchPartnerRequest = z.infer<typeof SwitchPartnerRequest>;

export const TeamMember = z
  .object({
    userId: z.string(),
    email: z.string(),
    name: z.string(),
    role: Role,
    joinedAt: Timestamp,
  })
  .openapi("TeamMember");
export type TeamMember = z.infer<typeof TeamMember>;

export const InviteRequest = z
  .object({ email: Email, role: Role.exclude(["owner"]) })
  .strict()
  .openapi("InviteRequest");
export type InviteRequest = z.infer<typeof InviteRequest>;

/** A pending invitation; `acceptUrl` (with its one-time token) appears only when created. */
export const Invitation = z
  .object({
    id: z.string(),
    email: z.string(),
    role: Role,
    createdAt: Timestamp,
    expiresAt: Timestamp,
  })
  .openapi("Invitation");
export type Invitation = z.infer<typeof Invitation>;

export const CreatedInvitation = Invitation.extend({
  /** `email` when the server has a mail server (`SMTP_URL`), else `link` to pass on by hand. */
  delivery: z.enum(["email", "link"]),
  acceptUrl: z.string().url().nullable().openapi({
    description:
      "Open once to join; the token is in the fragment so it never reaches a log. Null when the link was emailed: then only the invitee's mailbox holds it.",
  }),
}).openapi("CreatedInvitation");
export type CreatedInvitation = z.infer<typeof CreatedInvitation>;

export const AcceptInviteRequest = z
  .object({
    token: z.string().min(1).max(200),
    /** Ignored when the invited email already has an account. */
    name: name(),
    /** A new account's password, or the existing account's own password. */
    password: Password,
  })
  .strict()
  .openapi("AcceptInviteRequest");
export type AcceptInviteRequest = z.infer<typeof AcceptInviteRequest>;

export const UpdateRoleRequest = z.object({ role: Role }).strict().openapi("UpdateRoleRequest");
export type UpdateRoleRequest = z.infer<typeof UpdateRoleRequest>;
