import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../services";
import { registerAcceptInvite } from "./accept";
import { registerCancelInvitation } from "./cancel-invitation";
import { registerInvite } from "./invite";
import { registerListMembers } from "./list";
import { registerListInvitations } from "./list-invitations";
import { registerRemoveMember } from "./remove";
import { registerUpdateRole } from "./update-role";

/** Team members, roles and invitations; who may change them is decided in partner-auth. */
export function registerTeamRoutes(app: OpenAPIHono<AppEnv>) {
  registerListMembers(app);
  registerListInvitations(app);
  registerInvite(app);
  registerCancelInvitation(app);
  registerAcceptInvite(app);
  registerUpdateRole(app);
  registerRemoveMember(app);
}
