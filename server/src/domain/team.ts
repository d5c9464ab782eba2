/**
 * A partner's team: members and their roles, and invitations. With a mail server
 * (`SMTP_URL`) an invitation's one-time link is emailed through the outbox (queued in the
 * invitation's own transaction) and shown to nobody; without one it is shown to whoever
 * created the invitation, to pass on by hand. Two rules protect the
 * account: only an owner may grant, change or take away the owner role (so an admin cannot
 * promote itself), and the last owner can be neither demoted nor removed.
 */
import type { CreatedInvitation, Invitation, InviteRequest, Role, TeamMember } from "@parley/types";
import { and, asc, eq, gt, isNull } from "drizzle-orm";
import { hashToken, randomToken } from "../auth/dashboard-session";
import type { Db } from "../db/client";
import { invitations, memberships, partners, userSessions, users } from "../db/schema";
import { invitationEmail } from "../email/invitation-email";
import { enqueueEmail } from "../email/outbox";
import { ApiError, notFound } from "../errors";
import type { PartnerAuth, Services } from "../services";
import { audit } from "./audit";
import { decodeCursor, toPage } from "./pagination";

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

const memberColumns = {
  id: memberships.id,
  userId: memberships.userId,
  role: memberships.role,
  createdAt: memberships.createdAt,
  email: users.email,
  name: users.name,
};

function memberView(row: {
  userId: string;
  email: string;
  name: string;
  role: Role;
  createdAt: Date;
}): TeamMember {
  return {
    userId: row.userId,
    email: row.email,
    name: row.name,
    role: row.role,
    joinedAt: row.createdAt.toISOString(),
  };
}

function invitationView(row: typeof invitations.$inferSelect): Invitation {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
  };
}

/** Members in the order they joined. */
export async function listMembers(
  services: Services,
  auth: PartnerAuth,
  query: { cursor?: string; limit: number },
) {
  const after = decodeCursor(query.cursor);
  const rows = await services.database.db
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(eq(memberships.partnerId, auth.partnerId), after ? gt(memberships.id, after) : undefined),
    )
    .orderBy(asc(memberships.id))
    .limit(query.limit + 1);
  const page = toPage(rows, query.limit);
  return { data: page.data.map(memberView), nextCursor: page.nextCursor };
}

/** Creates an invitation (replacing any pending one for the same email). */
export async function createInvitation(
  services: Services,
  auth: PartnerAuth,
  input: InviteRequest,
): Promise<CreatedInvitation> {
  const token = randomToken();
  const now = services.now();
  const base = services.env.PUBLIC_URL.replace(/\/$/, "");
  // The token rides in the fragment: browsers never send it to a server or in a Referer.
  const acceptUrl = `${base}/dashboard/accept-invite#token=${token}`;
  const row = await services.database.db.transaction(async (tx) => {
    const [member] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.partnerId, auth.partnerId), eq(users.email, input.email)));
    if (member) throw new ApiError("conflict", "That person is already on the team.");
    await tx
      .delete(invitations)
      .where(
        and(
          eq(invitations.partnerId, auth.partnerId),
          eq(invitations.email, input.email),
          isNull(invitations.acceptedAt),
        ),
      );
    const [created] = await tx
      .insert(invitations)
      .values({
        id: services.newId("inv"),
        partnerId: auth.partnerId,
        email: input.email,
        role: input.role,
        tokenHash: hashToken(token),
        invitedBy: auth.actor,
        createdAt: now,
        expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
      })
      .returning();
    if (!created) throw new Error("insert returned no row");
    if (services.email) {
      await enqueueEmail(tx, services, {
        ...(await invitationEmailFor(tx, auth, created, acceptUrl)),
        partnerId: auth.partnerId,
        invitationId: created.id,
      });
    }
    await audit(tx, services, {
      partnerId: auth.partnerId,
      actor: auth.actor,
      action: "team.invited",
      targetType: "invitation",
      targetId: created.id,
      data: { role: created.role, delivery: services.email ? "email" : "link" },
    });
    return created;
  });
  if (services.email) {
    services.email.kick();
    return { ...invitationView(row), delivery: "email", acceptUrl: null };
  }
  return { ...invitationView(row), delivery: "link", acceptUrl };
}

async function invitationEmailFor(
  tx: Db,
  auth: PartnerAuth,
  invitation: typeof invitations.$inferSelect,
  acceptUrl: string,
) {
  const [partner] = await tx
    .select({ name: partners.name })
    .from(partners)
    .where(eq(partners.id, auth.partnerId));
  // A secret key has no name to sign with; a dashboard user does.
  const [inviter] = await tx
    .select({ name: users.name })
    .from(users)
    .where(eq(users.id, auth.actor));
  return invitationEmail({
    to: invitation.email,
    partnerName: partner?.name ?? "your team",
    inviterName: inviter?.name || null,
    role: invitation.role,
    acceptUrl,
    expiresAt: invitation.expiresAt,
  });
}

/** Invitations not yet accepted and not yet expired, newest first. */
export async function listInvitations(services: Services, auth: PartnerAuth) {
  const rows = await services.database.db
    .select()
    .from(invitations)
    .where(
      and(
        eq(invitations.partnerId, auth.partnerId),
        isNull(invitations.acceptedAt),
        gt(invitations.expiresAt, services.now()),
      ),
    )
    .orderBy(asc(invitations.id));
  return { data: rows.reverse().map(invitationView), nextCursor: null };
}

export async function cancelInvitation(services: Services, auth: PartnerAuth, id: string) {
  const [row] = await services.database.db
    .delete(invitations)
    .where(
      and(
        eq(invitations.partnerId, auth.partnerId),
        eq(invitations.id, id),
        isNull(invitations.acceptedAt),
      ),
    )
    .returning({ id: invitations.id });
  if (!row) throw notFound("pending invitation");
  return { id: row.id, deleted: true as const };
}

export async function roleOf(db: Db, partnerId: string, userId: string): Promise<Role | undefined> {
  const [row] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.partnerId, partnerId), eq(memberships.userId, userId)));
  return row?.role;
}

/**
 * Loads the target membership and, locked, the partner's owners, and enforces the owner
 * rules. Locking the owner rows makes two owners demoting each other at once serialize,
 * so the second one sees it would leave none.
 */
async function guardOwnerChange(
  tx: Db,
  auth: PartnerAuth,
  userId: string,
  nextRole: Role | null,
): Promise<Role> {
  const owners = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.partnerId, auth.partnerId), eq(memberships.role, "owner")))
    .for("update");
  const current = await roleOf(tx, auth.partnerId, userId);
  if (!current) throw notFound("team member");
  if ((current === "owner" || nextRole === "owner") && auth.role !== "owner") {
    throw new ApiError("forbidden", "Only an owner can grant, change or remove the owner role.");
  }
  if (current === "owner" && nextRole !== "owner" && owners.length <= 1) {
    throw new ApiError("conflict", "A team needs an owner: make someone else owner first.");
  }
  return current;
}

export async function updateRole(
  services: Services,
  auth: PartnerAuth,
  userId: string,
  role: Role,
) {
  return services.database.db.transaction(async (tx) => {
    const before = await guardOwnerChange(tx, auth, userId, role);
    const [row] = await tx
      .update(memberships)
      .set({ role })
      .where(and(eq(memberships.partnerId, auth.partnerId), eq(memberships.userId, userId)))
      .returning({ id: memberships.id });
    if (!row) throw notFound("team member");
    await audit(tx, services, {
      partnerId: auth.partnerId,
      actor: auth.actor,
      action: "team.role_changed",
      targetType: "user",
      targetId: userId,
      data: { from: before, to: role },
    });
    const [member] = await tx
      .select(memberColumns)
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.id, row.id));
    if (!member) throw notFound("team member");
    return memberView(member);
  });
}

/** Removes a member and ends their sessions for this partner at once. */
export async function removeMember(services: Services, auth: PartnerAuth, userId: string) {
  return services.database.db.transaction(async (tx) => {
    const before = await guardOwnerChange(tx, auth, userId, null);
    await tx
      .delete(memberships)
      .where(and(eq(memberships.partnerId, auth.partnerId), eq(memberships.userId, userId)));
    await tx
      .delete(userSessions)
      .where(and(eq(userSessions.partnerId, auth.partnerId), eq(userSessions.userId, userId)));
    await audit(tx, services, {
      partnerId: auth.partnerId,
      actor: auth.actor,
      action: "team.removed",
      targetType: "user",
      targetId: userId,
      data: { role: before },
    });
    return { id: userId, deleted: true as const };
  });
}
