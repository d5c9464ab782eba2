import { existsSync } from "node:fs";
import { join } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../services";

export interface StaticDirs {
  widget?: string;
  dashboard?: string;
  examples?: string;
}

/** What the example pages may read in demo mode: never the secret key or the login. */
export interface PublicDemo {
  publishableKey: string;
  agents: { id: string; name: string }[];
}

// Content-hashed files (vite's `name-HASH.js`) never change; everything else must revalidate.
const hashed = /-[A-Za-z0-9_-]{8,}\.(js|css|map)$/;

/** Serves the built widget, dashboard and example pages from the API's own origin. */
export function registerStatic(app: OpenAPIHono<AppEnv>, dirs: StaticDirs, demo?: PublicDemo) {
  const mount = (
    prefix: string,
    root: string | undefined,
    cache: (path: string) => string,
    crossOrigin = false,
  ) => {
    if (!root || !existsSync(root)) return false;
    app.use(`${prefix}/*`, async (c, next) => {
      await next();
      if (c.res.status !== 200) return;
      c.res.headers.set("cache-control", cache(c.req.path));
      if (crossOrigin) {
        // Partner pages on other origins import the module entry, its chunks and the audio
        // worklets: module scripts and worklets are fetched in CORS mode.
        c.res.headers.set("access-control-allow-origin", "*");
        c.res.headers.set("cross-origin-resource-policy", "cross-origin");
      }
    });
    app.use(
      `${prefix}/*`,
      serveStatic({ root, rewriteRequestPath: (path) => path.slice(prefix.length) || "/" }),
    );
    return true;
  };
  mount(
    "/widget/v1",
    dirs.widget,
    (path) => (hashed.test(path) ? "public, max-age=31536000, immutable" : "public, max-age=300"),
    true,
  );
  if (demo) {
    app.get("/examples/demo.json", (c) => c.json(demo, 200, { "cache-control": "no-store" }));
  }
  mount("/examples", dirs.examples, () => "no-cache");
  const dashboard = dirs.dashboard;
  if (
    mount("/dashboard", dashboard, (path) =>
      hashed.test(path) ? "public, max-age=31536000, immutable" : "no-cache",
    ) &&
    dashboard
  ) {
    // A single-page app: any other /dashboard/… path is the app's own route.
    const index = serveStatic({ path: join(dashboard, "index.html") });
    app.get("/dashboard", (c) => c.redirect("/dashboard/"));
    app.get("/dashboard/*", async (c, next) => {
      if (/\.[a-z0-9]+$/i.test(c.req.path)) return next();
      return index(c, next);
    });
  }
  app.get("/favicon.ico", (c) => c.body(null, 204, { "cache-control": "public, max-age=86400" }));
  app.get("/", (c) => c.redirect(dashboard && existsSync(dashboard) ? "/dashboard/" : "/docs"));
}
