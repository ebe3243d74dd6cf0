// New-customer asset audit 新規顧客資産性監査 (SPEC §6, seed 002), facts only: for each
// acquisition month and channel of the last N months up to D, ad spend, new customers, CPA, and
// for those customers the gross profit earned since their first purchase against that CPA:
// still active, churned, recovered, and the unrecovered acquisition cost of the churned.
// All money is DECIMAL in SQL; the only divisions are rounded exactly to 0.0001 (see
// roundedQuotientSql). Definitions: docs/metrics-purchase-distribution-audit.md.
import { num, ratio, type MetricContext } from './context.js';
import { customerSummary } from './customer-summary.js';
import { rows, type Row } from './query.js';
import { auditMonths, roundedQuotientSql } from '../../domain/audit.js';
import type {
  AuditFigures,
  AuditCell,
  AuditChannel,
  AssetAuditReport,
} from '../../report/index.js';

// The section types are the report contract's (src/report); re-exported for the callers here.
export type { AuditFigures, AuditCell, AuditChannel, AssetAuditReport };

const D = `$as_of::DATE`;
// Gross profit has 4 (amount) + 6 (rate) decimals.
const GP_SCALE = 10;

// nc: the customers whose first purchase falls in the audited months, with their acquisition
// channel, net revenue since then (purchases and return credit notes up to D) × margin, and
// whether they are active. cell: every (month, channel) with new customers or with spend.
// Recovered is tested as gp·N ≥ S, exact, rather than gp ≥ S/N.
// pc reads the per-customer summary (customer-summary.ts): net is every purchase and return
// credit note up to D.
const auditSql = (from: string) => `
  WITH pc AS (
    SELECT customer_id, pd[1] AS first_d, pd[-1] AS last_d, net_revenue AS net
    FROM ${from}
    WHERE pd[1] >= $first::DATE
  ), ch AS (
    SELECT customer_id, max(nullif(trim(acquisition_channel), '')) AS channel
    FROM customers GROUP BY customer_id
  ), nc AS (
    SELECT strftime(pc.first_d, '%Y-%m') AS month, coalesce(ch.channel, 'unknown') AS channel,
           CAST(pc.net AS DECIMAL(38,4)) * CAST($rate AS DECIMAL(10,6)) AS gp,
           pc.last_d >= ${D} - 364 AS active
    FROM pc LEFT JOIN ch ON pc.customer_id = ch.customer_id
  ), spend AS (
    SELECT strftime(date, '%Y-%m') AS month, channel, sum(amount) AS s
    FROM ad_spend WHERE date BETWEEN $first::DATE AND ${D} GROUP BY ALL
  ), cell AS (
    SELECT coalesce(n.month, s.month) AS month, coalesce(n.channel, s.channel) AS channel,
           coalesce(n.n, 0) AS n, s.s
    FROM (SELECT month, channel, count(*) AS n FROM nc GROUP BY ALL) n
    FULL JOIN spend s ON n.month = s.month AND n.channel = s.channel
  ), per AS (
    SELECT cell.month, cell.channel, count(nc.gp) AS customers,
           count(*) FILTER (WHERE nc.active) AS active,
           count(*) FILTER (WHERE NOT nc.active) AS churned,
           coalesce(sum(nc.gp), 0) AS gp,
           count(*) FILTER (WHERE nc.gp * cell.n >= cell.s) AS recovered,
           count(*) FILTER (WHERE NOT nc.active AND nc.gp * cell.n < cell.s) AS lost,
           coalesce(sum(nc.gp) FILTER (WHERE NOT nc.active AND nc.gp * cell.n < cell.s), 0) AS lost_gp
    FROM cell LEFT JOIN nc ON nc.month = cell.month AND nc.channel = cell.channel
    GROUP BY cell.month, cell.channel
  ), cellx AS (
    SELECT cell.month, cell.channel, cell.n, cell.s, p.active, p.churned, p.gp,
           CASE WHEN cell.s IS NOT NULL AND cell.n > 0 THEN ${roundedQuotientSql('cell.s', 'cell.n', 4)} END AS cpa,
           CASE WHEN cell.s IS NOT NULL AND cell.n > 0 THEN p.recovered END AS recovered,
           CASE WHEN cell.s IS NOT NULL AND cell.n > 0 THEN p.lost END AS lost,
           CASE WHEN cell.s IS NOT NULL AND cell.n > 0
                THEN ${roundedQuotientSql('p.lost * cell.s - cell.n * p.lost_gp', 'cell.n', GP_SCALE)} END AS lost_cost
    FROM cell JOIN per p ON p.month = cell.month AND p.channel = cell.channel
  )
  SELECT GROUPING(month, channel) AS level, month, channel,
         sum(s) AS ad_spend, sum(n) AS new_customers,
         coalesce(sum(n) FILTER (WHERE s IS NOT NULL), 0) AS customers_with_cpa,
         CASE WHEN GROUPING(month) = 0 THEN any_value(cpa)
              WHEN sum(n) FILTER (WHERE s IS NOT NULL) > 0
              THEN ${roundedQuotientSql('sum(s)', 'sum(n) FILTER (WHERE s IS NOT NULL)', 4)} END AS cpa,
         sum(active) AS active, sum(churned) AS churned, sum(gp) AS gross_profit,
         sum(recovered) AS recovered, sum(lost) AS unrecovered_customers, sum(lost_cost) AS unrecovered_cost
  FROM cellx
  GROUP BY GROUPING SETS ((month, channel), (channel), ())
  ORDER BY level, month, channel`;

/** Returns the asset audit as of ctx.asOf for the last settings.audit.months acquisition months. */
export async function assetAudit(ctx: MetricContext): Promise<AssetAuditReport> {
  const rate = ctx.settings.gross_margin_rate;
  const m = auditMonths(ctx.asOf, ctx.settings.audit.months);
  const out = await rows(ctx, auditSql(customerSummary(ctx)), {
    first: m.first,
    rate: rate.toFixed(6),
  });
  const cells = out.filter((r) => num(r.level) === 0);
  const channels = out.filter((r) => num(r.level) === 2);
  const total = out.find((r) => num(r.level) === 3);
  return {
    as_of: ctx.asOf,
    from_month: m.from_month,
    to_month: m.to_month,
    gross_margin_rate: rate,
    cells: cells.map((r) => ({
      month: String(r.month),
      channel: String(r.channel),
      ...figures(r),
    })),
    by_channel: channels.map((r) => ({ channel: String(r.channel), ...figures(r) })),
    total: total ? figures(total) : figures({}),
  };
}

const n = (v: unknown): number => num(v) ?? 0;

function figures(r: Row): AuditFigures {
  const customers = n(r.new_customers);
  const withCpa = n(r.customers_with_cpa);
  const gp = n(r.gross_profit);
  const recovered = num(r.recovered);
  return {
    ad_spend: num(r.ad_spend),
    new_customers: customers,
    customers_with_cpa: withCpa,
    cpa: num(r.cpa),
    active: n(r.active),
    churned: n(r.churned),
    gross_profit: gp,
    gross_profit_per_customer: ratio(gp, customers),
    recovered,
    recovered_share: ratio(recovered, withCpa),
    unrecovered_customers: num(r.unrecovered_customers),
    unrecovered_cost: num(r.unrecovered_cost),
  };
}
