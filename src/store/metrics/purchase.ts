// Purchase metrics of SPEC §6 (B, 購買診断) as of D: purchases, order value and purchase days per
// active customer for this year and last; discount shares; customers overdue against their own
// purchase interval, now and one year earlier; discount-acquired customers against the rest.
// One statement over the per-customer summary and the daily totals, counts over customers. Definitions:
// docs/metrics-purchase-distribution-audit.md.
import { num, ratio, type MetricContext } from './context.js';
import { customerSummary, dailyTotals } from './customer-summary.js';
import { one, type Row } from './query.js';
import { discountEarlyMetrics } from './discount-survival.js';
import { addDays } from '../../domain/dates.js';
import type {
  PurchaseYear,
  OverdueSnapshot,
  DiscountGroup,
  PurchaseReport,
} from '../../report/index.js';

// The section types are the report contract's (src/report); re-exported for the callers here.
export type { PurchaseYear, OverdueSnapshot, DiscountGroup, PurchaseReport };

const D = `$as_of::DATE`;

// One row per customer with a purchase up to D, from the summary's purchase dates
// (customer-summary.ts) made distinct: ds is the sorted list of purchase days. "_p" columns are as
// of D−365. second_d is the second purchase day (NULL with one), so "second_d ≤ X" also means
// "≥ 2 purchase days by X". acq_disc: an order of the first purchase day was discounted.
const customersCte = (from: string) => `
  l AS (
    -- pd is sorted: a day equal to the one before it is a repeat (cheaper than sorting a distinct list).
    SELECT customer_id, acq_disc, list_filter(pd, (x, i) -> i = 1 OR x <> pd[i - 1]) AS ds
    FROM ${from} WHERE len(pd) > 0
  ), c AS MATERIALIZED (
    SELECT customer_id, acq_disc, ds[1] AS first_d, ds[-1] AS last_d, len(ds) AS days, ds[2] AS second_d,
           list_filter(ds, x -> x <= ${D} - 365)[-1] AS last_p,
           len(list_filter(ds, x -> x <= ${D} - 365)) AS days_p,
           len(list_filter(ds, x -> x >= ${D} - 364)) AS days_cur,
           len(list_filter(ds, x -> x BETWEEN ${D} - 729 AND ${D} - 365)) AS days_prev
    FROM l
  )`;

// Purchases and amounts of identified customers from the daily totals; purchase days from c.
const yearsCte = (daily: string) => `
  ys AS (
    SELECT ${yearCols('cur', `day >= ${D} - 364`)},
           ${yearCols('prev', `day <= ${D} - 365`)}
    FROM ${daily}
    WHERE day BETWEEN ${D} - 729 AND ${D}
  )`;

function yearCols(p: string, cond: string): string {
  return `coalesce(sum(purchases) FILTER (WHERE ${cond}), 0) AS ${p}_purchases,
    coalesce(sum(purchase_amount) FILTER (WHERE ${cond}), 0) AS ${p}_amount,
    coalesce(sum(disc_purchases) FILTER (WHERE ${cond}), 0) AS ${p}_disc_purchases,
    coalesce(sum(disc_amount) FILTER (WHERE ${cond}), 0) AS ${p}_disc_amount`;
}

// Overdue as of X: (X − last)·(days − 1) > multiple·(last − first) is "days since last purchase
// exceed multiple × mean interval" without a division; integers on both sides but the multiple.
function overdueCols(p: string, x: string, last: string, days: string, med: string): string {
  const recent = `${last} >= ${x} - 729`;
  return `count(*) FILTER (WHERE ${recent} AND ${days} >= 2) AS ${p}_repeat,
    count(*) FILTER (WHERE ${recent} AND ${days} >= 2
      AND (${x} - ${last}) * (${days} - 1) > $mult * (${last} - first_d)) AS ${p}_overdue,
    count(*) FILTER (WHERE ${last} >= ${x} - 364 AND ${days} >= 2
      AND (${x} - ${last}) * (${days} - 1) > $mult * (${last} - first_d)) AS ${p}_overdue_active,
    count(*) FILTER (WHERE ${last} >= ${x} - 364) AS ${p}_active,
    count(*) FILTER (WHERE ${recent} AND ${days} = 1) AS ${p}_single,
    count(*) FILTER (WHERE ${recent} AND ${days} = 1 AND ${x} - first_d > ${med}) AS ${p}_single_past,
    any_value(${med}) AS ${p}_median_f2`;
}

// Discount-acquired vs the rest: flag = acq_disc (TRUE) or not (FALSE).
function discountCols(p: string, flag: string): string {
  const cohort = `first_d BETWEEN ${D} - 729 AND ${D} - 365 AND acq_disc = ${flag}`;
  return `count(*) FILTER (WHERE first_d >= ${D} - 364 AND acq_disc = ${flag}) AS ${p}_new,
    count(*) FILTER (WHERE ${cohort}) AS ${p}_cohort,
    count(*) FILTER (WHERE ${cohort} AND second_d - first_d <= 364) AS ${p}_f2,
    count(*) FILTER (WHERE ${cohort} AND last_d >= ${D} - 364) AS ${p}_retained`;
}

const purchaseSql = (from: string, daily: string) => `
  WITH ${customersCte(from)}, ${yearsCte(daily)},
  med AS (
    SELECT median(second_d - first_d) AS now_f2,
           median(second_d - first_d) FILTER (WHERE second_d <= ${D} - 365) AS prev_f2
    FROM c
  ), cs AS (
    SELECT sum(days_cur) AS cur_days, sum(days_prev) AS prev_days,
           ${overdueCols('od', D, 'last_d', 'days', 'med.now_f2')},
           ${overdueCols('op', `(${D} - 365)`, 'last_p', 'days_p', 'med.prev_f2')},
           ${discountCols('dd', 'TRUE')},
           ${discountCols('dn', 'FALSE')}
    FROM c, med
  )
  SELECT * FROM ys, cs`;

/** Returns the purchase diagnosis figures as of ctx.asOf (amounts in the business currency). */
export async function purchaseMetrics(ctx: MetricContext): Promise<PurchaseReport> {
  const mult = ctx.settings.overdue.interval_multiple;
  const r = await one(ctx, purchaseSql(customerSummary(ctx), dailyTotals(ctx)), { mult });
  const D0 = ctx.asOf;
  const current = overdueSnapshot(r, 'od', D0);
  const previous = overdueSnapshot(r, 'op', addDays(D0, -365));
  return {
    as_of: D0,
    current: purchaseYear(r, 'cur', addDays(D0, -364), D0, current.active_customers),
    previous: purchaseYear(
      r,
      'prev',
      addDays(D0, -729),
      addDays(D0, -365),
      previous.active_customers,
    ),
    overdue: {
      interval_multiple: mult,
      current,
      previous,
      change: current.overdue_customers - previous.overdue_customers,
    },
    discount_acquired: {
      cohort_start: addDays(D0, -729),
      cohort_end: addDays(D0, -365),
      discounted: discountGroup(r, 'dd'),
      other: discountGroup(r, 'dn'),
    },
    discount_early: await discountEarlyMetrics(ctx),
  };
}

const n = (v: unknown): number => num(v) ?? 0;

function purchaseYear(r: Row, p: string, start: string, end: string, active: number): PurchaseYear {
  const purchases = n(r[`${p}_purchases`]);
  const amount = n(r[`${p}_amount`]);
  const days = n(r[`${p}_days`]);
  const discPurchases = n(r[`${p}_disc_purchases`]);
  const discAmount = n(r[`${p}_disc_amount`]);
  return {
    window_start: start,
    window_end: end,
    active_customers: active,
    purchases,
    purchase_days: days,
    purchase_amount: amount,
    purchases_per_active: ratio(purchases, active),
    average_order_value: ratio(amount, purchases),
    purchase_days_per_active: ratio(days, active),
    discounted_purchases: discPurchases,
    discounted_amount: discAmount,
    discount_purchase_share: ratio(discPurchases, purchases),
    discount_amount_share: ratio(discAmount, amount),
  };
}

function overdueSnapshot(r: Row, p: string, asOf: string): OverdueSnapshot {
  const active = n(r[`${p}_active`]);
  const overdueActive = n(r[`${p}_overdue_active`]);
  return {
    as_of: asOf,
    repeat_customers: n(r[`${p}_repeat`]),
    overdue_customers: n(r[`${p}_overdue`]),
    overdue_active: overdueActive,
    active_customers: active,
    overdue_share: ratio(overdueActive, active),
    median_f2_days: num(r[`${p}_median_f2`]),
    single_purchase_customers: n(r[`${p}_single`]),
    single_past_median_f2: n(r[`${p}_single_past`]),
  };
}

function discountGroup(r: Row, p: string): DiscountGroup {
  const cohort = n(r[`${p}_cohort`]);
  const f2 = n(r[`${p}_f2`]);
  const retained = n(r[`${p}_retained`]);
  return {
    new_customers: n(r[`${p}_new`]),
    cohort_customers: cohort,
    f2_within_365: f2,
    f2_rate: ratio(f2, cohort),
    retained,
    retention_rate: ratio(retained, cohort),
  };
}
