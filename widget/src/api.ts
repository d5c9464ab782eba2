import type { WidgetConfig } from "@parley/types";

/**
 * The widget's side of `/v1/widget/*` (design §5) that every page needs: the error type and
 * one JSON request, used here for `GET /v1/widget/config`. The session endpoints' client
 * (`call/api.ts`) loads with the call.
 */

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

/** The API base without trailing slashes, so paths can be appended. */
export const apiRoot = (base: string) => base.replace(/\/+$/, "");

/**
 * One request to the widget API, without cookies. Every failure is a `WidgetError`; `send`
 * is `fetch` unless the caller needs to retry differently or already has the response.
 */
export async function requestJson<T>(
  url: string,
  init: RequestInit,
  send: (url: string, init: RequestInit) => Promise<Response> = (u, i) => fetch(u, i),
): Promise<T> {
  let response: Response;
  try {
    response = await send(url, { ...init, credentials: "omit" });
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

/** Config requests the bootstrap started before this module arrived, by URL (see boot.ts). */
const prefetched = new Map<string, Promise<Response>>();

/** Keeps a config response the bootstrap started, for the first `fetchConfig` of that URL. */
export function adoptPrefetch(url: string, response: Promise<Response>): void {
  prefetched.set(url, response);
}

/**
 * `GET /v1/widget/config`: what the launcher needs, before any interaction. The bootstrap's
 * request for the same URL is used once, if there is one; a retry asks again.
 */
export function fetchConfig(base: string, agent: string, key: string): Promise<WidgetConfig> {
  const query = new URLSearchParams({ agent, key });
  const url = `${apiRoot(base)}/v1/widget/config?${query}`;
  const early = prefetched.get(url);
  prefetched.delete(url);
  return requestJson<WidgetConfig>(url, { method: "GET" }, early && (() => early));
}
