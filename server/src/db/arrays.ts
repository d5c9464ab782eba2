/**
 * Lists as array parameters: `= any($1::text[])` and derived tables from `unnest`, so a
 * statement over a list has one text whatever its length — prepared once per connection,
 * cheap to build — instead of one placeholder per value.
 */
import { type AnyColumn, type SQL, sql } from "drizzle-orm";

/** `column = any($1::text[])`: one statement text for any number of values. */
export const anyOf = (column: AnyColumn, values: string[]) =>
  sql`${column} = any(${sql.param(values)}::text[])`;

/**
 * A derived table of rows from column lists: `(select u.a::type as a, … from unnest($1::text[],
 * …) as u(a, …))`. Lists travel as text arrays, which both drivers bind alike, and are cast
 * back column by column. Column names and types come from code, never from a request.
 */
export function arrayRows(columns: Record<string, [type: string, values: unknown[]]>): SQL {
  const names = Object.keys(columns);
  const lists = Object.values(columns).map(
    ([, values]) => sql`${sql.param(values.map((v) => (v === null ? null : String(v))))}::text[]`,
  );
  const casts = Object.entries(columns).map(([name, [type]]) =>
    sql.raw(`u.${name}::${type} as ${name}`),
  );
  return sql`(select ${sql.join(casts, sql`, `)} from unnest(${sql.join(lists, sql`, `)}) as u(${sql.raw(names.join(", "))}))`;
}
