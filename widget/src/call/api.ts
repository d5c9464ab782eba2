import type {
  ConnectResponse,
  CreateSessionResponse,
  EndSessionRequest,
  HeartbeatResponse,
} from "@parley/types";
import { apiRoot, requestJson } from "../api";

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

/**
 * The typed client for the session endpoints (design §5): issue, connect, heartbeat, end.
 * It loads with the call; `GET /v1/widget/config` is in `../api.ts`. Every failure is a
 * `WidgetError`.
 */
export class WidgetApi {
  readonly base: string;

  constructor(base: string) {
    this.base = apiRoot(base);
  }

  private post<T>(path: string, bearer: string, body: unknown, keepalive = false): Promise<T> {
    const init: RequestInit = {
      method: "POST",
      headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" },
      body: JSON.stringify(body),
      keepalive,
    };
    return requestJson<T>(`${this.base}${path}`, init, send);
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
