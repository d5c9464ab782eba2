/**
 * The cases every partner-API resource must pass, written once: authentication, a revoked
 * key, bad input (wrong types, unknown fields, malformed JSON, 1 MB bodies, wrong content
 * type), unicode and SQL-looking text stored verbatim, and another partner's key getting
 * 404 and changing nothing.
 */

import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { apiKeys } from "../src/db/schema";
import { createTestPartner, expectProblem, type Harness, type TestPartner } from "./harness";

export interface ResourceSpec {
  /** e.g. "agent" */
  name: string;
  /** e.g. "/v1/agents" */
  collection: string;
  /** A valid create body for this partner (may create prerequisites first). */
  validCreate(h: Harness, p: TestPartner): Promise<Record<string, unknown>>;
  /** A free-text field of the create body that is echoed back. */
  textField: string;
  /** A body whose fields have the wrong types. */
  wrongTypes: Record<string, unknown>;
  /** A valid PATCH body, if the resource can be updated. */
  update?: Record<string, unknown>;
  /** How DELETE answers: "deleted" removes, "revoked" keeps the row (keys). */
  deletes: "deleted" | "revoked";
}

export const hostileStrings = [
  "Robert'); DROP TABLE agents;--",
  "' OR '1'='1",
  "Zoë 🎙️ Ñandú — 日本語のエージェント",
  "<script>alert(1)</script>",
  "\u202Eevil\u202C and $" + "{process.env}",
];

export function describeResourceCases(harness: () => Harness, spec: ResourceSpec) {
  describe(`${spec.name}: shared partner-API cases`, () => {
    let h: Harness;
    let owner: TestPartner;
    let intruder: TestPartner;
    let created: Record<string, unknown> & { id: string };

    beforeAll(async () => {
      h = harness();
      owner = await createTestPartner(h, { name: "Owner" });
      intruder = await createTestPartner(h, { name: "Intruder" });
      const res = await owner.request("POST", spec.collection, await spec.validCreate(h, owner));
      expect(res.status).toBe(201);
      created = (await res.json()) as typeof created;
    });

    const item = () => `${spec.collection}/${created.id}`;

    it("rejects a request without a key with 401 unauthorized", async () => {
      const res = await h.app.request(spec.collection);
      await expectProblem(res, 401, "unauthorized");
    });

    it("rejects a malformed key with 401 invalid_key", async () => {
      const res = await h.app.request(spec.collection, {
        headers: { authorization: "Bearer sk_live_nope" },
      });
      await expectProblem(res, 401, "invalid_key");
    });

    it("rejects a publishable key on the partner API with 401 invalid_key", async () => {
      const res = await h.app.request(spec.collection, {
        headers: { authorization: `Bearer ${owner.publishableKey}` },
      });
      await expectProblem(res, 401, "invalid_key");
    });

    it("rejects wrong types with 400 validation_failed naming each field", async () => {
      const res = await owner.request("POST", spec.collection, spec.wrongTypes);
      const body = await expectProblem(res, 400, "validation_failed");
      const paths = (body.errors as { path: string }[]).map((e) => e.path);
      for (const field of Object.keys(spec.wrongTypes)) expect(paths).toContain(field);
    });

    it("rejects unknown fields with 400 validation_failed", async () => {
      const body = { ...(await spec.validCreate(h, owner)), partnerId: intruder.id };
      await expectProblem(
        await owner.request("POST", spec.collection, body),
        400,
        "validation_failed",
      );
    });

    it("rejects malformed JSON with 400 validation_failed", async () => {
      await expectProblem(
        await owner.request("POST", spec.collection, "{not json"),
        400,
        "validation_failed",
      );
    });

    it("rejects a 1 MB body with 413 payload_too_large", async () => {
      const body = {
        ...(await spec.validCreate(h, owner)),
        [spec.textField]: "x".repeat(1024 * 1024),
      };
      await expectProblem(
        await owner.request("POST", spec.collection, body),
        413,
        "payload_too_large",
      );
    });

    it("rejects a non-JSON content type with 415 unsupported_media_type", async () => {
      const res = await owner.request("POST", spec.collection, "name=x", {
        "content-type": "application/x-www-form-urlencoded",
      });
      await expectProblem(res, 415, "unsupported_media_type");
    });

    it("stores unicode and SQL-looking text verbatim", async () => {
      for (const value of hostileStrings) {
        const res = await owner.request("POST", spec.collection, {
          ...(await spec.validCreate(h, owner)),
          [spec.textField]: value,
        });
        expect(res.status).toBe(201);
        const made = (await res.json()) as Record<string, unknown> & { id: string };
        expect(made[spec.textField]).toBe(value);
        const again = (await (
          await owner.request("GET", `${spec.collection}/${made.id}`)
        ).json()) as Record<string, unknown>;
        expect(again[spec.textField]).toBe(value);
      }
    });

    it("answers 404 not_found for an id that does not exist", async () => {
      const res = await owner.request(
        "GET",
        `${spec.collection}/${created.id.slice(0, 4)}01ZZZZZZZZZZZZZZZZZZZZZZZZ`,
      );
      await expectProblem(res, 404, "not_found");
    });

    it("hides the resource from another partner's key: 404 and nothing changes", async () => {
      const before = await (await owner.request("GET", item())).json();
      await expectProblem(await intruder.request("GET", item()), 404, "not_found");
      if (spec.update) {
        await expectProblem(await intruder.request("PATCH", item(), spec.update), 404, "not_found");
      }
      await expectProblem(await intruder.request("DELETE", item()), 404, "not_found");
      const list = (await (await intruder.request("GET", spec.collection)).json()) as {
        data: { id: string }[];
      };
      expect(list.data.map((r) => r.id)).not.toContain(created.id);
      expect(await (await owner.request("GET", item())).json()).toEqual(before);
    });

    it("lists with a cursor, newest first, without repeats", async () => {
      const extra = await createTestPartner(h, { name: "Pager" });
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await extra.request("POST", spec.collection, await spec.validCreate(h, extra));
        expect(res.status).toBe(201);
        ids.push(((await res.json()) as { id: string }).id);
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `?limit=2&cursor=${cursor}` : "?limit=2";
        const res = await extra.request("GET", `${spec.collection}${query}`);
        expect(res.status).toBe(200);
        const page = (await res.json()) as { data: { id: string }[]; nextCursor: string | null };
        expect(page.data.length).toBeLessThanOrEqual(2);
        seen.push(...page.data.map((r) => r.id));
        cursor = page.nextCursor;
      } while (cursor);
      for (const id of ids) expect(seen).toContain(id);
      expect(new Set(seen).size).toBe(seen.length);
      const mine = seen.filter((id) => ids.includes(id));
      expect(mine).toEqual([...ids].reverse());
    });

    it("rejects a cursor it did not issue with 400 validation_failed", async () => {
      await expectProblem(
        await owner.request("GET", `${spec.collection}?cursor=%27%3B--`),
        400,
        "validation_failed",
      );
    });

    it(`answers DELETE by the owner (${spec.deletes})`, async () => {
      const res = await owner.request("POST", spec.collection, await spec.validCreate(h, owner));
      const made = (await res.json()) as { id: string };
      const del = await owner.request("DELETE", `${spec.collection}/${made.id}`);
      expect(del.status).toBe(200);
      const after = await owner.request("GET", `${spec.collection}/${made.id}`);
      if (spec.deletes === "deleted") await expectProblem(after, 404, "not_found");
      else expect(((await after.json()) as { revokedAt: string | null }).revokedAt).not.toBeNull();
    });

    it("refuses a revoked secret key with 401 invalid_key on the next request", async () => {
      const victim = await createTestPartner(h, { name: "Soon revoked" });
      expect((await victim.request("GET", spec.collection)).status).toBe(200);
      await h.database.db
        .update(apiKeys)
        .set({ revokedAt: new Date() })
        .where(eq(apiKeys.partnerId, victim.id));
      await expectProblem(await victim.request("GET", spec.collection), 401, "invalid_key");
    });
  });
}
