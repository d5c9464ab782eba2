/** The built widget, dashboard and examples as the server serves them. */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness } from "../../test/harness";
import { newApp } from "../app";

let dir: string;
let app: ReturnType<typeof newApp>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "parley-static-"));
  const widget = join(dir, "widget");
  const examples = join(dir, "examples");
  await mkdir(join(widget, "worklets"), { recursive: true });
  await mkdir(examples, { recursive: true });
  await writeFile(join(widget, "voice-agent.js"), "/* boot */");
  await writeFile(join(widget, "panel-AbCdEf12.js"), "export {};");
  await writeFile(join(widget, "worklets", "pcm16-capture.js"), "/* worklet */");
  await writeFile(join(examples, "index.html"), "<!doctype html><title>x</title>");
  const h = await createHarness();
  app = newApp(h.services, { staticDirs: { widget, examples } });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("the widget's files", () => {
  it("are importable from any partner origin (module scripts and worklets use CORS)", async () => {
    for (const path of ["voice-agent.js", "panel-AbCdEf12.js", "worklets/pcm16-capture.js"]) {
      const res = await app.request(`/widget/v1/${path}`, {
        headers: { origin: "https://shop.example.com" },
      });
      expect(res.status, path).toBe(200);
      expect(res.headers.get("access-control-allow-origin"), path).toBe("*");
      expect(res.headers.get("cross-origin-resource-policy"), path).toBe("cross-origin");
    }
  });

  it("cache content-hashed chunks for a year and the entry for five minutes", async () => {
    const entry = await app.request("/widget/v1/voice-agent.js");
    expect(entry.headers.get("cache-control")).toBe("public, max-age=300");
    const chunk = await app.request("/widget/v1/panel-AbCdEf12.js");
    expect(chunk.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
  });

  it("answer 404 without CORS headers for a file that is not there", async () => {
    const res = await app.request("/widget/v1/nope.js", {
      headers: { origin: "https://shop.example.com" },
    });
    expect(res.status).toBe(404);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("the example pages", () => {
  it("are served from the API's own origin only (no CORS)", async () => {
    const res = await app.request("/examples/index.html", {
      headers: { origin: "https://shop.example.com" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });
});
