/**
 * Dashboard sign-in sessions (design §5): the cookie `parley_session` carries 32 random
 * bytes; the database keeps only their SHA-256, so a leaked table signs nobody in. Every
 * state-changing request by cookie must echo the session's CSRF token in `X-CSRF-Token`.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type { Db } from "../db/client";
import { memberships, type Role, userSessions } from "../db/schema";
import { ApiError } from "../errors";
import type { AppEnv, Services } from "../services";

export const SESSION_COOKIE = "parley_session";
export const SESSION_TTL_MS = 14 * 24 * 60 * 60 * 1000;
/** Sliding expiry writes at most once an hour, not on every request. */
const SLIDE_EVERY_MS = 60 * 60 * 1000;
const unsafeMethods = new Set(["POST", "PUT", "PATCH", "DELETE"]);

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
}

/** Starts a session; the returned `token` goes into the cookie and is never stored. */
export async function startSession(
  db: Db,
  services: Pick<Services, "newId" | "now">,
  userId: string,
  partnerId: string,
) {
  const token = randomToken();
  const csrfToken = randomToken();
  const now = services.now();
  const id = services.newId("uss");
  await db.insert(userSessions).values({
    id,
    userId,
    partnerId,
    tokenHash: hashToken(token),
    csrfToken,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
  });
  return { token, csrfToken, id };
}

export async function endSession(services: Services, sessionId: string) {
  await services.database.db.delete(userSessions).where(eq(userSessions.id, sessionId));
}

/**
 * Resolves a cookie token. An expired session, or one whose user has since left the team,
 * is deleted and reads as absent. The role is read from the membership on every request,
 * so a role change takes effect at once.
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
  if (row.expiresAt.getTime() <= now.getTime() || row.role === null) {
    await db.delete(userSessions).where(eq(userSessions.id, row.id));
    return null;
  }
  const slid = now.getTime() - row.lastSeenAt.getTime() >= SLIDE_EVERY_MS;
  if (slid) {
    await db
      .update(userSessions)
      .set({ lastSeenAt: now, expiresAt: new Date(now.getTime() + SESSION_TTL_MS) })
      .where(eq(userSessions.id, row.id));
  }
  const { id, userId, partnerId, csrfToken, role } = row;
  return { session: { id, userId, partnerId, csrfToken, role }, slid };
}

export function setSessionCookie(c: Context<AppEnv>, token: string) {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "Lax",
    path: "/",
    secure: c.var.services.env.PUBLIC_URL.startsWith("https:"),
    maxAge: SESSION_TTL_MS / 1000,
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
  if (resolved.slid) setSessionCookie(c, token);
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
