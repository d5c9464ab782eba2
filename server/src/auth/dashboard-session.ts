/**
 * Dashboard sign-in sessions (design §5): the cookie `parley_session` carries 32 random
 * bytes; the database keeps only their SHA-256, so a leaked table signs nobody in. Every
 * state-changing request by cookie must echo the session's CSRF token in `X-CSRF-Token`.
 *
 * Two expiries, both from the environment: idle (`DASHBOARD_SESSION_IDLE_MINUTES` without a
 * request) and absolute (`DASHBOARD_SESSION_MAX_HOURS` after the password was entered, however
 * busy the session). `expires_at` holds whichever comes first; `created_at` is the sign-in
 * time, carried over when a session is rotated (switching partner), so rotating never
 * extends the absolute limit.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type { Db } from "../db/client";
import { memberships, type Role, userSessions } from "../db/schema";
import type { Env } from "../env";
import { ApiError } from "../errors";
import type { AppEnv, Services } from "../services";

export const SESSION_COOKIE = "parley_session";
const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const unsafeMethods = new Set(["POST", "PUT", "PATCH", "DELETE"]);

type ExpiryEnv = Pick<Env, "DASHBOARD_SESSION_IDLE_MINUTES" | "DASHBOARD_SESSION_MAX_HOURS">;

/** The session lifetimes the environment sets, in milliseconds. */
export function sessionLimits(env: ExpiryEnv) {
  const idleMs = env.DASHBOARD_SESSION_IDLE_MINUTES * MINUTE;
  return {
    idleMs,
    absoluteMs: env.DASHBOARD_SESSION_MAX_HOURS * HOUR,
    /** Sliding the idle expiry writes at most this often, not on every request. */
    slideEveryMs: Math.min(HOUR, idleMs / 12),
  };
}

/** When a session signed in at `signedInAt` and last used at `lastSeenAt` ends. */
export function expiryOf(env: ExpiryEnv, signedInAt: Date, lastSeenAt: Date): Date {
  const { idleMs, absoluteMs } = sessionLimits(env);
  return new Date(Math.min(lastSeenAt.getTime() + idleMs, signedInAt.getTime() + absoluteMs));
}

/** 32 random bytes, base64url: session cookies, CSRF tokens and invitation tokens. */
export const randomToken = () => randomBytes(32).toString("base64url");
export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Constant-time equality for secrets of any length (hashing first equalises the lengths). */
export function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(
    createHash("sha256").update(a).digest(),
    createHash("sha256").update(b).digest(),
  );
}

/** Who a valid dashboard session is: the user, the partner it acts for, and the role there. */
export interface DashboardSession {
  id: string;
  userId: string;
  partnerId: string;
  role: Role;
  csrfToken: string;
  /** When the password was entered: the absolute expiry counts from here. */
  signedInAt: Date;
  expiresAt: Date;
}

/**
 * Starts a session; the returned `token` goes into the cookie and is never stored.
 * `signedInAt` (default now) is when the password was entered: a rotated session keeps it.
 */
export async function startSession(
  db: Db,
  services: Pick<Services, "newId" | "now" | "env">,
  userId: string,
  partnerId: string,
  signedInAt?: Date,
) {
  const token = randomToken();
  const csrfToken = randomToken();
  const now = services.now();
  const since = signedInAt ?? now;
  const id = services.newId("uss");
  const expiresAt = expiryOf(services.env, since, now);
  await db.insert(userSessions).values({
    id,
    userId,
    partnerId,
    tokenHash: hashToken(token),
    csrfToken,
    createdAt: since,
    lastSeenAt: now,
    expiresAt,
  });
  return { token, csrfToken, id, expiresAt };
}

export async function endSession(services: Services, sessionId: string) {
  await services.database.db.delete(userSessions).where(eq(userSessions.id, sessionId));
}

/**
 * Resolves a cookie token. An expired session (idle or absolute), or one whose user has
 * since left the team, is deleted and reads as absent. The role is read from the membership
 * on every request, so a role change takes effect at once.
 */
export async function resolveSession(
  services: Services,
  token: string,
): Promise<{ session: DashboardSession; slid: boolean } | null> {
  const { db } = services.database;
  const [row] = await db
    .select({
      id: userSessions.id,
      userId: userSessions.userId,
      partnerId: userSessions.partnerId,
      csrfToken: userSessions.csrfToken,
      createdAt: userSessions.createdAt,
      expiresAt: userSessions.expiresAt,
      lastSeenAt: userSessions.lastSeenAt,
      role: memberships.role,
    })
    .from(userSessions)
    .leftJoin(
      memberships,
      and(
        eq(memberships.partnerId, userSessions.partnerId),
        eq(memberships.userId, userSessions.userId),
      ),
    )
    .where(eq(userSessions.tokenHash, hashToken(token)));
  if (!row) return null;
  const now = services.now();
  // Recomputed as well as stored: a lowered limit applies to sessions already open.
  const ends = Math.min(
    row.expiresAt.getTime(),
    expiryOf(services.env, row.createdAt, row.lastSeenAt).getTime(),
  );
  if (ends <= now.getTime() || row.role === null) {
    await db.delete(userSessions).where(eq(userSessions.id, row.id));
    return null;
  }
  const { slideEveryMs } = sessionLimits(services.env);
  const slid = now.getTime() - row.lastSeenAt.getTime() >= slideEveryMs;
  let expiresAt = new Date(ends);
  if (slid) {
    expiresAt = expiryOf(services.env, row.createdAt, now);
    await db
      .update(userSessions)
      .set({ lastSeenAt: now, expiresAt })
      .where(eq(userSessions.id, row.id));
  }
  const { id, userId, partnerId, csrfToken, role } = row;
  return {
    session: { id, userId, partnerId, csrfToken, role, signedInAt: row.createdAt, expiresAt },
    slid,
  };
}

/** The cookie lives exactly as long as the session (the server enforces it either way). */
export function setSessionCookie(c: Context<AppEnv>, token: string, expiresAt: Date) {
  const seconds = Math.ceil((expiresAt.getTime() - c.var.services.now().getTime()) / 1000);
  // One session cookie per response: a switch replaces the refresh of the session it ends.
  c.header("set-cookie", undefined);
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "Lax",
    path: "/",
    secure: c.var.services.env.PUBLIC_URL.startsWith("https:"),
    maxAge: Math.max(0, seconds),
  });
}

export function clearSessionCookie(c: Context<AppEnv>) {
  deleteCookie(c, SESSION_COOKIE, {
    path: "/",
    secure: c.var.services.env.PUBLIC_URL.startsWith("https:"),
  });
}

export const readSessionCookie = (c: Context<AppEnv>) => getCookie(c, SESSION_COOKIE) || undefined;

/**
 * The cookie half of authentication: a live session, and for POST/PUT/PATCH/DELETE the
 * session's CSRF token in `X-CSRF-Token` (the cookie alone proves nothing: browsers send
 * it on cross-site form posts too). Refreshes the cookie when the expiry slid.
 */
export async function authenticateCookie(
  c: Context<AppEnv>,
  token: string,
): Promise<DashboardSession> {
  const resolved = await resolveSession(c.var.services, token);
  if (!resolved) {
    throw new ApiError("unauthorized", "Your dashboard session has ended; sign in again.");
  }
  if (unsafeMethods.has(c.req.method)) {
    const sent = c.req.header("x-csrf-token");
    if (!sent || !sameSecret(sent, resolved.session.csrfToken)) {
      throw new ApiError("forbidden", "Send the session's CSRF token as `X-CSRF-Token`.");
    }
  }
  if (resolved.slid) setSessionCookie(c, token, resolved.session.expiresAt);
  return resolved.session;
}

/** For routes that only a signed-in dashboard user may call (`/v1/auth/me`, logout). */
export async function requireDashboardSession(c: Context<AppEnv>): Promise<DashboardSession> {
  const token = readSessionCookie(c);
  if (!token) throw new ApiError("unauthorized", "Sign in to the dashboard first.");
  return authenticateCookie(c, token);
}

/**
 * Sign-up, sign-in and accepting an invitation happen before there is a session (so no
 * CSRF token): a browser's Origin header from any other site is refused instead.
 */
export const sameOriginOnly = createMiddleware<AppEnv>(async (c, next) => {
  const origin = c.req.header("origin");
  if (origin !== undefined && origin !== new URL(c.var.services.env.PUBLIC_URL).origin) {
    throw new ApiError("forbidden", "Sign in from the dashboard's own origin.");
  }
  await next();
});
