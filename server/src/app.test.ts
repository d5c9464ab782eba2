import { describe, expect, it } from "vitest";
import { createHarness, expectProblem } from "../test/harness";
import { newApp } from "./app";
import type { Database } from "./db/client";
import { createLogger } from "./logger";

const h = await createHarness();

describe("app", () => {
  it("answers /healthz and /readyz", async () => {
    expect(await (await h.app.request("/healthz")).json()).toEqual({ status: "ok" });
    expect(await (await h.app.request("/readyz")).json()).toEqual({ status: "ok", database: "ok" });
  });

  it("gives every response a request id", async () => {
    const res = await h.app.request("/healthz");
    expect(res.headers.get("x-request-id")).toMatch(/\S+/);
  });

  it("answers unknown routes with a problem+json 404", async () => {
    const body = await expectProblem(await h.app.request("/v1/nope"), 404, "not_found");
    expect(body.requestId).toBeTruthy();
  });

  it("describes every partner-API route in /openapi.json with its schemas", async () => {
    const doc = (await (await h.app.request("/openapi.json")).json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, unknown> };
    };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/healthz", "/readyz", "/v1/keys", "/v1/keys/{id}"]),
    );
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(["Problem", "ApiKey", "CreateKeyRequest"]),
    );
  });

  it("serves interactive docs from its own origin, without inline scripts", async () => {
    const html = await (await h.app.request("/docs")).text();
    expect(html).toContain('src="/docs/assets/swagger-ui-bundle.js"');
    expect(html).not.toMatch(/<script>(?!<\/script>)/);
    const js = await h.app.request("/docs/assets/swagger-ui-bundle.js");
    expect(js.status).toBe(200);
    expect(js.headers.get("content-type")).toContain("javascript");
    expect((await h.app.request("/docs/assets/..%2F..%2Fpackage.json")).status).toBe(404);
  });

  it("turns an unexpected failure into a 500 problem without leaking its message", async () => {
    const lines: string[] = [];
    const broken: Database = {
      ...h.database,
      rows: async () => {
        throw new Error("select secret from users where password = 'hunter2'");
      },
    };
    const app = newApp({
      ...h.services,
      database: broken,
      log: createLogger("info", (l) => lines.push(l)),
    });
    app.get("/boom", async () => {
      await broken.rows({} as never);
      return new Response("unreachable");
    });
    const res = await app.request("/boom");
    const body = await expectProblem(res, 500, "internal_error");
    expect(JSON.stringify(body)).not.toContain("hunter2");
    expect(lines.join("\n")).not.toContain("hunter2");
    expect(lines.join("\n")).toContain("unhandled error");
    const ready = await app.request("/readyz");
    expect(ready.status).toBe(503);
  });
});
