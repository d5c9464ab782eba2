/**
 * The bench's own little web server: a plain page per build with the design's two-line
 * snippet, each build's widget/dist served gzip -9 encoded (as a CDN would), and
 * `/v1/*` passed through to the real Parley server, so the launcher draws from a real
 * `GET /v1/widget/config`. Page and widget share this origin, which the real server is
 * started with as its public URL, so the demo key allows it.
 */
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { join, normalize } from "node:path";
import { gzipSync } from "node:zlib";

export interface Build {
  /** A path segment: the page is `/<name>/`, its widget `/<name>/widget/`. */
  name: string;
  dist: string;
}

/** The real server behind the pages; known only once it runs on this server's origin. */
export interface Target {
  /** The real server's base URL, for `/v1/*`. */
  api: string;
  agent: string;
  publishableKey: string;
}

/**
 * Runs in the page before the widget: notes `voice-agent:ready`, then looks at every frame
 * for the launcher in the shadow root; a task queued from the frame that first has it runs
 * once that frame is painted. `window.benchOpen()` clicks it and times the dialog the same way.
 */
const measure = `
const bench = (window.bench = { ready: null, launcher: null, error: null });
document.addEventListener("voice-agent:ready", () => { bench.ready = performance.now(); });
document.addEventListener("voice-agent:error", (e) => { bench.error = e.detail.code; });
const part = (name) =>
  document.querySelector("voice-agent")?.shadowRoot?.querySelector('[part~="' + name + '"]');
const painted = (found) =>
  new Promise((resolve) => {
    const look = () => (found() ? setTimeout(() => resolve(performance.now())) : requestAnimationFrame(look));
    requestAnimationFrame(look);
  });
painted(() => part("launcher")).then((at) => { bench.launcher = at; });
window.benchOpen = async () => {
  const clicked = performance.now();
  part("launcher").click();
  const root = document.querySelector("voice-agent").shadowRoot;
  const opened = await painted(() => root.activeElement?.closest('[part~="panel"]'));
  return { clicked, opened };
};
`;

function page(build: Build, target: Target): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Widget size bench (${build.name})</title>
    <script>${measure}</script>
    <script src="/${build.name}/widget/voice-agent.js" async></script>
  </head>
  <body>
    <h1>A partner's page</h1>
    <p>Some text, so the page paints before the widget arrives.</p>
    <voice-agent agent="${target.agent}" key="${target.publishableKey}"></voice-agent>
  </body>
</html>`;
}

/** Each file read and compressed once: the bench measures the browser, not this server. */
function fileCache(dist: string) {
  const cache = new Map<string, { raw: Buffer; gzip: Buffer } | null>();
  return (path: string) => {
    if (!cache.has(path)) {
      const file = normalize(join(dist, path));
      try {
        if (!file.startsWith(normalize(dist))) throw new Error("outside dist");
        const raw = readFileSync(file);
        cache.set(path, { raw, gzip: gzipSync(raw, { level: 9 }) });
      } catch {
        cache.set(path, null);
      }
    }
    return cache.get(path) ?? null;
  };
}

const types: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".map": "application/json",
  ".json": "application/json",
};

async function proxy(request: IncomingMessage, response: ServerResponse, api: string) {
  const headers = new Headers();
  for (const name of ["accept", "origin", "content-type", "authorization"]) {
    const value = request.headers[name];
    if (typeof value === "string") headers.set(name, value);
  }
  const upstream = await fetch(`${api}${request.url ?? "/"}`, {
    method: request.method ?? "GET",
    headers,
  });
  const passed: Record<string, string> = {};
  upstream.headers.forEach((value, name) => {
    if (name === "content-type" || name === "cache-control" || name.startsWith("access-control-"))
      passed[name] = value;
  });
  response.writeHead(upstream.status, passed);
  response.end(Buffer.from(await upstream.arrayBuffer()));
}

export interface Pages {
  base: string;
  server: Server;
  /** Points the pages at the real server (until then they answer 503). */
  use(target: Target): void;
}

/** Starts the server on a free loopback port. */
export async function startPages(builds: readonly Build[]): Promise<Pages> {
  const files = new Map(builds.map((build) => [build.name, fileCache(build.dist)]));
  let target: Target | null = null;
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://bench");
    if (!target) {
      response.writeHead(503).end();
      return;
    }
    if (url.pathname.startsWith("/v1/")) {
      proxy(request, response, target.api).catch(() => {
        response.writeHead(502).end();
      });
      return;
    }
    const [, name = "", area = "", ...rest] = url.pathname.split("/");
    const build = builds.find((b) => b.name === name);
    if (build && area === "" && rest.length === 0) {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      response.end(page(build, target));
      return;
    }
    const file = build && area === "widget" ? files.get(name)?.(rest.join("/")) : null;
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    const extension = url.pathname.slice(url.pathname.lastIndexOf("."));
    const gzip = /\bgzip\b/.test(String(request.headers["accept-encoding"] ?? ""));
    response.writeHead(200, {
      "content-type": types[extension] ?? "application/octet-stream",
      "cache-control": "no-store",
      ...(gzip ? { "content-encoding": "gzip" } : {}),
    });
    response.end(gzip ? file.gzip : file.raw);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  return {
    base: `http://127.0.0.1:${address.port}`,
    server,
    use: (next) => {
      target = next;
    },
  };
}
