import type { SessionFilters } from "./api";
import type { SessionStatus, VoiceProvider } from "./types";

export const BASE = "/dashboard/";

export type AgentTab = "settings" | "embed";

export type Route =
  | { page: "sign-in"; next?: string }
  | { page: "sign-up" }
  | { page: "accept-invite" }
  | { page: "overview" }
  | { page: "agents" }
  | { page: "agent-new"; persona?: string }
  | { page: "agent"; id: string; tab: AgentTab }
  | { page: "personas" }
  | { page: "persona-new" }
  | { page: "persona"; id: string }
  | { page: "sessions"; filters: SessionFilters }
  | { page: "session"; id: string }
  | { page: "keys" }
  | { page: "team" }
  | { page: "settings" }
  | { page: "not-found"; path: string };

export type PageName = Route["page"];

const statuses: readonly SessionStatus[] = ["issued", "connected", "ended", "expired", "failed"];
const providers: readonly VoiceProvider[] = ["elevenlabs", "openai"];
const isDate = (v: string | null): v is string => !!v && /^\d{4}-\d{2}-\d{2}$/.test(v);
const oneOf = <T extends string>(list: readonly T[], v: string | null): T | undefined =>
  list.find((x) => x === v);

function sessionFilters(q: URLSearchParams): SessionFilters {
  const filters: SessionFilters = {};
  const agent = q.get("agent");
  if (agent) filters.agent = agent;
  const status = oneOf(statuses, q.get("status"));
  if (status) filters.status = status;
  const provider = oneOf(providers, q.get("provider"));
  if (provider) filters.provider = provider;
  const from = q.get("from");
  if (isDate(from)) filters.from = from;
  const to = q.get("to");
  if (isDate(to)) filters.to = to;
  return filters;
}

/** URL → state. Unknown paths become `not-found`; unknown filter values are dropped. */
export function parseRoute(pathname: string, search = ""): Route {
  const rest = pathname.startsWith(BASE)
    ? pathname.slice(BASE.length)
    : pathname === BASE.slice(0, -1)
      ? ""
      : null;
  if (rest === null) return { page: "not-found", path: pathname };
  const parts = rest.split("/").filter(Boolean).map(decodeURIComponent);
  const q = new URLSearchParams(search);
  const [first, second, third] = parts;
  if (parts.length === 0) return { page: "overview" };
  if (parts.length === 1) {
    switch (first) {
      case "sign-in": {
        const next = q.get("next");
        // Only ever bounce back inside the dashboard, never to another site.
        return next?.startsWith(BASE) ? { page: "sign-in", next } : { page: "sign-in" };
      }
      case "sign-up":
      case "accept-invite":
      case "agents":
      case "personas":
      case "keys":
      case "team":
      case "settings":
        return { page: first };
      case "sessions":
        return { page: "sessions", filters: sessionFilters(q) };
    }
  }
  if (first === "agents" && second === "new" && parts.length === 2) {
    const persona = q.get("persona");
    return persona ? { page: "agent-new", persona } : { page: "agent-new" };
  }
  if (first === "agents" && second && parts.length <= 3) {
    if (third === undefined) return { page: "agent", id: second, tab: "settings" };
    if (third === "embed") return { page: "agent", id: second, tab: "embed" };
  }
  if (first === "personas" && second === "new" && parts.length === 2) {
    return { page: "persona-new" };
  }
  if (first === "personas" && second && parts.length === 2) return { page: "persona", id: second };
  if (first === "sessions" && second && parts.length === 2) return { page: "session", id: second };
  return { page: "not-found", path: pathname };
}

const enc = encodeURIComponent;

/** State → URL (path + query), the inverse of `parseRoute`. */
export function formatRoute(route: Route): string {
  switch (route.page) {
    case "overview":
      return BASE;
    case "sign-in":
      return route.next ? `${BASE}sign-in?next=${enc(route.next)}` : `${BASE}sign-in`;
    case "agent-new":
      return route.persona
        ? `${BASE}agents/new?persona=${enc(route.persona)}`
        : `${BASE}agents/new`;
    case "agent":
      return `${BASE}agents/${enc(route.id)}${route.tab === "embed" ? "/embed" : ""}`;
    case "persona-new":
      return `${BASE}personas/new`;
    case "persona":
      return `${BASE}personas/${enc(route.id)}`;
    case "session":
      return `${BASE}sessions/${enc(route.id)}`;
    case "sessions": {
      const q = new URLSearchParams();
      for (const key of ["agent", "status", "provider", "from", "to"] as const) {
        const v = route.filters[key];
        if (v) q.set(key, v);
      }
      const qs = q.toString();
      return `${BASE}sessions${qs ? `?${qs}` : ""}`;
    }
    case "not-found":
      return route.path;
    default:
      return `${BASE}${route.page}`;
  }
}

/** Pages anyone may see; every other page needs a signed-in user. */
export const isPublic = (route: Route) =>
  route.page === "sign-in" || route.page === "sign-up" || route.page === "accept-invite";

/** Public pages a signed-in user is sent away from (an invitation may be for them too). */
export const isSignedOutOnly = (route: Route) =>
  route.page === "sign-in" || route.page === "sign-up";

/**
 * Where to land after switching partner: the same section, but never a page or filter that
 * names the previous partner's things (an agent, a persona, a session).
 */
export function landingAfterSwitch(route: Route): Route {
  switch (route.page) {
    case "agent":
    case "agent-new":
      return { page: "agents" };
    case "persona":
    case "persona-new":
      return { page: "personas" };
    case "session":
    case "sessions":
      return { page: "sessions", filters: {} };
    case "keys":
    case "team":
    case "settings":
    case "agents":
    case "personas":
      return { page: route.page };
    default:
      return { page: "overview" };
  }
}

interface HistoryWindow {
  location: { pathname: string; search: string; origin: string };
  history: { pushState(data: unknown, unused: string, url: string): void } & {
    replaceState(data: unknown, unused: string, url: string): void;
  };
  addEventListener(type: "popstate", listener: () => void): void;
  removeEventListener(type: "popstate", listener: () => void): void;
}

/** History API router: the URL is the single source of truth for page and filters. */
export class Router {
  route: Route;
  private readonly listeners = new Set<(route: Route) => void>();

  constructor(private readonly win: HistoryWindow) {
    this.route = parseRoute(win.location.pathname, win.location.search);
    win.addEventListener("popstate", this.onPopState);
  }

  private readonly onPopState = () => {
    this.route = parseRoute(this.win.location.pathname, this.win.location.search);
    this.emit();
  };

  subscribe(listener: (route: Route) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  navigate(to: Route | string, options: { replace?: boolean } = {}): void {
    const url = typeof to === "string" ? to : formatRoute(to);
    const parsed = new URL(url, this.win.location.origin);
    this.route = parseRoute(parsed.pathname, parsed.search);
    const next = formatRoute(this.route);
    const current = this.win.location.pathname + this.win.location.search;
    if (options.replace) this.win.history.replaceState(null, "", next);
    else if (next !== current) this.win.history.pushState(null, "", next);
    this.emit();
  }

  /** Client-side navigation for plain `<a href>` links, even inside shadow roots. */
  handleClick(event: MouseEvent): void {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = event
      .composedPath()
      .find(
        (n): n is HTMLAnchorElement => n instanceof HTMLAnchorElement && n.hasAttribute("href"),
      );
    if (!anchor || anchor.target || anchor.hasAttribute("download")) return;
    const url = new URL(anchor.href, this.win.location.origin);
    if (url.origin !== this.win.location.origin || !url.pathname.startsWith(BASE)) return;
    event.preventDefault();
    this.navigate(url.pathname + url.search);
  }

  dispose(): void {
    this.win.removeEventListener("popstate", this.onPopState);
  }

  private emit() {
    for (const listener of this.listeners) listener(this.route);
  }
}
