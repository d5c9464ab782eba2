import { ApiError } from "../errors";

/** Cursors are opaque to clients: the last id of a page, base64url-encoded. */
export function encodeCursor(id: string): string {
  return Buffer.from(id, "utf8").toString("base64url");
}

export function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const id = Buffer.from(cursor, "base64url").toString("utf8");
  if (!/^[a-z]{3}_[0-9A-Z]{26}$/.test(id)) {
    throw new ApiError("validation_failed", "cursor: not a cursor this API returned.", {
      errors: [{ path: "cursor", message: "not a cursor this API returned" }],
    });
  }
  return id;
}

/** Rows were fetched with `limit + 1`: the extra row only says there is a next page. */
export function toPage<T extends { id: string }>(rows: T[], limit: number) {
  const data = rows.slice(0, limit);
  const last = data.at(-1);
  return { data, nextCursor: rows.length > limit && last ? encodeCursor(last.id) : null };
}
