// Core metrics of SPEC §3 as of D: active customers, revenue, annual LTV, retention, flows and
// promotion intensity. One pass over the orders builds per-customer flags; the counts follow.
import { SQL, num, ratio, type MetricContext } from './context.js';
import { one, rows } from './query.js';
import { addDays } from '../../domain/dates.js';
import type { Flows, CoreMetrics } from '../../report/index.js';

// The section types are the report contract's (src/report); re-exported for the callers here.
export type { Flows, CoreMetrics };

const CUSTOMER_FLAGS = `
  WITH p AS (
    SELECT o.customer_id, ${SQL.day('o.ordered_at')} AS d
    FROM orders o
    WHERE ${SQL.isPurchase} AND o.customer_id IS NOT NULL AND ${SQL.day('o.ordered_at')} <= $as_of::DATE
  ), c AS (
    SELECT customer_id,
           min(d) AS first_d,
           bool_or(d >= $as_of::DATE - 364) AS cur,
           bool_or(d BETWEEN $as_of::DATE - 729 AND $as_of::DATE - 365) AS base
    FROM p GROUP BY customer_id
  )
  SELECT count(*) FILTER (WHERE cur) AS active_customers,
         count(*) FILTER (WHERE base) AS base,
         count(*) FILTER (WHERE cur AND first_d >= $as_of::DATE - 364) AS new,
         count(*) FILTER (WHERE cur AND base) AS retained,
         count(*) FILTER (WHERE cur AND NOT base AND first_d < $as_of::DATE - 364) AS reactivated,
         count(*) FILTER (WHERE base AND NOT cur) AS churned
  FROM c`;

const REVENUE = `
  SELECT coalesce(sum(o.amount) FILTER (WHERE o.customer_id IS NOT NULL), 0) AS annual_revenue,
         coalesce(sum(o.amount) FILTER (WHERE o.customer_id IS NULL), 0) AS unattributed_revenue
  FROM orders o
  WHERE ${SQL.isRevenueEvent}
    AND ${SQL.day('o.ordered_at')} BETWEEN $as_of::DATE - 364 AND $as_of::DATE`;

const CONTACTS = `
  SELECT channel, count(*) AS n FROM contacts
  WHERE ${SQL.day('sent_at')} BETWEEN $as_of::DATE - 364 AND $as_of::DATE
  GROUP BY channel ORDER BY channel`;

/** Returns the §3 scalars as of ctx.asOf (amounts in the business currency). */
export async function coreMetrics(ctx: MetricContext): Promise<CoreMetrics> {
  // One connection runs one statement at a time; DuckDB parallelises inside each.
  const f = await one(ctx, CUSTOMER_FLAGS);
  const rev = await one(ctx, REVENUE);
  const contactRows = await rows(ctx, CONTACTS);
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
