/**
 * Dashboard accounts: sign-up, sign-in (with lockout), joining by invitation, and the `Me`
 * view. Sessions themselves live in auth/dashboard-session.ts; the team (roles, invitations)
 * in domain/team.ts.
 */

import type { AcceptInviteRequest, LoginRequest, Me, SignupRequest } from "@parley/types";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import {
  type DashboardSession,
  hashToken,
  randomToken,
  startSession,
} from "../auth/dashboard-session";
import { hashPassword, verifyPassword } from "../auth/passwords";
import type { Db } from "../db/client";
import {
  invitations,
  memberships,
  partners,
  plans,
  subscriptionAddons,
  subscriptions,
  userSessions,
  users,
} from "../db/schema";
import { ApiError, notFound } from "../errors";
import type { Services } from "../services";
import { audit } from "./audit";
import { loadEntitlements } from "./entitlements";
import { createPartner } from "./partners";
import { roleOf } from "./team";

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MS = 15 * 60 * 1000;

type UserRow = typeof users.$inferSelect;
export type SessionIdentity = Pick<DashboardSession, "userId" | "partnerId" | "role" | "csrfToken">;

/** What a sign-in hands the route: the cookie's token and expiry, and who is now signed in. */
export interface SignedIn {
  token: string;
  expiresAt: Date;
  identity: SessionIdentity;
}

/** The same answer for an unknown email and a wrong password: no account enumeration. */
const wrongCredentials = () =>
  new ApiError("unauthorized", "That email and password do not match an account.");

const emailTaken = () =>
  new ApiError("conflict", "An account with that email already exists; sign in instead.");

/** Postgres `unique_violation`, whichever driver raised it (drizzle may wrap it in `cause`). */
export function isUniqueViolation(err: unknown): boolean {
  for (let e = err; typeof e === "object" && e !== null; ) {
    if ("code" in e && e.code === "23505") return true;
    e = "cause" in e ? e.cause : undefined;
  }
  return false;
}

/** Creates the user, their partner (plan free), the owner membership and a session. */
export async function signup(services: Services, input: SignupRequest): Promise<SignedIn> {
  const passwordHash = await hashPassword(input.password);
  try {
    return await services.database.db.transaction(async (tx) => {
      const [taken] = await tx
        .select({ id: users.id })
        .from(users)
        .where(eq(users.email, input.email));
      if (taken) throw emailTaken();
      const userId = services.newId("usr");
      await tx
        .insert(users)
        .values({ id: userId, email: input.email, name: input.name, passwordHash });
      const partnerId = await createPartner(tx, services, { name: input.company, planId: "free" });
      await tx
        .insert(memberships)
        .values({ id: services.newId("mem"), partnerId, userId, role: "owner" });
      await audit(tx, services, {
        partnerId,
        actor: userId,
        action: "partner.signed_up",
        targetType: "user",
        targetId: userId,
      });
      const session = await startSession(tx, services, userId, partnerId);
      const identity: SessionIdentity = {
        userId,
        partnerId,
        role: "owner",
        csrfToken: session.csrfToken,
      };
      return { token: session.token, expiresAt: session.expiresAt, identity };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw emailTaken();
    throw err;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Checks a password with the lockout rule: 5 consecutive failures lock the account for 15
 * minutes (429 even with the right password); a success resets the count. An unknown user
 * still costs one hash verification, so timing does not tell which emails exist.
 */
export async function checkPassword(
  services: Services,
  user: UserRow | undefined,
  password: string,
): Promise<UserRow> {
  if (!user) {
    dummyHash ??= hashPassword(randomToken());
    await verifyPassword(password, await dummyHash);
    throw wrongCredentials();
  }
  const now = services.now();
  if (user.lockedUntil && user.lockedUntil.getTime() > now.getTime()) {
    const seconds = Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 1000);
    throw new ApiError(
      "rate_limited",
      "Too many failed sign-ins; this account is locked for a while.",
      { retryAfterSeconds: seconds },
      { "retry-after": String(seconds) },
    );
  }
  const { db } = services.database;
  if (!(await verifyPassword(password, user.passwordHash))) {
    // One atomic statement, so concurrent wrong guesses cannot each see a count below 5.
    const lockUntil = new Date(now.getTime() + LOCK_MS).toISOString();
    const reached = sql`${users.failedLogins} + 1 >= ${MAX_FAILED_LOGINS}`;
    await db
      .update(users)
      .set({
        failedLogins: sql`CASE WHEN ${reached} THEN 0 ELSE ${users.failedLogins} + 1 END`,
        lockedUntil: sql`CASE WHEN ${reached} THEN ${lockUntil}::timestamptz ELSE ${users.lockedUntil} END`,
      })
      .where(eq(users.id, user.id));
    throw wrongCredentials();
  }
  if (user.failedLogins > 0 || user.lockedUntil) {
    await db.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, user.id));
  }
  return user;
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  const [user] = await db.select().from(users).where(eq(users.email, email));
  return user;
}

/** Signs in to the partner the user joined first (`switchPartner` moves to another). */
export async function login(services: Services, input: LoginRequest): Promise<SignedIn> {
  const { db } = services.database;
  const user = await checkPassword(
    services,
    await findUserByEmail(db, input.email),
    input.password,
  );
  const [membership] = await db
    .select({ partnerId: memberships.partnerId, role: memberships.role })
    .from(memberships)
    .where(eq(memberships.userId, user.id))
    .orderBy(asc(memberships.createdAt), asc(memberships.id))
    .limit(1);
  if (!membership) throw new ApiError("forbidden", "This account is not on any team any more.");
  const session = await startSession(db, services, user.id, membership.partnerId);
  const identity: SessionIdentity = {
    userId: user.id,
    partnerId: membership.partnerId,
    role: membership.role,
    csrfToken: session.csrfToken,
  };
  return { token: session.token, expiresAt: session.expiresAt, identity };
}

/**
 * Moves a dashboard session to another partner the user belongs to. The session is rotated
 * (new cookie token, new CSRF token, the old one deleted) in one transaction, keeping its
 * sign-in time so the absolute expiry still counts from the password. A partner the user is
 * not a member of is "not found", so its id reveals nothing.
 */
export async function switchPartner(
  services: Services,
  current: DashboardSession,
  partnerId: string,
): Promise<SignedIn> {
  return services.database.db.transaction(async (tx) => {
    const role = await roleOf(tx, partnerId, current.userId);
    if (!role) throw notFound("partner you belong to");
    const [ended] = await tx
      .delete(userSessions)
      .where(eq(userSessions.id, current.id))
      .returning({ id: userSessions.id });
    // Signed out (or switched) by another tab in the meantime.
    if (!ended)
      throw new ApiError("unauthorized", "Your dashboard session has ended; sign in again.");
    const session = await startSession(tx, services, current.userId, partnerId, current.signedInAt);
    await audit(tx, services, {
      partnerId,
      actor: current.userId,
      action: "auth.partner_switched",
      targetType: "user",
      targetId: current.userId,
      data: { from: current.partnerId },
    });
    const identity: SessionIdentity = {
      userId: current.userId,
      partnerId,
      role,
      csrfToken: session.csrfToken,
    };
    return { token: session.token, expiresAt: session.expiresAt, identity };
  });
}

/** Every partner the user belongs to, in the order they joined (the first is the default). */
export async function listMemberships(db: Db, userId: string): Promise<Me["memberships"]> {
  return db
    .select({ partnerId: partners.id, partnerName: partners.name, role: memberships.role })
    .from(memberships)
    .innerJoin(partners, eq(partners.id, memberships.partnerId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt), asc(memberships.id));
}

/**
 * The features a partner's plan grants plus its active add-ons (paid, or a trial still
 * running), and the plan's caps. Deliberately small: domain/entitlements.ts decides flags
 * and reseller caps.
 */
export async function planFeatures(db: Db, partnerId: string, now: Date) {
  const [plan] = await db
    .select({
      planId: subscriptions.planId,
      status: subscriptions.status,
      features: plans.features,
      maxAgents: plans.maxAgents,
      maxCustomPersonas: plans.maxCustomPersonas,
      maxConcurrentSessions: plans.maxConcurrentSessions,
      includedSeconds: plans.includedSeconds,
    })
    .from(subscriptions)
    .innerJoin(plans, eq(plans.id, subscriptions.planId))
    .where(eq(subscriptions.partnerId, partnerId));
  const addons = await db
    .select()
    .from(subscriptionAddons)
    .where(
      and(eq(subscriptionAddons.partnerId, partnerId), eq(subscriptionAddons.status, "active")),
    );
  const features = new Set(plan && plan.status !== "canceled" ? plan.features : []);
  for (const addon of addons) {
    const trialRunning = addon.trialEndsAt !== null && addon.trialEndsAt.getTime() > now.getTime();
    if (addon.billingStatus === "paid" || (addon.billingStatus === "trial" && trialRunning)) {
      features.add(addon.addonKey);
    }
  }
  // Every partner has a subscription; without one, fail closed with no allowance at all.
  const limits = {
    maxAgents: plan?.maxAgents ?? 0,
    maxCustomPersonas: plan?.maxCustomPersonas ?? 0,
    maxConcurrentSessions: plan?.maxConcurrentSessions ?? 0,
    includedSeconds: plan?.includedSeconds ?? 0,
  };
  return { planId: plan?.planId ?? "free", features: [...features].sort(), limits };
}

export async function loadMe(services: Services, identity: SessionIdentity): Promise<Me> {
  const { db } = services.database;
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name })
    .from(users)
    .where(eq(users.id, identity.userId));
  const [partner] = await db
    .select({
      id: partners.id,
      name: partners.name,
      timezone: partners.timezone,
      isReseller: partners.isReseller,
    })
    .from(partners)
    .where(eq(partners.id, identity.partnerId));
  if (!user || !partner) throw new ApiError("unauthorized", "Sign in to the dashboard first.");
  const plan = await planFeatures(db, partner.id, services.now());
  // What the dashboard offers must match what sessions get: flags and reseller caps included.
  const entitlements = await loadEntitlements(services.database, partner.id, services.now());
  return {
    user,
    partner: { ...partner, planId: plan.planId },
    role: identity.role,
    memberships: await listMemberships(db, user.id),
    csrfToken: identity.csrfToken,
    entitlements: [...entitlements.list].sort(),
    limits: plan.limits,
  };
}

/**
 * Joins the team an invitation is for and signs in. A new email gets an account with the
 * given name and password; an existing account must prove itself with its own password
 * (holding the link alone must not sign anyone in as an existing user).
 */
export async function acceptInvitation(
  services: Services,
  input: AcceptInviteRequest,
): Promise<SignedIn> {
  const { db } = services.database;
  const gone = () => new ApiError("not_found", "This invitation is unknown, used or expired.");
  const [invitation] = await db
    .select()
    .from(invitations)
    .where(eq(invitations.tokenHash, hashToken(input.token)));
  const now = services.now();
  if (!invitation || invitation.acceptedAt || invitation.expiresAt.getTime() <= now.getTime()) {
    throw gone();
  }
  const existing = await findUserByEmail(db, invitation.email);
  if (existing) await checkPassword(services, existing, input.password);
  const passwordHash = existing ? null : await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const [claimed] = await tx
        .update(invitations)
        .set({ acceptedAt: now })
        .where(and(eq(invitations.id, invitation.id), isNull(invitations.acceptedAt)))
        .returning({ id: invitations.id });
      if (!claimed) throw gone();
      const userId = existing?.id ?? services.newId("usr");
      if (passwordHash !== null) {
        await tx
          .insert(users)
          .values({ id: userId, email: invitation.email, name: input.name, passwordHash });
      }
      await tx
        .insert(memberships)
        .values({
          id: services.newId("mem"),
          partnerId: invitation.partnerId,
          userId,
          role: invitation.role,
        })
        .onConflictDoNothing();
      const role = await roleOf(tx, invitation.partnerId, userId);
      if (!role) throw gone();
      await audit(tx, services, {
        partnerId: invitation.partnerId,
        actor: userId,
        action: "team.joined",
        targetType: "user",
        targetId: userId,
        data: { invitationId: invitation.id, role },
      });
      const session = await startSession(tx, services, userId, invitation.partnerId);
      const identity: SessionIdentity = {
        userId,
        partnerId: invitation.partnerId,
        role,
        csrfToken: session.csrfToken,
      };
      return { token: session.token, expiresAt: session.expiresAt, identity };
    });
  } catch (err) {
    // Someone signed up with this email between our read and our insert.
    if (isUniqueViolation(err))
      throw new ApiError("conflict", "Sign in, then open the link again.");
    throw err;
  }
}
