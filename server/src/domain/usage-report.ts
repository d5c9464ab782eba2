/**
 * `GET /v1/usage` (design §5, §9): sums of the daily rollups over a date range, grouped by
 * day, agent or provider, with the period's quota. Reads `usage_daily` only, never raw
 * events, so a report costs one index range scan however many calls there were.
 */
import type { UsageReport } from "@parley/types";
import { sql } from "drizzle-orm";
import { ApiError } from "../errors";
import type { PartnerAuth, Services } from "../services";
import { billingPeriod } from "./partners";
import { getPartnerPlan } from "./plans";
import { readQuota } from "./quota";

export type UsageGroup = "day" | "agent" | "provider";

export interface UsageReportQuery {
  from?: string | undefined;
  to?: string | undefined;
  groupBy: UsageGroup;
  split?: "agent" | "provider" | undefined;
}

export const maxRangeDays = 366;
const dayMs = 86_400_000;

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

const invalid = (path: string, message: string) =>
  new ApiError("validation_failed", `${path}: ${message}.`, { errors: [{ path, message }] });

/** The inclusive date range of a report: the current billing period unless given. */
export function reportRange(query: Pick<UsageReportQuery, "from" | "to">, now: Date) {
  const period = billingPeriod(now);
  const from = query.from ?? isoDay(period.start);
  const to = query.to ?? isoDay(new Date(period.end.getTime() - dayMs));
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs + 1;
  if (days < 1) throw invalid("to", "must not be before `from`");
  if (days > maxRangeDays) throw invalid("to", `the range may span at most ${maxRangeDays} days`);
  return { from, to, days };
}

/** Every day from `from` to `to`, inclusive. */
export function daysOf(from: string, days: number): string[] {
  const start = Date.parse(`${from}T00:00:00Z`);
  return Array.from({ length: days }, (_, i) => isoDay(new Date(start + i * dayMs)));
}

// Fixed column expressions, chosen from a closed set: never built from the request.
const keyColumn: Record<UsageGroup, string> = {
  day: "day::text",
  agent: "agent_id",
  provider: "provider",
};

interface SumRow extends Record<string, unknown> {
  key: string;
  sessions: number;
  seconds: number;
  characters: number;
  cost: number;
}

export async function usageReport(
  services: Services,
  auth: PartnerAuth,
  query: UsageReportQuery,
): Promise<UsageReport> {
  if (query.split && query.groupBy !== "day") throw invalid("split", "only with groupBy=day");
  const now = services.now();
  const { from, to, days } = reportRange(query, now);
  const { database } = services;
  const inRange = sql`partner_id = ${auth.partnerId} and day >= ${from}::date and day <= ${to}::date`;
  const sums = await database.rows<SumRow>(sql`
    select ${sql.raw(keyColumn[query.groupBy])} as key,
           sum(sessions)::float8 as sessions, sum(seconds)::float8 as seconds,
           sum(characters)::float8 as characters, sum(cost_micros)::float8 as cost
      from usage_daily where ${inRange}
     group by 1`);
  const data = sums.map((r) => ({
    key: String(r.key),
    sessions: Number(r.sessions),
    seconds: Number(r.seconds),
    characters: Number(r.characters),
    costMicros: Number(r.cost),
  }));
  data.sort((a, b) =>
    query.groupBy === "day"
      ? a.key.localeCompare(b.key)
      : b.seconds - a.seconds || a.key.localeCompare(b.key),
  );
  const totals = { sessions: 0, seconds: 0, characters: 0, costMicros: 0 };
  for (const row of data) {
    totals.sessions += row.sessions;
    totals.seconds += row.seconds;
    totals.characters += row.characters;
    totals.costMicros += row.costMicros;
  }
  const report: UsageReport = {
    from,
    to,
    groupBy: query.groupBy,
    data,
    totals,
    quota: await quotaOf(services, auth.partnerId, now),
  };
  if (query.split) {
    const cells = await database.rows<{ day: string; key: string; seconds: number }>(sql`
      select day::text as day, ${sql.raw(keyColumn[query.split])} as key,
             sum(seconds)::float8 as seconds
        from usage_daily where ${inRange}
       group by 1, 2`);
    report.series = toSeries(cells, daysOf(from, days));
  }
  return report;
}

/** One series per key with a value for every day, so a chart can stack them as they are. */
export function toSeries(cells: { day: string; key: string; seconds: number }[], days: string[]) {
  const byKey = new Map<string, Map<string, number>>();
  for (const cell of cells) {
    const key = String(cell.key);
    const row = byKey.get(key) ?? new Map<string, number>();
    row.set(String(cell.day), Number(cell.seconds));
    byKey.set(key, row);
  }
  return [...byKey.keys()].sort().map((key) => ({
    key,
    data: days.map((day) => ({ day, seconds: byKey.get(key)?.get(day) ?? 0 })),
  }));
}

/**
 * This period's counter. Before the first session of a period there is no counter row yet:
 * nothing is used or reserved, and the allowance is the plan's.
 */
async function quotaOf(services: Services, partnerId: string, now: Date) {
  const counter = await readQuota(services.database, partnerId, now);
  if (counter) {
    return {
      includedSeconds: counter.includedSeconds,
      usedSeconds: counter.usedSeconds,
      reservedSeconds: counter.reservedSeconds,
    };
  }
  const plan = await getPartnerPlan(services.database.db, partnerId);
  return { includedSeconds: plan.includedSeconds, usedSeconds: 0, reservedSeconds: 0 };
}
