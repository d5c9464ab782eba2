import type {
  ConnectResponse,
  CreateSessionResponse,
  EndSessionRequest,
  HeartbeatResponse,
  WidgetConfig,
} from "@parley/types";

/**
 * A failed widget request, reduced to what the visitor and the page need: the stable
 * problem+json `code` (or a widget-side one such as `network`), the server's detail, and
 * `nextOpenAt` when the agent is offline.
 */
export class WidgetError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 0,
    readonly nextOpenAt: string | null = null,
  ) {
    super(message);
    this.name = "WidgetError";
  }
}

type Json = Record<string, unknown>;

function isJson(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

async function readProblem(response: Response): Promise<WidgetError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // A proxy's HTML error page is still an error; the status is all we have.
  }
  const code = isJson(body) && typeof body.code === "string" ? body.code : "unknown";
  const detail =
    isJson(body) && typeof body.detail === "string" ? body.detail : response.statusText;
  const nextOpenAt = isJson(body) && typeof body.nextOpenAt === "string" ? body.nextOpenAt : null;
  return new WidgetError(code, detail || `HTTP ${response.status}`, response.status, nextOpenAt);
}

async function send(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    // Some older Chromium builds (smart TVs) refuse a keepalive request that needs a CORS
    // preflight; a plain request still works whenever the page stays.
    if (init.keepalive) return fetch(url, { ...init, keepalive: false });
    throw error;
  }
}

/** The typed client for `/v1/widget/*` (design §5). Every failure is a `WidgetError`. */
export class WidgetApi {
  readonly base: string;

  constructor(base: string) {
    this.base = base.replace(/\/+$/, "");
  }

  private async request<T>(path: string, init: RequestInit): Promise<T> {
    let response: Response;
    try {
      response = await send(`${this.base}${path}`, { ...init, credentials: "omit" });
    } catch {
      throw new WidgetError("network", "The server could not be reached.");
    }
    if (!response.ok) throw await readProblem(response);
    try {
      // The server validates these shapes with the same zod schemas the types come from.
      return (await response.json()) as T;
    } catch {
      throw new WidgetError("network", "The server answered with something that is not JSON.");
    }
  }

  private post<T>(path: string, bearer: string, body: unknown, keepalive = false): Promise<T> {
    return this.request<T>(path, {
      method: "POST",
      headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" },
      body: JSON.stringify(body),
      keepalive,
    });
  }

  config(agent: string, key: string): Promise<WidgetConfig> {
    const query = new URLSearchParams({ agent, key });
    return this.request<WidgetConfig>(`/v1/widget/config?${query}`, { method: "GET" });
  }

  createSession(
    key: string,
    agent: string,
    metadata: Record<string, unknown> | undefined,
  ): Promise<CreateSessionResponse> {
    return this.post("/v1/widget/sessions", key, metadata ? { agent, metadata } : { agent });
  }

  connect(sessionId: string, token: string): Promise<ConnectResponse> {
    return this.post(`/v1/widget/sessions/${encodeURIComponent(sessionId)}/connect`, token, {});
  }

  heartbeat(sessionId: string, token: string): Promise<HeartbeatResponse> {
    return this.post(`/v1/widget/sessions/${encodeURIComponent(sessionId)}/heartbeat`, token, {});
  }

  /**
   * `keepalive` lets the request outlive the page (tab closed, navigation), so the partner's
   * reserved minutes come back at once instead of when the sweeper notices.
   */
  end(sessionId: string, token: string, body: EndSessionRequest): Promise<unknown> {
    const path = `/v1/widget/sessions/${encodeURIComponent(sessionId)}/end`;
    return this.post(path, token, body, true);
  }
}
