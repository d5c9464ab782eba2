/** The words of an invitation email (plain text: it reads the same in every client). */
import type { Role } from "../db/schema";
import type { Email } from "./mailer";

const roleWords: Record<Role, string> = {
  owner: "an owner",
  admin: "an admin",
  member: "a member",
  viewer: "a viewer",
};

export function invitationEmail(input: {
  to: string;
  partnerName: string;
  inviterName: string | null;
  role: Role;
  acceptUrl: string;
  expiresAt: Date;
}): Email {
  const who = input.inviterName ? `${input.inviterName} invited you` : "You are invited";
  const until = input.expiresAt.toUTCString().replace(/ GMT$/, " UTC");
  return {
    to: input.to,
    subject: `Join ${input.partnerName} on Parley`,
    text: [
      `${who} to join ${input.partnerName} on Parley as ${roleWords[input.role]}.`,
      "",
      "Open this link to accept (it works once):",
      input.acceptUrl,
      "",
      `The invitation expires on ${until}.`,
      "If you did not expect it, you can ignore this email.",
    ].join("\n"),
  };
}
