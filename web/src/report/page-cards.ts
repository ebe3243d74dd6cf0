// The cards and comparison rows of the report pages, from the report alone. A page renders both:
// the cards at the top, the rows in its table (or, on the list diagnosis, the series the chart
// draws), so a card's delta can be checked against the table beside it (cards.test.ts).
import type { CheckupReport, Overview, SeriesPoint } from '@report/index.js';
import { card, type CardModel, type DeltaKind, type RowModel } from './cards.js';

type YearMetric =
  | 'active_customers'
  | 'retention_rate'
  | 'annual_ltv'
  | 'annual_revenue'
  | 'unattributed_revenue'
  | 'contacts_per_active';

/** The overview's metrics, in the order of its cards and its this-year / last-year table, with
 * each card's id and how its delta reads. */
const OVERVIEW: [YearMetric, string, DeltaKind][] = [
  ['active_customers', 'active', 'change'],
  ['retention_rate', 'retention', 'points'],
  ['annual_ltv', 'ltv', 'change'],
  ['annual_revenue', 'revenue', 'change'],
  ['unattributed_revenue', 'unattributed', 'change'],
  ['contacts_per_active', 'contacts', 'change'],
];
export const OVERVIEW_METRICS = OVERVIEW.map(([k]) => k);

/** Returns the overview's cards: each metric against a year ago. */
export function overviewCards(o: Overview): CardModel[] {
  return OVERVIEW.map(([k, id, kind]) => {
    const c = card(id, `metrics.${k}`, o.metrics[k], { previous: o.metrics_prev_year[k], kind });
    // Retention is a rate of the retention base: the card shows its n, or "too few to judge".
    return k === 'retention_rate'
      ? { ...c, base: { n: o.metrics.retention_base, min: o.min_rate_base } }
      : c;
  });
}

/** Returns the overview's table: each metric this year and last. */
export function overviewRows(o: Pick<Overview, 'metrics' | 'metrics_prev_year'>): RowModel[] {
  return OVERVIEW_METRICS.map((k) => ({
    metric: k,
    current: o.metrics[k],
    previous: o.metrics_prev_year[k],
    days: 365,
  }));
}

/** The list diagnosis compares active customers with 7, 30 and 365 days earlier. */
export const LIST_DAYS = [7, 30, 365] as const;

/** Returns the list diagnosis' cards: active customers at D, and against each earlier day. */
export function listCards(o: Overview): CardModel[] {
  const s = o.series;
  const now = s[s.length - 1]?.active_customers ?? o.metrics.active_customers;
  const ago = (days: number) =>
    days === 365
      ? o.metrics_prev_year.active_customers
      : (s[s.length - 1 - days]?.active_customers ?? null);
  return [
    card('active', 'metrics.active_customers', now),
    ...LIST_DAYS.map((days) =>
      card(`active-${days}d`, 'metrics.active_customers', now, {
        previous: ago(days),
        kind: 'change',
        days,
      }),
    ),
  ];
}

/** Returns the series' active customers at D and `days` earlier, found by date. */
export function seriesRows(
  series: SeriesPoint[],
  asOf: string,
  days: readonly number[],
): RowModel[] {
  const on = (d: string) => series.find((x) => x.date === d)?.active_customers ?? null;
  const minus = (n: number) =>
    new Date(Date.parse(asOf) - n * 86_400_000).toISOString().slice(0, 10);
  return days.map((n) => ({
    metric: 'active_customers',
    current: on(asOf),
    previous: on(minus(n)),
    days: n,
  }));
}

type Purchase = CheckupReport['purchase'];

/** The purchase year's figures the purchase page compares, in its table's order. */
export const PURCHASE_YEAR_METRICS = [
  'active_customers',
  'purchases',
  'purchases_per_active',
  'purchase_days_per_active',
  'average_order_value',
  'purchase_amount',
  'discount_purchase_share',
] as const;

/** The overdue snapshot's figures, in the table's order. */
export const OVERDUE_METRICS = [
  'repeat_customers',
  'overdue_customers',
  'overdue_active',
  'overdue_share',
  'median_f2_days',
  'single_past_median_f2',
] as const;

/** Returns the purchase diagnosis' cards. */
export function purchaseCards(p: Purchase): CardModel[] {
  const cur = p.current;
  const prev = p.previous;
  const od = p.overdue;
  return [
    card(
      'purchases-per-active',
      'purchase.current.purchases_per_active',
      cur.purchases_per_active,
      {
        previous: prev.purchases_per_active,
        kind: 'change',
      },
    ),
    card('aov', 'purchase.current.average_order_value', cur.average_order_value, {
      previous: prev.average_order_value,
      kind: 'change',
    }),
    card(
      'overdue-active',
      'purchase.overdue.current.overdue_active',
      od.current.overdue_active,
      { previous: od.previous.overdue_active, kind: 'difference' },
      'down',
    ),
    card(
      'overdue-share',
      'purchase.overdue.current.overdue_share',
      od.current.overdue_share,
      { previous: od.previous.overdue_share, kind: 'points' },
      'down',
    ),
  ];
}

/** Returns the purchase page's two tables as rows: the year against last, the overdue snapshots. */
export function purchaseRows(p: Purchase): { year: RowModel[]; overdue: RowModel[] } {
  return {
    year: PURCHASE_YEAR_METRICS.map((k) => ({
      metric: k,
      current: p.current[k],
      previous: p.previous[k],
      days: 365,
    })),
    overdue: OVERDUE_METRICS.map((k) => ({
      metric: k,
      current: p.overdue.current[k],
      previous: p.overdue.previous[k],
      days: 365,
    })),
  };
}

type Distribution = CheckupReport['distribution'];

/** Returns the distribution diagnosis' comparison card (the figures without a comparison are the page's own). */
export function distributionCards(d: Distribution): CardModel[] {
  return [
    card('contacts-per-active', 'distribution.contacts_per_active', d.contacts_per_active, {
      previous: d.contacts_per_active_prev_year,
      kind: 'change',
    }),
  ];
}

/** Returns the distribution page's all-channels row of its by-channel table. */
export function distributionRows(d: Distribution): RowModel[] {
  return [
    {
      metric: 'contacts_per_active',
      current: d.contacts_per_active,
      previous: d.contacts_per_active_prev_year,
      days: 365,
    },
  ];
}
