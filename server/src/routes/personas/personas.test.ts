import type { Agent, Persona } from "@parley/types";
import { beforeAll, describe, expect, it } from "vitest";
import {
  createHarness,
  createTestPartner,
  expectProblem,
  type Harness,
  type TestPartner,
} from "../../../test/harness";
import { describeResourceCases } from "../../../test/resource-cases";
import { personaTemplates, templateId } from "../../db/seed/templates";

const sales = templateId("sales");

let h: Harness;
/** Moves the injected clock forward instead of sleeping. */
let offsetMs = 0;
beforeAll(async () => {
  h = await createHarness({ now: () => new Date(Date.now() + offsetMs) });
});

describeResourceCases(() => h, {
  name: "persona",
  collection: "/v1/personas",
  validCreate: async () => ({
    name: "Concierge",
    instructions: "Greet hotel guests warmly and answer briefly.",
    voiceId: "nova",
  }),
  textField: "name",
  wrongTypes: { name: 42, instructions: ["x"], dynamicVariables: "none", voiceSettings: 3 },
  update: { name: "Night concierge", firstMessage: "Good evening!" },
  deletes: "deleted",
});

// JSON bodies are typed by the API contract; the assertions below check them.
const json = async <T>(res: Response): Promise<T> => (await res.json()) as T;

async function createPersona(p: TestPartner, body: Record<string, unknown> = {}) {
  const res = await p.request("POST", "/v1/personas", {
    name: "Persona",
    instructions: "Help the visitor.",
    ...body,
  });
  expect(res.status).toBe(201);
  return json<Persona>(res);
}

describe("persona templates", () => {
  let p: TestPartner;
  beforeAll(async () => {
    p = await createTestPartner(h, { name: "Template reader", planId: "free" });
  });

  it("lists the seven seeded templates on one page, to any partner", async () => {
    const res = await p.request("GET", "/v1/personas/templates");
    expect(res.status).toBe(200);
    const page = await json<{ data: Persona[]; nextCursor: string | null }>(res);
    expect(page.nextCursor).toBeNull();
    expect(page.data).toHaveLength(7);
    expect(page.data.map((t) => t.id).sort()).toEqual(personaTemplates.map((t) => t.id).sort());
    for (const t of page.data)
      expect(t).toMatchObject({ kind: "template", createdFromTemplateId: null });
    const salesTemplate = page.data.find((t) => t.id === sales);
    expect(salesTemplate).toMatchObject({ templateKey: "sales", voiceProvider: "elevenlabs" });
  });

  it("keeps templates out of the partner's own persona list", async () => {
    const list = await json<{ data: Persona[] }>(await p.request("GET", "/v1/personas"));
    expect(list.data).toEqual([]);
  });

  it("lets any partner read a template by id", async () => {
    const res = await p.request("GET", `/v1/personas/${sales}`);
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ id: sales, kind: "template", name: "Sales assistant" });
  });

  it("answers 404 to PATCH and DELETE of a template, which stays as it was", async () => {
    const pro = await createTestPartner(h, { name: "Pro editor" });
    const before = await json(await pro.request("GET", `/v1/personas/${sales}`));
    await expectProblem(
      await pro.request("PATCH", `/v1/personas/${sales}`, { name: "Hijacked" }),
      404,
      "not_found",
    );
    await expectProblem(await pro.request("DELETE", `/v1/personas/${sales}`), 404, "not_found");
    expect(await json(await pro.request("GET", `/v1/personas/${sales}`))).toEqual(before);
  });
});

describe("custom personas", () => {
  let p: TestPartner;
  beforeAll(async () => {
    p = await createTestPartner(h, { name: "Persona partner" });
  });

  it("creates a custom persona with defaults and reads it back", async () => {
    const made = await createPersona(p, {
      name: "Receptionist",
      instructions: "  Answer calls.  ",
    });
    expect(made).toMatchObject({
      kind: "custom",
      templateKey: null,
      createdFromTemplateId: null,
      name: "Receptionist",
      instructions: "Answer calls.",
      description: "",
      firstMessage: "",
      language: "en",
      dynamicVariables: [],
      voiceProvider: "openai",
      voiceId: "alloy",
      voiceSettings: {},
    });
    expect(made.id).toMatch(/^per_/);
    expect(await json(await p.request("GET", `/v1/personas/${made.id}`))).toEqual(made);
    const list = await json<{ data: Persona[] }>(await p.request("GET", "/v1/personas"));
    expect(list.data[0]).toEqual(made);
  });

  it("copies a template's fields into a new custom persona", async () => {
    const template = await json<Persona>(await p.request("GET", `/v1/personas/${sales}`));
    const res = await p.request("POST", "/v1/personas/from-template", { templateId: sales });
    expect(res.status).toBe(201);
    const copy = await json<Persona>(res);
    const { id, kind, templateKey, createdFromTemplateId, createdAt, updatedAt, ...content } =
      template;
    expect(copy).toMatchObject({
      ...content,
      kind: "custom",
      templateKey: null,
      createdFromTemplateId: sales,
    });
    expect(copy.id).not.toBe(id);

    const named = await json<Persona>(
      await p.request("POST", "/v1/personas/from-template", {
        templateId: sales,
        name: "Our sales",
      }),
    );
    expect(named).toMatchObject({ name: "Our sales", instructions: template.instructions });
    const list = await json<{ data: Persona[] }>(await p.request("GET", "/v1/personas"));
    expect(list.data.slice(0, 2).map((x) => x.id)).toEqual([named.id, copy.id]);
  });

  it("answers 404 when the template id is not a template", async () => {
    const custom = await createPersona(p);
    for (const templateId of [custom.id, "per_01ZZZZZZZZZZZZZZZZZZZZZZZZ"]) {
      const res = await p.request("POST", "/v1/personas/from-template", { templateId });
      const body = await expectProblem(res, 404, "not_found");
      expect(body.detail).toContain(templateId);
    }
  });

  it("changes a custom persona with PATCH, moving updatedAt", async () => {
    const made = await createPersona(p);
    offsetMs += 60_000;
    const patch = {
      name: "Bilingual helper",
      description: "Answers in Spanish",
      instructions: "Habla español.",
      firstMessage: "¡Hola {{first_name}}!",
      language: "es-MX",
      dynamicVariables: [{ name: "first_name", required: true }],
      voiceProvider: "elevenlabs",
      voiceId: "21m00Tcm4TlvDq8ikWAM",
      voiceSettings: { stability: 0.4, speed: 1.1 },
    };
    const res = await p.request("PATCH", `/v1/personas/${made.id}`, patch);
    expect(res.status).toBe(200);
    const patched = await json<Persona>(res);
    expect(patched).toMatchObject(patch);
    expect(patched.createdAt).toBe(made.createdAt);
    expect(Date.parse(patched.updatedAt)).toBeGreaterThanOrEqual(
      Date.parse(made.updatedAt) + 60_000,
    );
    expect(await json(await p.request("GET", `/v1/personas/${made.id}`))).toEqual(patched);
  });

  it.each([
    ["instructions", { instructions: "   " }],
    ["language", { language: "english" }],
    ["dynamicVariables", { dynamicVariables: [{ name: "a" }, { name: "a" }] }],
    ["dynamicVariables.0.name", { dynamicVariables: [{ name: "First Name" }] }],
    ["voiceSettings.speed", { voiceSettings: { speed: 3 } }],
  ])("rejects a bad %s with 400 validation_failed", async (path, field) => {
    const res = await p.request("POST", "/v1/personas", {
      name: "Bad",
      instructions: "Help.",
      ...field,
    });
    const body = await expectProblem(res, 400, "validation_failed");
    expect((body.errors as { path: string }[]).map((e) => e.path)).toContain(path);
  });

  it("refuses to delete a persona agents use, with 409 conflict naming them, and keeps it", async () => {
    const persona = await createPersona(p);
    const agent = await json<Agent>(
      await p.request("POST", "/v1/agents", { name: "User", personaId: persona.id }),
    );
    const res = await p.request("DELETE", `/v1/personas/${persona.id}`);
    const body = await expectProblem(res, 409, "conflict");
    expect(body.detail).toContain("1 agent uses");
    expect(body.agentIds).toEqual([agent.id]);
    expect((await p.request("GET", `/v1/personas/${persona.id}`)).status).toBe(200);

    const moved = await p.request("PATCH", `/v1/agents/${agent.id}`, { personaId: sales });
    expect(moved.status).toBe(200);
    const del = await p.request("DELETE", `/v1/personas/${persona.id}`);
    expect(await json(del)).toEqual({ id: persona.id, deleted: true });
    await expectProblem(await p.request("GET", `/v1/personas/${persona.id}`), 404, "not_found");
  });
});

describe("custom persona caps", () => {
  it("allows the free plan one custom persona, then 402 upgrade_required, copies included", async () => {
    const free = await createTestPartner(h, { name: "Free", planId: "free" });
    expect(
      (await free.request("POST", "/v1/personas", { name: "Mine", instructions: "Hi." })).status,
    ).toBe(201);
    const res = await free.request("POST", "/v1/personas", { name: "No", instructions: "No." });
    const body = await expectProblem(res, 402, "upgrade_required");
    expect(body.upgradeUrl).toBe(`${h.services.env.PUBLIC_URL}/dashboard/billing`);
    expect(body.detail).toContain("1 custom persona");
    await expectProblem(
      await free.request("POST", "/v1/personas/from-template", { templateId: sales }),
      402,
      "upgrade_required",
    );
    const list = await json<{ data: Persona[] }>(await free.request("GET", "/v1/personas"));
    expect(list.data.map((p) => p.name)).toEqual(["Mine"]);
  });

  it("allows exactly the plan's number of custom personas (starter: 3) and frees a slot on delete", async () => {
    const starter = await createTestPartner(h, { name: "Starter", planId: "starter" });
    const made: Persona[] = [];
    for (let i = 0; i < 3; i++) made.push(await createPersona(starter, { name: `P${i}` }));
    await expectProblem(
      await starter.request("POST", "/v1/personas", { name: "P3", instructions: "x" }),
      402,
      "upgrade_required",
    );
    expect((await starter.request("DELETE", `/v1/personas/${made[0]?.id}`)).status).toBe(200);
    await createPersona(starter, { name: "P3" });
  });

  it("allows custom personas on the pro plan", async () => {
    const pro = await createTestPartner(h, { name: "Pro", planId: "pro" });
    await createPersona(pro);
    await createPersona(pro);
  });
});

describe("persona docs", () => {
  it("describes every persona route and schema in /openapi.json", async () => {
    const doc = await json<{
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, unknown> };
    }>(await h.app.request("/openapi.json"));
    expect(Object.keys(doc.paths["/v1/personas"] ?? {}).sort()).toEqual(["get", "post"]);
    expect(Object.keys(doc.paths["/v1/personas/templates"] ?? {})).toEqual(["get"]);
    expect(Object.keys(doc.paths["/v1/personas/from-template"] ?? {})).toEqual(["post"]);
    expect(Object.keys(doc.paths["/v1/personas/{id}"] ?? {}).sort()).toEqual([
      "delete",
      "get",
      "patch",
    ]);
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining([
        "Persona",
        "PersonaList",
        "CreatePersonaRequest",
        "UpdatePersonaRequest",
        "CreatePersonaFromTemplateRequest",
        "Deleted",
      ]),
    );
  });
});
