import type { ErrorCode } from "@parley/types";
import type {
  AcceptInviteBody,
  Agent,
  ApiKey,
  CreateAgentBody,
  CreatedInvitation,
  CreatedKey,
  CreateKeyBody,
  CreatePersonaBody,
  FromTemplateBody,
  Invitation,
  InviteBody,
  LoginBody,
  Me,
  Page,
  Persona,
  Role,
  Session,
  SessionStatus,
  SessionSummary,
  SignupBody,
  TeamMember,
  UpdateAgentBody,
  UpdatePersonaBody,
  UsageReport,
  Voice,
  VoiceProvider,
} from "./types";
import { parseVoices } from "./voices";

export interface FieldError {
  path: string;
  message: string;
}

export type ApiErrorCode = ErrorCode | "network_error";

/** A problem+json answer (design §6), or a network failure, as one typed error. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly detail: string;
  readonly errors: FieldError[];
  /** Where to buy what was missing, for `upgrade_required`. */
  readonly upgradeUrl: string | null;

  constructor(init: {
    status: number;
    code: ApiErrorCode;
    detail: string;
    errors?: FieldError[];
    upgradeUrl?: string | null;
  }) {
    super(init.detail);
    this.name = "ApiError";
    this.status = init.status;
    this.code = init.code;
    this.detail = init.detail;
    this.errors = init.errors ?? [];
    this.upgradeUrl = init.upgradeUrl ?? null;
  }

  /** The server's message for one form field (`allowedOrigins.0` matches `allowedOrigins`). */
  fieldError(path: string): string | undefined {
    return this.errors.find((e) => e.path === path || e.path.startsWith(`${path}.`))?.message;
  }
}

const statusCodes: Record<number, ErrorCode> = {
  400: "validation_failed",
  401: "unauthorized",
  402: "upgrade_required",
  403: "forbidden",
  404: "not_found",
  409: "conflict",
  413: "payload_too_large",
  415: "unsupported_media_type",
  429: "rate_limited",
  503: "provider_unavailable",
};

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function fieldErrors(v: unknown): FieldError[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((e) =>
    isRecord(e) && typeof e.path === "string" && typeof e.message === "string"
      ? [{ path: e.path, message: e.message }]
      : [],
  );
}

/** Turns any failed response into an ApiError, trusting only the fields it can check. */
export async function toApiError(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // Not JSON (a proxy's HTML page, an empty body): fall back to the status.
  }
  const fallback = statusCodes[res.status] ?? "internal_error";
  if (!isRecord(body)) {
    return new ApiError({
      status: res.status,
      code: fallback,
      detail: res.statusText || `Request failed with status ${res.status}.`,
    });
  }
  return new ApiError({
    status: res.status,
    // Any string the server sends is a code it documents; unknown ones still display.
    code: typeof body.code === "string" ? (body.code as ErrorCode) : fallback,
    detail:
      typeof body.detail === "string"
        ? body.detail
        : typeof body.title === "string"
          ? body.title
          : `Request failed with status ${res.status}.`,
    errors: fieldErrors(body.errors),
    upgradeUrl: typeof body.upgradeUrl === "string" ? body.upgradeUrl : null,
  });
}

type Query = Record<string, string | number | undefined | null>;
type Method = "GET" | "POST" | "PATCH" | "DELETE";

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== "") params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export interface SessionFilters {
  agent?: string;
  status?: SessionStatus;
  provider?: VoiceProvider;
  from?: string;
  to?: string;
}

export interface PartnerSettings {
  name: string;
  timezone: string;
}

/**
 * The dashboard's typed client. Cookie auth, same origin; every state-changing request
 * carries the CSRF token the server handed out with `Me`.
 */
export class Api {
  csrfToken: string | null = null;
  /** Called when a signed-in request comes back 401 (the session ended elsewhere). */
  onUnauthorized: (() => void) | null = null;
  private readonly fetchFn: typeof fetch;

  constructor(fetchFn: typeof fetch = (input, init) => globalThis.fetch(input, init)) {
    this.fetchFn = fetchFn;
  }

  async request<T>(method: Method, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: "application/json" };
    if (body !== undefined) headers["content-type"] = "application/json";
    if (method !== "GET" && this.csrfToken) headers["x-csrf-token"] = this.csrfToken;
    let res: Response;
    try {
      res = await this.fetchFn(path, {
        method,
        headers,
        credentials: "same-origin",
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError({
        status: 0,
        code: "network_error",
        detail: "Could not reach Parley. Check your connection and try again.",
      });
    }
    if (!res.ok) {
      const error = await toApiError(res);
      if (res.status === 401 && !path.startsWith("/v1/auth/")) this.onUnauthorized?.();
      throw error;
    }
    // The parsed boundary: the server validates every response against the shared schema
    // (and answers 204 only where the caller expects nothing), so its shape is trusted here.
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  private async remember(me: Promise<Me>): Promise<Me> {
    const value = await me;
    this.csrfToken = value.csrfToken;
    return value;
  }

  // Auth
  me = () => this.remember(this.request<Me>("GET", "/v1/auth/me"));
  signup = (body: SignupBody) => this.remember(this.request<Me>("POST", "/v1/auth/signup", body));
  login = (body: LoginBody) => this.remember(this.request<Me>("POST", "/v1/auth/login", body));
  /** Acts for another partner the user belongs to; the server rotates the session. */
  switchPartner = (partnerId: string) =>
    this.remember(this.request<Me>("POST", "/v1/auth/switch", { partnerId }));
  /** Joins the team an invitation link is for (and signs in as its member). */
  acceptInvite = (body: AcceptInviteBody) =>
    this.remember(this.request<Me>("POST", "/v1/auth/accept-invite", body));
  async logout(): Promise<void> {
    await this.request<unknown>("POST", "/v1/auth/logout");
    this.csrfToken = null;
  }

  // Agents
  listAgents = (cursor?: string) =>
    this.request<Page<Agent>>("GET", withQuery("/v1/agents", { cursor, limit: 100 }));
  getAgent = (id: string) => this.request<Agent>("GET", `/v1/agents/${encodeURIComponent(id)}`);
  createAgent = (body: CreateAgentBody) => this.request<Agent>("POST", "/v1/agents", body);
  updateAgent = (id: string, body: UpdateAgentBody) =>
    this.request<Agent>("PATCH", `/v1/agents/${encodeURIComponent(id)}`, body);
  deleteAgent = (id: string) =>
    this.request<unknown>("DELETE", `/v1/agents/${encodeURIComponent(id)}`);

  // Personas
  listPersonas = (cursor?: string) =>
    this.request<Page<Persona>>("GET", withQuery("/v1/personas", { cursor, limit: 100 }));
  listTemplates = () => this.request<Page<Persona>>("GET", "/v1/personas/templates");
  getPersona = (id: string) =>
    this.request<Persona>("GET", `/v1/personas/${encodeURIComponent(id)}`);
  createPersona = (body: CreatePersonaBody) => this.request<Persona>("POST", "/v1/personas", body);
  personaFromTemplate = (body: FromTemplateBody) =>
    this.request<Persona>("POST", "/v1/personas/from-template", body);
  updatePersona = (id: string, body: UpdatePersonaBody) =>
    this.request<Persona>("PATCH", `/v1/personas/${encodeURIComponent(id)}`, body);
  deletePersona = (id: string) =>
    this.request<unknown>("DELETE", `/v1/personas/${encodeURIComponent(id)}`);

  // Keys
  listKeys = () => this.request<Page<ApiKey>>("GET", withQuery("/v1/keys", { limit: 100 }));
  createKey = (body: CreateKeyBody) => this.request<CreatedKey>("POST", "/v1/keys", body);
  revokeKey = (id: string) => this.request<unknown>("DELETE", `/v1/keys/${encodeURIComponent(id)}`);

  // Sessions and usage
  listSessions = (filters: SessionFilters, cursor?: string) =>
    this.request<Page<SessionSummary>>(
      "GET",
      withQuery("/v1/sessions", { ...filters, cursor, limit: 50 }),
    );
  getSession = (id: string) =>
    this.request<Session>("GET", `/v1/sessions/${encodeURIComponent(id)}`);
  usage = (query: {
    from: string;
    to: string;
    groupBy: "day" | "agent" | "provider";
    split?: "agent" | "provider";
  }) => this.request<UsageReport>("GET", withQuery("/v1/usage", query));

  // Team and settings
  listTeam = () => this.request<Page<TeamMember>>("GET", "/v1/team");
  listInvitations = () => this.request<Page<Invitation>>("GET", "/v1/team/invitations");
  invite = (body: InviteBody) =>
    this.request<CreatedInvitation>("POST", "/v1/team/invitations", body);
  revokeInvitation = (id: string) =>
    this.request<unknown>("DELETE", `/v1/team/invitations/${encodeURIComponent(id)}`);
  changeRole = (userId: string, role: Role) =>
    this.request<TeamMember>("PATCH", `/v1/team/${encodeURIComponent(userId)}`, { role });
  removeMember = (userId: string) =>
    this.request<unknown>("DELETE", `/v1/team/${encodeURIComponent(userId)}`);
  updateSettings = (body: PartnerSettings) =>
    this.request<Me["partner"]>("PATCH", "/v1/partner", body);

  /** The voice catalogue; until `/v1/voices` exists, the standard OpenAI voices. */
  async listVoices(): Promise<Voice[]> {
    try {
      return parseVoices(await this.request<unknown>("GET", "/v1/voices"));
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return parseVoices(null);
      throw error;
    }
  }
}
