// How much purchase history the business has as of D: comparisons "against last year" need a
// full year (or two) of history before them, or they compare a real year with a stub. Orders
// dated before any plausible business date are not history: counted here, used nowhere.
import { SQL, num, type MetricContext } from './context.js';
import { one } from './query.js';
import type { DataRange } from '../../report/index.js';

// The section types are the report contract's (src/report); re-exported for the callers here.
export type { DataRange };

/** Returns the purchase history span and whether any contacts exist. */
export async function dataRange(ctx: MetricContext): Promise<DataRange> {
  const r = await one(
    ctx,
    `SELECT strftime(min(${SQL.day('o.ordered_at')}), '%Y-%m-%d') AS first_purchase,
            coalesce($as_of::DATE - min(${SQL.day('o.ordered_at')}) + 1, 0) AS history_days,
            (SELECT count(*) FROM contacts) AS contacts_total,
            (SELECT count(*) FROM orders o WHERE ${SQL.isImplausible}) AS implausible_orders,
            (SELECT strftime(min(${SQL.day('o.ordered_at')}), '%Y-%m-%d') FROM orders o WHERE ${SQL.isImplausible}) AS implausible_first
     FROM orders o WHERE ${SQL.isPurchase} AND o.customer_id IS NOT NULL AND ${SQL.day('o.ordered_at')} <= $as_of::DATE`,
  );
  return {
    first_purchase: (r.first_purchase as string | null) ?? null,
    history_days: num(r.history_days) ?? 0,
    contacts_total: num(r.contacts_total) ?? 0,
    implausible_orders: num(r.implausible_orders) ?? 0,
    implausible_first: (r.implausible_first as string | null) ?? null,
  };
}
