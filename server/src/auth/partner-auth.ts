import { and, eq, isNull } from "drizzle-orm";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { apiKeys, type Role } from "../db/schema";
import { ApiError } from "../errors";
import type { AppEnv, PartnerAuth } from "../services";
import { authenticateCookie, readSessionCookie } from "./dashboard-session";
import { hashKey, keyPattern } from "./keys";

/**
 * Partner API authentication, then authorisation. Either `Authorization: Bearer sk_…`
 * (server to server; acts as `admin`) or the dashboard cookie (the member's role; writes
 * need `X-CSRF-Token`). An Authorization header wins over a cookie. The partner comes from
 * the key or the session, never from the request. A revoked key is refused on its very
 * next request (no cache).
 */
export const partnerAuth = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header("authorization");
  const cookie = header === undefined ? readSessionCookie(c) : undefined;
  const auth = cookie ? await byCookie(c, cookie) : await bySecretKey(c, header ?? "");
  if (!roleAllows(auth.role, c.req.method, c.req.path)) {
    throw new ApiError("forbidden", `The ${auth.role} role may not ${c.req.method} ${c.req.path}.`);
  }
  c.set("auth", auth);
  await next();
  // A committed write may change how this partner's sessions resolve. Other instances hear
  // the NOTIFY sent in the write's transaction; this one forgets at once, so its very next
  // request (a revoked key, a paused agent) is refused.
  if (c.req.method !== "GET" && c.res.status < 400) {
    c.var.services.resolutionCache.dropLocal(auth.partnerId);
  }
});

async function byCookie(c: Context<AppEnv>, token: string): Promise<PartnerAuth> {
  const session = await authenticateCookie(c, token);
  return { partnerId: session.partnerId, actor: session.userId, role: session.role };
}

async function bySecretKey(c: Context<AppEnv>, header: string): Promise<PartnerAuth> {
  const match = /^Bearer (\S+)$/.exec(header);
  if (!match?.[1]) {
    throw new ApiError("unauthorized", "Send a secret key as `Authorization: Bearer sk_…`.");
  }
  const key = match[1];
  if (!keyPattern.test(key) || !key.startsWith("sk_")) {
    throw new ApiError("invalid_key", "That is not a valid secret key.");
  }
  const { database, now } = c.var.services;
  const [row] = await database.db
    .update(apiKeys)
    .set({ lastUsedAt: now() })
    .where(
      and(eq(apiKeys.hash, hashKey(key)), eq(apiKeys.kind, "secret"), isNull(apiKeys.revokedAt)),
    )
    .returning({ id: apiKeys.id, partnerId: apiKeys.partnerId });
  if (!row) throw new ApiError("invalid_key", "That secret key is unknown or revoked.");
  return { partnerId: row.partnerId, actor: row.id, role: "admin" };
}

const rank: Record<Role, number> = { viewer: 0, member: 1, admin: 2, owner: 3 };

interface AccessRule {
  methods: readonly string[];
  /** Matches this path and everything below it (`/v1/agents`, `/v1/agents/agt_…/…`). */
  prefix: string;
  /** The least role that may do it. */
  least: Role;
}

const reads = ["GET", "HEAD", "OPTIONS"];
const writes = ["POST", "PUT", "PATCH", "DELETE"];

/**
 * Who may do what on the partner API, in one table (design §5 "Roles"). The first rule
 * whose method and path prefix match decides; a request no rule names needs `admin`, so a
 * route added later is closed to members and viewers until a rule here opens it.
 *
 * - viewer: reads everything (GET), changes nothing.
 * - member: also creates, edits and deletes agents and personas.
 * - admin: everything else (keys, team, brand, sub-accounts, partner settings) — secret
 *   keys act as admin.
 * - owner: also billing and deleting partners (the account itself or a sub-account).
 */
const accessRules: readonly AccessRule[] = [
  { methods: reads, prefix: "/v1", least: "viewer" },
  // A POST that only reads: the dashboard asks it to show or hide features.
  { methods: ["POST"], prefix: "/v1/feature-flags/check", least: "viewer" },
  { methods: writes, prefix: "/v1/agents", least: "member" },
  { methods: writes, prefix: "/v1/personas", least: "member" },
  { methods: writes, prefix: "/v1/billing", least: "owner" },
  { methods: ["DELETE"], prefix: "/v1/partner", least: "owner" },
  { methods: ["DELETE"], prefix: "/v1/subaccounts", least: "owner" },
];

const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`);

/** Whether `role` may make this request; see `accessRules`. */
export function roleAllows(role: Role, method: string, path: string): boolean {
  const rule = accessRules.find((r) => r.methods.includes(method) && under(path, r.prefix));
  return rank[role] >= rank[rule?.least ?? "admin"];
}
