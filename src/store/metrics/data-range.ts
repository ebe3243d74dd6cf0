// How much purchase history the business has as of D: comparisons "against last year" need a
// full year (or two) of history before them, or they compare a real year with a stub.
import { SQL, num, type MetricContext } from './context.js';
import { one } from './query.js';

export interface DataRange {
  /** Date of the first purchase on or before D, or null. */
  first_purchase: string | null;
  /** Days from the first purchase to D, both included (0 without purchases). */
  history_days: number;
  /** Contacts recorded at any date (0: no promotion data imported). */
  contacts_total: number;
}

/** Returns the purchase history span and whether any contacts exist. */
export async function dataRange(ctx: MetricContext): Promise<DataRange> {
  const r = await one(
    ctx,
    `SELECT strftime(min(${SQL.day('o.ordered_at')}), '%Y-%m-%d') AS first_purchase,
            coalesce($as_of::DATE - min(${SQL.day('o.ordered_at')}) + 1, 0) AS history_days,
            (SELECT count(*) FROM contacts) AS contacts_total
     FROM orders o WHERE ${SQL.isPurchase} AND o.customer_id IS NOT NULL AND ${SQL.day('o.ordered_at')} <= $as_of::DATE`,
  );
  return {
    first_purchase: (r.first_purchase as string | null) ?? null,
    history_days: num(r.history_days) ?? 0,
    contacts_total: num(r.contacts_total) ?? 0,
  };
}
