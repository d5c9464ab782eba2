import type { z } from "@hono/zod-openapi";
import { type ErrorCode, errorStatus, Problem } from "@parley/types";
import { partnerAuth } from "../auth/partner-auth";

export const jsonContent = <T extends z.ZodTypeAny>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

export const jsonBody = <T extends z.ZodTypeAny>(schema: T) => ({
  required: true,
  content: { "application/json": { schema } },
});

/** Documents the problem+json responses a route can give, one entry per status. */
export function problems(...codes: ErrorCode[]) {
  const byStatus: Record<number, { description: string; content: object }> = {};
  for (const code of codes) {
    const status = errorStatus[code];
    const entry = byStatus[status];
    byStatus[status] = {
      description: entry ? `${entry.description}, ${code}` : code,
      content: { "application/problem+json": { schema: Problem } },
    };
  }
  return byStatus;
}

/** Either scheme is enough: a secret key, or the dashboard cookie (+ CSRF on writes). */
const partnerSecurity: Record<string, string[]>[] = [{ secretKey: [] }, { cookieAuth: [] }];

/** What every partner-API route shares: its auth and its failure modes. */
export const partnerRoute = {
  security: partnerSecurity,
  middleware: partnerAuth,
};
export const partnerProblems = [
  "unauthorized",
  "invalid_key",
  "forbidden",
  "validation_failed",
] as const;
