/**
 * Another website: the example pages served from a second origin (`http://localhost:<other
 * port>`), the way a page that is not on the demo key's allowed origins would embed the
 * widget. Its HTML is the example's own with the snippet's script pointing at the Parley
 * server, as a partner pastes it, and its CSP allowing that server (design §7:
 * `script-src 'self' <api>; connect-src <api> …`); `/examples/demo.json` is fetched from
 * the Parley server so the pages find the demo agents.
 */
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";

const examplesDir = fileURLToPath(new URL("../../../examples/", import.meta.url));

const types: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
};

export interface OtherSite {
  /** `http://localhost:<port>`: an origin the demo key does not allow. */
  origin: string;
  close(): Promise<void>;
}

/** The example page as this site serves it: the widget and its API on `api`. */
function rehost(html: string, api: string): string {
  return html
    .replaceAll('src="/widget/v1/', `src="${api}/widget/v1/`)
    .replace(/(script-src|connect-src) 'self'/g, `$1 'self' ${api}`);
}

/** A file under examples/ for a URL path under /examples/, or null when outside it. */
function fileFor(pathname: string): string | null {
  if (!pathname.startsWith("/examples/")) return null;
  const relative = normalize(decodeURIComponent(pathname.slice("/examples/".length)));
  if (relative.startsWith("..")) return null;
  return join(
    examplesDir,
    relative.endsWith("/") || relative === "." ? `${relative}/index.html` : relative,
  );
}

export async function startOtherSite(api: string): Promise<OtherSite> {
  const server: Server = createServer(async (request, response) => {
    const { pathname } = new URL(request.url ?? "/", "http://other.invalid");
    try {
      if (pathname === "/examples/demo.json") {
        const demo = await fetch(`${api}/examples/demo.json`);
        response.writeHead(demo.status, { "content-type": "application/json" });
        response.end(await demo.text());
        return;
      }
      const file = fileFor(pathname);
      if (!file) throw new Error("not found");
      const body = await readFile(file, "utf8");
      const type = types[extname(file)] ?? "application/octet-stream";
      response.writeHead(200, { "content-type": type, "cache-control": "no-store" });
      response.end(type.startsWith("text/html") ? rehost(body, api) : body);
    } catch {
      response.writeHead(404, { "content-type": "text/plain" });
      response.end("not found");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  return {
    // By name: with DATABASE_URL the demo key collects every earlier run's 127.0.0.1 port.
    origin: `http://localhost:${address.port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
