import type {
  AcceptInviteRequest,
  ApiKey,
  CreateAgentRequest,
  CreatedInvitation as CreatedInvitationSchema,
  CreatedKey as CreatedKeySchema,
  CreateKeyRequest,
  CreatePersonaFromTemplateRequest,
  CreatePersonaRequest,
  InviteRequest,
  LoginRequest,
  Me as MeSchema,
  SessionSummary as SessionSummarySchema,
  SignupRequest,
  TeamMember as TeamMemberSchema,
  UpdateAgentRequest,
  UpdatePersonaRequest,
  VoiceProvider,
} from "@parley/types";

/*
 * The wire types, read straight from the shared zod schemas so they never drift. Only
 * types are imported: zod itself never ships in the dashboard bundle. `_zod.output` and
 * `_zod.input` are what `z.output`/`z.input` read; using them structurally saves the
 * dashboard a dependency on zod for two type helpers.
 */
type Schema = { _zod: { output: unknown; input: unknown } };
export type Output<S extends Schema> = S["_zod"]["output"];
export type Input<S extends Schema> = S["_zod"]["input"];

export type {
  Agent,
  ApiKey,
  Me,
  Persona,
  Problem,
  Role,
  Session,
  UsageReport,
  VoiceProvider,
  WorkingHours,
} from "@parley/types";

export type SessionSummary = Output<typeof SessionSummarySchema>;
export type SessionStatus = SessionSummary["status"];
export type TeamMember = Output<typeof TeamMemberSchema>;
export type CreatedKey = Output<typeof CreatedKeySchema>;
export type CreatedInvitation = Output<typeof CreatedInvitationSchema>;
/** A partner the signed-in user belongs to, and the role there (the switcher lists them). */
export type Membership = Output<typeof MeSchema>["memberships"][number];
export type ApiKeyRow = ApiKey;

export type SignupBody = Input<typeof SignupRequest>;
export type LoginBody = Input<typeof LoginRequest>;
export type CreateAgentBody = Input<typeof CreateAgentRequest>;
export type UpdateAgentBody = Input<typeof UpdateAgentRequest>;
export type CreatePersonaBody = Input<typeof CreatePersonaRequest>;
export type UpdatePersonaBody = Input<typeof UpdatePersonaRequest>;
export type FromTemplateBody = Input<typeof CreatePersonaFromTemplateRequest>;
export type CreateKeyBody = Input<typeof CreateKeyRequest>;
export type InviteBody = Input<typeof InviteRequest>;
export type AcceptInviteBody = Input<typeof AcceptInviteRequest>;

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/** A voice a partner can pick. `/v1/voices` has no shared schema yet; this is what we read. */
export interface Voice {
  id: string;
  name: string;
  provider: VoiceProvider;
  labels: string[];
  premium: boolean;
  /** A short sample to play before choosing, when the provider has one. */
  previewUrl: string | null;
}

export interface Invitation {
  id: string;
  email: string;
  role: string;
  createdAt: string;
}
