import { describe, expect, it } from "vitest";
import {
  formatRoute,
  isPublic,
  isSignedOutOnly,
  landingAfterSwitch,
  parseRoute,
  type Route,
  Router,
} from "./router";

describe("parseRoute / formatRoute", () => {
  const cases: [string, Route][] = [
    ["/dashboard/", { page: "overview" }],
    ["/dashboard/sign-up", { page: "sign-up" }],
    ["/dashboard/accept-invite", { page: "accept-invite" }],
    ["/dashboard/agents", { page: "agents" }],
    ["/dashboard/agents/new?persona=per_1", { page: "agent-new", persona: "per_1" }],
    ["/dashboard/agents/agt_1", { page: "agent", id: "agt_1", tab: "settings" }],
    ["/dashboard/agents/agt_1/embed", { page: "agent", id: "agt_1", tab: "embed" }],
    ["/dashboard/personas/new", { page: "persona-new" }],
    ["/dashboard/personas/per_1", { page: "persona", id: "per_1" }],
    ["/dashboard/sessions/ses_1", { page: "session", id: "ses_1" }],
    [
      "/dashboard/sessions?agent=agt_1&status=ended&provider=openai&from=2026-11-01&to=2026-11-30",
      {
        page: "sessions",
        filters: {
          agent: "agt_1",
          status: "ended",
          provider: "openai",
          from: "2026-11-01",
          to: "2026-11-30",
        },
      },
    ],
    ["/dashboard/keys", { page: "keys" }],
    ["/dashboard/sign-in?next=%2Fdashboard%2Fkeys", { page: "sign-in", next: "/dashboard/keys" }],
  ];

  it.each(cases)("round-trips %s", (url, route) => {
    const [path, search] = url.split("?");
    expect(parseRoute(path ?? "", search ? `?${search}` : "")).toEqual(route);
    expect(formatRoute(route)).toBe(url);
  });

  it("drops filter values the API would reject", () => {
    expect(parseRoute("/dashboard/sessions", "?status=weird&provider=x&from=yesterday")).toEqual({
      page: "sessions",
      filters: {},
    });
  });

  it("never redirects sign-in to another site", () => {
    expect(parseRoute("/dashboard/sign-in", "?next=https://evil.example/")).toEqual({
      page: "sign-in",
    });
  });

  it("lets anyone open an invitation, and sends only signed-out pages away when signed in", () => {
    const accept: Route = { page: "accept-invite" };
    expect(isPublic(accept)).toBe(true);
    expect(isSignedOutOnly(accept)).toBe(false);
    expect(isSignedOutOnly({ page: "sign-in" })).toBe(true);
    expect(isPublic({ page: "team" })).toBe(false);
  });

  it("lands a partner switch on the same section, never on the old partner's things", () => {
    const cases: [Route, Route][] = [
      [{ page: "agent", id: "agt_1", tab: "embed" }, { page: "agents" }],
      [{ page: "agent-new", persona: "per_1" }, { page: "agents" }],
      [{ page: "persona", id: "per_1" }, { page: "personas" }],
      [
        { page: "session", id: "ses_1" },
        { page: "sessions", filters: {} },
      ],
      [
        { page: "sessions", filters: { agent: "agt_1" } },
        { page: "sessions", filters: {} },
      ],
      [{ page: "keys" }, { page: "keys" }],
      [{ page: "team" }, { page: "team" }],
      [{ page: "overview" }, { page: "overview" }],
      [{ page: "not-found", path: "/dashboard/x" }, { page: "overview" }],
    ];
    for (const [from, to] of cases) expect(landingAfterSwitch(from)).toEqual(to);
  });

  it("names unknown paths not-found", () => {
    expect(parseRoute("/dashboard/agents/a/b/c").page).toBe("not-found");
    expect(parseRoute("/elsewhere").page).toBe("not-found");
    expect(parseRoute("/dashboard/nope").page).toBe("not-found");
  });
});

function fakeWindow(path: string) {
  const url = new URL(path, "https://app.example");
  const pushed: string[] = [];
  let popstate: (() => void) | undefined;
  const win = {
    location: {
      origin: url.origin,
      get pathname() {
        return url.pathname;
      },
      get search() {
        return url.search;
      },
    },
    history: {
      pushState: (_: unknown, __: string, next: string) => {
        pushed.push(next);
        const n = new URL(next, url.origin);
        url.pathname = n.pathname;
        url.search = n.search;
      },
      replaceState: (_: unknown, __: string, next: string) => {
        const n = new URL(next, url.origin);
        url.pathname = n.pathname;
        url.search = n.search;
      },
    },
    addEventListener: (_: "popstate", l: () => void) => {
      popstate = l;
    },
    removeEventListener: () => {
      popstate = undefined;
    },
  };
  const back = (to: string) => {
    const n = new URL(to, url.origin);
    url.pathname = n.pathname;
    url.search = n.search;
    popstate?.();
  };
  return { win, pushed, back };
}

describe("Router", () => {
  it("writes filters into the URL and tells subscribers", () => {
    const { win, pushed } = fakeWindow("/dashboard/");
    const router = new Router(win);
    const seen: Route[] = [];
    router.subscribe((r) => seen.push(r));
    router.navigate({ page: "sessions", filters: { agent: "agt_1", status: "ended" } });
    expect(pushed).toEqual(["/dashboard/sessions?agent=agt_1&status=ended"]);
    expect(seen).toEqual([{ page: "sessions", filters: { agent: "agt_1", status: "ended" } }]);
  });

  it("follows the back button", () => {
    const { win, back } = fakeWindow("/dashboard/keys");
    const router = new Router(win);
    back("/dashboard/agents/agt_1/embed");
    expect(router.route).toEqual({ page: "agent", id: "agt_1", tab: "embed" });
  });

  it("does not push a duplicate entry for the current URL", () => {
    const { win, pushed } = fakeWindow("/dashboard/keys");
    new Router(win).navigate("/dashboard/keys");
    expect(pushed).toEqual([]);
  });
});
