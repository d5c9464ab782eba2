import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../test/harness";
import { anyOf, arrayRows } from "./arrays";
import { rates } from "./schema";

const database = await openTestDatabase();
afterAll(() => database.close());

describe("array parameters", () => {
  it("round-trips awkward text, nulls and every cast type through unnest", async () => {
    const awkward = [`a,b`, `"quoted"`, `{brace}`, `back\\slash`, "NULL", "", "ñ 😊"];
    const rows = await database.rows<Record<string, unknown>>(sql`
      select t, n::text as n, b::text as b, ts::text as ts, d::text as d, j::text as j
        from ${arrayRows({
          t: ["text", awkward],
          n: ["bigint", awkward.map((_, i) => (i === 2 ? null : i * 1_000_000_007))],
          b: ["boolean", awkward.map((_, i) => i % 2 === 0)],
          ts: ["timestamptz", awkward.map(() => "2026-11-20T10:00:00.000Z")],
          d: ["date", awkward.map(() => "2026-11-20")],
          j: ["jsonb", awkward.map((t) => JSON.stringify([{ text: t }]))],
        })} as v`);
    expect(rows.map((r) => r.t)).toEqual(awkward);
    expect(rows.map((r) => r.n)).toEqual([
      "0",
      "1000000007",
      null,
      "3000000021",
      "4000000028",
      "5000000035",
      "6000000042",
    ]);
    expect(rows.map((r) => r.b)).toEqual([
      "true",
      "false",
      "true",
      "false",
      "true",
      "false",
      "true",
    ]);
    expect(new Date(String(rows[0]?.ts)).toISOString()).toBe("2026-11-20T10:00:00.000Z");
    expect(rows[0]?.d).toBe("2026-11-20");
    expect(rows.map((r) => JSON.parse(String(r.j))[0].text)).toEqual(awkward);
  });

  it("matches any of a list, and nothing for an empty one, with one statement text", async () => {
    const some = database.db
      .select()
      .from(rates)
      .where(anyOf(rates.key, ["openai.seconds", "x"]));
    const none = database.db.select().from(rates).where(anyOf(rates.key, []));
    expect(some.toSQL().sql).toBe(none.toSQL().sql);
    expect((await some).map((r) => r.key)).toEqual(["openai.seconds"]);
    expect(await none).toEqual([]);
  });
});
