// Core metrics of SPEC §3 as of D: active customers, revenue, annual LTV, retention, flows and
// promotion intensity, from the per-customer summary and the daily totals (customer-summary.ts).
import { num, ratio, type MetricContext } from './context.js';
import { one, rows } from './query.js';
import { contactDays, customerSummary, dailyTotals } from './customer-summary.js';
import { addDays } from '../../domain/dates.js';
import type { Flows, CoreMetrics } from '../../report/index.js';

// The section types are the report contract's (src/report); re-exported for the callers here.
export type { Flows, CoreMetrics };

// Per customer from the summary (its purchase dates, filtered to ≤ D: the checkup of D−365 reads
// the summary of D), then the counts.
const customerFlags = (from: string) => `
  WITH p AS (
    SELECT list_filter(pd, x -> x <= $as_of::DATE) AS pd FROM ${from}
  ), c AS (
    SELECT pd[1] AS first_d,
           len(list_filter(pd, x -> x >= $as_of::DATE - 364)) > 0 AS cur,
           len(list_filter(pd, x -> x BETWEEN $as_of::DATE - 729 AND $as_of::DATE - 365)) > 0 AS base
    FROM p WHERE len(pd) > 0
  )
  SELECT count(*) FILTER (WHERE cur) AS active_customers,
         count(*) FILTER (WHERE base) AS base,
         count(*) FILTER (WHERE cur AND first_d >= $as_of::DATE - 364) AS new,
         count(*) FILTER (WHERE cur AND base) AS retained,
         count(*) FILTER (WHERE cur AND NOT base AND first_d < $as_of::DATE - 364) AS reactivated,
         count(*) FILTER (WHERE base AND NOT cur) AS churned
  FROM c`;

const revenueSql = (daily: string) => `
  SELECT coalesce(sum(revenue), 0) AS annual_revenue,
         coalesce(sum(unattributed_revenue), 0) AS unattributed_revenue
  FROM ${daily}
  WHERE day BETWEEN $as_of::DATE - 364 AND $as_of::DATE`;

const contactsSql = (days: string) => `
  SELECT channel, CAST(sum(contacts) AS BIGINT) AS n FROM ${days}
  WHERE day BETWEEN $as_of::DATE - 364 AND $as_of::DATE
  GROUP BY channel ORDER BY channel`;

/** Returns the §3 scalars as of ctx.asOf (amounts in the business currency). */
export async function coreMetrics(ctx: MetricContext): Promise<CoreMetrics> {
  // One connection runs one statement at a time; DuckDB parallelises inside each.
  const f = await one(ctx, customerFlags(customerSummary(ctx, { upTo: true })));
  const rev = await one(ctx, revenueSql(dailyTotals(ctx)));
  const contactRows = await rows(ctx, contactsSql(contactDays(ctx)));
  const active = num(f.active_customers) ?? 0;
  const base = num(f.base) ?? 0;
  const retained = num(f.retained) ?? 0;
  const revenue = num(rev.annual_revenue) ?? 0;
  const byChannel: Record<string, number | null> = {};
  let contacts = 0;
  for (const r of contactRows) {
    const n = num(r.n) ?? 0;
    contacts += n;
    byChannel[String(r.channel)] = ratio(n, active);
  }
  return {
    window_start: addDays(ctx.asOf, -364),
    active_customers: active,
    active_customers_prev_year: base,
    annual_revenue: revenue,
    unattributed_revenue: num(rev.unattributed_revenue) ?? 0,
    annual_ltv: ratio(revenue, active),
    retention_base: base,
    retention_retained: retained,
    retention_rate: ratio(retained, base),
    flows: {
      new: num(f.new) ?? 0,
      retained,
      reactivated: num(f.reactivated) ?? 0,
      churned: num(f.churned) ?? 0,
    },
    contacts,
    contacts_per_active: ratio(contacts, active),
    contacts_per_active_by_channel: byChannel,
  };
}
