/**
 * The usage benchmark's data, as SQL: `sessions` generated calls spread over several partners
 * (one large), many agents each (a few popular), two providers and `days` past days (UTC
 * business hours, short calls more common than long ones). A premium (ElevenLabs) call meters
 * seconds and characters, a standard one seconds only, exactly as the server meters them.
 * Every value is a hash of the call's number, so a run is reproducible and the statement can
 * be split into ranges that run in parallel.
 */
import { type SQL, sql } from "drizzle-orm";

export interface Spread {
  /** Partner ids with their share of the calls; the shares add up to 1. */
  partners: { id: string; share: number }[];
  agentsPerPartner: number;
  days: number;
  /** Calls 1…premiumCalls are premium (two events each), the rest standard (one event). */
  premiumCalls: number;
  calls: number;
}

/** The events a spread produces. */
export const eventCount = (s: Pick<Spread, "premiumCalls" | "calls">) => s.calls + s.premiumCalls;

/** The number of calls (and how many premium) for `events` events with `premiumShare` premium calls. */
export function callsFor(events: number, premiumShare: number) {
  const calls = Math.round(events / (1 + premiumShare));
  return { calls, premiumCalls: events - calls };
}

/** Ranges [from, to] of call numbers splitting 1…calls into `parts` nearly equal pieces. */
export function ranges(calls: number, parts: number): [number, number][] {
  const size = Math.ceil(calls / parts);
  const out: [number, number][] = [];
  for (let from = 1; from <= calls; from += size)
    out.push([from, Math.min(calls, from + size - 1)]);
  return out;
}

/** Cumulative upper bounds of the partner shares, the last one forced to 1. */
export function cumulative(shares: number[]): number[] {
  let sum = 0;
  return shares.map((s, i) => {
    sum += s;
    return i === shares.length - 1 ? 1 : sum;
  });
}

/** A uniform number in [0, 1) from the call number `g` and a salt, in SQL. */
const uniform = (salt: number) =>
  sql.raw(`((hashint8(g * 16 + ${salt})::float8 + 2147483648) / 4294967296)`);

const pad = (expr: string) => `lpad(${expr}::text, 9, '0')`;

/** Micros per unit, read from the rates table the server prices with. */
export interface Rates {
  premiumPerSecond: number;
  standardPerSecond: number;
  perCharacter: number;
}

/**
 * One INSERT … SELECT of the events of calls `from`…`to`. Ids and keys follow the server's
 * shapes (`use_…`, `elevenlabs:<conversation>`, `final:<session>`).
 */
export function insertEventsSql(spread: Spread, rates: Rates, from: number, to: number): SQL {
  const bounds = cumulative(spread.partners.map((p) => p.share));
  const partner = sql.join(
    spread.partners.map((p, i) => sql`when u_partner < ${bounds[i]}::float8 then ${p.id}::text`),
    sql` `,
  );
  const partnerIndex = sql.join(
    spread.partners.map((_, i) => sql`when u_partner < ${bounds[i]}::float8 then ${i}::int`),
    sql` `,
  );
  return sql`
    insert into usage_events (id, partner_id, agent_id, session_id, provider, kind, quantity,
                              cost_micros, provisional, idempotency_key, occurred_at)
    select 'use_bench_' || ${sql.raw(pad("c.g"))} || left(k.kind, 1),
           c.partner_id, c.agent_id, 'ses_bench_' || ${sql.raw(pad("c.g"))}, c.provider, k.kind,
           case when k.kind = 'seconds' then c.seconds else c.characters end,
           case when k.kind = 'characters' then c.characters * ${rates.perCharacter}::bigint
                when c.provider = 'elevenlabs' then round(c.seconds * ${rates.premiumPerSecond}::float8)
                else round(c.seconds * ${rates.standardPerSecond}::float8)
           end::bigint,
           false,
           case when c.provider = 'openai' then 'final:ses_bench_' || ${sql.raw(pad("c.g"))}
                when k.kind = 'seconds' then 'elevenlabs:conv_' || ${sql.raw(pad("c.g"))}
                else 'elevenlabs:conv_' || ${sql.raw(pad("c.g"))} || ':characters'
           end,
           c.occurred_at
      from (
        select g,
               case ${partner} end as partner_id,
               'agt_bench_' || case ${partnerIndex} end || '_' ||
                 floor(${spread.agentsPerPartner}::int * u_agent * u_agent)::int as agent_id,
               case when g <= ${spread.premiumCalls}::int then 'elevenlabs' else 'openai' end as provider,
               10 + floor(890 * u_length * u_length)::int as seconds,
               (10 + floor(890 * u_length * u_length)::int) * (8 + floor(8 * u_chars)::int) as characters,
               (current_date - (1 + floor(${spread.days}::int * u_day))::int)::timestamp
                 at time zone 'UTC'
                 + make_interval(hours => 7 + floor(12 * u_hour)::int, secs => floor(3600 * u_second))
                 as occurred_at
          from (
            select g, ${uniform(0)} as u_partner, ${uniform(1)} as u_agent, ${uniform(2)} as u_length,
                   ${uniform(3)} as u_chars, ${uniform(4)} as u_day, ${uniform(5)} as u_hour,
                   ${uniform(6)} as u_second
              from generate_series(${from}::int, ${to}::int) g
          ) u
      ) c
      cross join lateral (values ('seconds'), ('characters')) k(kind)
     where k.kind = 'seconds' or c.provider = 'elevenlabs'`;
}

/**
 * The rollup rows of the generated events, per (partner, UTC day, agent, provider): one
 * session per seconds event, seconds, characters and cost summed. Built as a table first
 * (`create table … as` may use parallel workers; an INSERT may not).
 */
export const rollupTableSql = sql`
  create unlogged table bench_rollups as
  select partner_id, (occurred_at at time zone 'UTC')::date as day, agent_id, provider,
         count(*) filter (where kind = 'seconds') as sessions,
         coalesce(sum(quantity) filter (where kind = 'seconds'), 0) as seconds,
         coalesce(sum(quantity) filter (where kind = 'characters'), 0) as characters,
         sum(cost_micros) as cost_micros
    from usage_events where id like 'use_bench_%'
   group by 1, 2, 3, 4`;

/**
 * Adds them with the upsert the server uses (`writePending` in server/src/domain/usage.ts):
 * added to a row that exists, a new row otherwise.
 */
export const rollupSql = sql`
  insert into usage_daily (partner_id, day, agent_id, provider, sessions, seconds, characters, cost_micros)
  select partner_id, day, agent_id, provider, sessions, seconds, characters, cost_micros
    from bench_rollups order by 1, 2, 3, 4
  on conflict (partner_id, day, agent_id, provider) do update
     set sessions = usage_daily.sessions + excluded.sessions,
         seconds = usage_daily.seconds + excluded.seconds,
         characters = usage_daily.characters + excluded.characters,
         cost_micros = usage_daily.cost_micros + excluded.cost_micros`;

/** Rollup rows that differ from the raw events they sum (whole table, every partner). */
export const rollupMismatchSql = sql`
  with raw as (
    select partner_id, (occurred_at at time zone 'UTC')::date as day, agent_id, provider,
           count(*) filter (where kind = 'seconds') as sessions,
           coalesce(sum(quantity) filter (where kind = 'seconds'), 0) as seconds,
           coalesce(sum(quantity) filter (where kind = 'characters'), 0) as characters,
           sum(cost_micros) as cost_micros
      from usage_events group by 1, 2, 3, 4
  )
  select count(*)::int as mismatches
    from raw full join usage_daily d using (partner_id, day, agent_id, provider)
   where raw.sessions is distinct from d.sessions or raw.seconds is distinct from d.seconds
      or raw.characters is distinct from d.characters or raw.cost_micros is distinct from d.cost_micros`;

/**
 * What a report over raw events looks like: the naive query, summing every event of the
 * partner in the range, per UTC day (what `GET /v1/usage?groupBy=day` answers from rollups).
 */
export function naiveReportSql(partnerId: string, from: string, to: string): SQL {
  return sql`
    select (occurred_at at time zone 'UTC')::date::text as key,
           (count(*) filter (where kind = 'seconds'))::float8 as sessions,
           coalesce(sum(quantity) filter (where kind = 'seconds'), 0)::float8 as seconds,
           coalesce(sum(quantity) filter (where kind = 'characters'), 0)::float8 as characters,
           sum(cost_micros)::float8 as cost
      from usage_events
     where partner_id = ${partnerId}
       and occurred_at >= ${from}::date::timestamp at time zone 'UTC'
       and occurred_at < (${to}::date + 1)::timestamp at time zone 'UTC'
     group by 1 order by 1`;
}
