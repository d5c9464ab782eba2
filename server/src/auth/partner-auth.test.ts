import { describe, expect, it } from "vitest";
import type { Role } from "../db/schema";
import { roleAllows } from "./partner-auth";

const roles: Role[] = ["viewer", "member", "admin", "owner"];
/** The least role each request needs; every role at or above it is allowed, below it refused. */
const table: [method: string, path: string, least: Role][] = [
  ["GET", "/v1/billing/subscription", "viewer"],
  ["GET", "/v1/keys", "viewer"],
  ["POST", "/v1/feature-flags/check", "viewer"],
  ["PATCH", "/v1/agents/agt_1", "member"],
  ["DELETE", "/v1/personas/per_1", "member"],
  ["POST", "/v1/personas/from-template", "member"],
  ["POST", "/v1/agentsX", "admin"],
  ["POST", "/v1/brand", "admin"],
  ["POST", "/v1/subaccounts", "admin"],
  ["PATCH", "/v1/partner", "admin"],
  ["POST", "/v1/some-future-route", "admin"],
  ["POST", "/v1/billing/checkout", "owner"],
  ["POST", "/v1/billing/portal", "owner"],
  ["DELETE", "/v1/partner", "owner"],
  ["DELETE", "/v1/subaccounts/ptn_1", "owner"],
];

describe("roleAllows", () => {
  it.each(table)("%s %s needs at least %s", (method, path, least) => {
    const allowed = roles.filter((role) => roleAllows(role, method, path));
    expect(allowed).toEqual(roles.slice(roles.indexOf(least)));
  });
});
