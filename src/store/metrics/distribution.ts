// Distribution metrics of SPEC §6 (C, 配布診断) as of D: contacts per active customer, coverage of
// active and at-risk customers, concentration (Gini, top-10 % share), over-contacted customers,
// and the response to contacts against comparable uncontacted customers, per channel and per
// campaign, with cost per response. Definitions: docs/metrics-purchase-distribution-audit.md.
import { SQL, num, ratio, type MetricContext } from './context.js';
import { one, type Row } from './query.js';
import { contactDays, customerSummary } from './customer-summary.js';
import { addDays } from '../../domain/dates.js';
import { responseMonths } from '../../domain/distribution.js';
import { roundedQuotientSql } from '../../domain/audit.js';
import { effectiveBase, liftEvidence } from '../../domain/evidence.js';
import type {
  ChannelIntensity,
  Coverage,
  ResponseRow,
  DistributionReport,
} from '../../report/index.js';

// The section types are the report contract's (src/report); re-exported for the callers here.
export type { ChannelIntensity, Coverage, ResponseRow, DistributionReport };

const D = `$as_of::DATE`;
const SENT = SQL.day('c.sent_at');
/** The channels of the contacts table (its CHECK constraint), numbered 1… in this order. */
const CHANNELS = `['dm', 'email', 'line', 'sms', 'call', 'other']`;

// Month index of a date: calendar months since $m0, the first day of the first analysed month.
const idx = (x: string) => `datediff('month', $m0::DATE, ${x})`;
// Bits lo..hi of a month mask, clamped to the $k analysed months; 0 when empty. Shift amounts
// are clamped too: DuckDB may evaluate both branches of a CASE.
const mask = (lo: string, hi: string) => {
  const l = `greatest(${lo}, 0)`;
  const h = `least(${hi}, $k::INTEGER - 1)`;
  return `CASE WHEN ${l} > ${h} THEN 0::BIGINT ELSE (1::BIGINT << greatest(${h} + 1, 0)) - (1::BIGINT << ${l}) END`;
};
const bit = (m: string, k: string) => `((${m} >> ${k}) & 1 = 1)`;
// A unit's key in one BIGINT: cid · 2^25 | month k · 2^21 (k < 13) | status · 2^20 |
// campaign flag · 2^19 | channel or campaign number (< 2^19).
const KID_MASK = 2 ** 19 - 1;

// Everything below is one statement, so that purchases and contacts are grouped by customer
// once (cu) for coverage, concentration and response alike; the purchases come from the
// per-customer summary (customer-summary.ts), the contacts of the analysed months are grouped by
// customer here; the large tables are never joined to each other except the treated contacts to
// cu.
//
// camp: campaigns with contacts, numbered; a contact without its own cost carries an equal
// share of its campaign's cost (campaign cost ÷ the campaign's contacts without a cost, all
// dates).
// act, resp: per purchase day, the months for which that purchase makes its buyer active
// (m_k in d+1 … d+365) and makes a control respond (m_k in d−w+1 … d), as bit masks (0 for a
// day before the analysed months can reach).
const customersCte = (from: string, days: string) => `
  camp AS MATERIALIZED (
    SELECT row_number() OVER () AS kid, * FROM (
      SELECT n.campaign_id, cp.name, cp.cost, n.uncosted, CAST(cp.cost AS DOUBLE) / nullif(n.uncosted, 0) AS share
      FROM (SELECT campaign_id, CAST(sum(uncosted) AS BIGINT) AS uncosted FROM ${days}
            WHERE campaign_id IS NOT NULL GROUP BY campaign_id) n
      LEFT JOIN (SELECT campaign_id, max(name) AS name, max(cost) AS cost FROM campaigns
                 GROUP BY campaign_id) cp ON n.campaign_id = cp.campaign_id)
  ), pu AS (
    SELECT customer_id, ${idx('pd[1]')} AS first_k, pd[-1] AS last_d,
           len(list_filter(pd, x -> x BETWEEN ${D} - 729 AND ${D} - 365)) > 0 AS prev,
           list_filter(pd, x -> x >= ${D} - 364) AS ds,
           list_filter(pd, x -> x >= $m0::DATE - 365) AS near
    FROM ${from} WHERE len(pd) > 0
  ), cal AS (
    -- The masks of every day from $m0 − 365 to D, looked up by day number: computing them per
    -- purchase in the lambda cost 2 s at 1M customers.
    SELECT list(${mask(`${idx('d')} + 1`, idx('d + 365'))} ORDER BY d) AS act,
           list(${mask(`${idx('d - $w::INTEGER')} + 1`, idx('d'))} ORDER BY d) AS resp
    FROM (SELECT CAST(unnest(generate_series($m0::DATE - 365, ${D}, INTERVAL 1 DAY)) AS DATE) AS d)
  ), pm AS (
    SELECT customer_id, first_k, last_d, prev, ds,
           coalesce(list_aggregate(list_transform(near, d -> cal.act[d - ($m0::DATE - 365) + 1]), 'bit_or'), 0) AS active_mask,
           coalesce(list_aggregate(list_transform(near, d -> cal.resp[d - ($m0::DATE - 365) + 1]), 'bit_or'), 0) AS resp_mask
    FROM pu, cal
  ), cc AS (
    SELECT customer_id,
           bit_or(1::BIGINT << least(greatest(${idx('d')}, 0), 62)) AS contact_mask,
           count(*) FILTER (WHERE d >= ${D} - 364) AS n,
           bool_or(d > ${D} - $recent::INTEGER) AS recent
    FROM (SELECT c.customer_id, ${SENT} AS d FROM contacts c WHERE ${SENT} BETWEEN $m0::DATE AND ${D})
    GROUP BY customer_id
  ), cu AS MATERIALIZED (
    SELECT row_number() OVER () AS cid, * FROM (
      SELECT coalesce(p.customer_id, c.customer_id) AS customer_id, p.first_k, p.last_d,
             coalesce(p.prev, false) AS prev, p.ds,
             coalesce(p.active_mask, 0) AS active_mask, coalesce(p.resp_mask, 0) AS resp_mask,
             coalesce(c.contact_mask, 0) AS contact_mask, coalesce(c.n, 0) AS n,
             coalesce(c.recent, false) AS recent
      FROM pm p FULL JOIN cc c ON p.customer_id = c.customer_id)
  )`;

// Coverage and concentration. The distribution of contact counts over active customers (a few
// hundred distinct values at most) gives the Gini and the top-10 % share without sorting the
// customers: a run of c customers with value x after `below` smaller values holds the ranks
// below+1 … below+c, whose sum is c·below + c(c+1)/2; `above` counts larger values.
const COVERAGE = `
  dist AS (
    SELECT n AS x, count(*) AS c FROM cu WHERE last_d >= ${D} - 364 GROUP BY n
  ), g AS (
    SELECT x, c, sum(c) OVER () AS total_n,
           coalesce(sum(c) OVER (ORDER BY x ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS below,
           coalesce(sum(c) OVER (ORDER BY x DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS above
    FROM dist
  ), conc AS (
    SELECT sum(c * x) AS total_x, sum(x * (c * below + c * (c + 1) // 2)) AS rank_x,
           sum(x * greatest(0, least(c, 0.1 * total_n - above))) AS top_x
    FROM g
  ), cov AS (
    SELECT ${coverageCols('act', `last_d >= ${D} - 364`)},
           ${coverageCols('risk', `last_d BETWEEN ${D} - 729 AND ${D} - $at_risk::INTEGER`)},
           count(*) FILTER (WHERE prev) AS active_prev,
           count(*) FILTER (WHERE n > $over) AS over,
           count(*) FILTER (WHERE n > $over AND last_d >= ${D} - 364) AS over_active
    FROM cu
  )`;

function coverageCols(p: string, cond: string): string {
  return `count(*) FILTER (WHERE ${cond}) AS ${p}_n,
    count(*) FILTER (WHERE ${cond} AND recent) AS ${p}_recent,
    count(*) FILTER (WHERE ${cond} AND n > 0) AS ${p}_year`;
}

// Contacts per channel in the year ending D and the year before; contacts and cost in the year
// per channel and per campaign, from the contacts by day, channel and campaign
// (customer-summary.ts). Grouped by (channel, campaign) first — a few hundred rows — so
// that campaign costs are allocated per group, not per contact: a group's share of a campaign's
// cost is cost × its contacts without a cost ÷ all the campaign's contacts without a cost,
// rounded exactly to 0.0001; the sums stay DECIMAL.
const yearCte = (days: string) => `
  yg AS (
    SELECT channel, campaign_id,
           CAST(coalesce(sum(contacts) FILTER (WHERE day >= ${D} - 364), 0) AS BIGINT) AS contacts,
           CAST(coalesce(sum(contacts) FILTER (WHERE day <= ${D} - 365), 0) AS BIGINT) AS contacts_prev,
           sum(cost) FILTER (WHERE day >= ${D} - 364) AS own,
           CAST(coalesce(sum(uncosted) FILTER (WHERE day >= ${D} - 364), 0) AS BIGINT) AS uncosted
    FROM ${days} WHERE day BETWEEN ${D} - 729 AND ${D}
    GROUP BY ALL
  ), yc AS (
    SELECT yg.*, camp.name,
           CASE WHEN yg.uncosted > 0 AND camp.cost IS NOT NULL
                THEN ${roundedQuotientSql('camp.cost * yg.uncosted', 'camp.uncosted', 4)} END AS alloc
    FROM yg LEFT JOIN camp ON yg.campaign_id = camp.campaign_id
  ), yr AS (
    SELECT GROUPING(channel) = 0 AS is_channel, coalesce(channel, campaign_id) AS key,
           CASE WHEN GROUPING(channel) = 1 THEN any_value(name) END AS name,
           sum(contacts) AS contacts, sum(contacts_prev) AS contacts_prev,
           CASE WHEN count(own) + count(alloc) > 0 THEN coalesce(sum(own), 0) + coalesce(sum(alloc), 0) END AS cost
    FROM yc
    GROUP BY GROUPING SETS ((channel), (campaign_id))
  )`;

// Response. A unit is (customer, calendar month k, channel — or campaign) with a contact sent in
// the response period [D−364, D−w+1]; it responds when the customer buys within w days from its
// first such contact (days t … t+w−1). The control of month k and status s is the customers of
// status s at the month's first day m_k with no contact at all in month k; they respond when
// they buy within w days from m_k. Status: 0 active (a purchase in the 365 days before m_k),
// 1 lapsed (purchases only before that); customers who had never bought before m_k are left out.
// tc: the treated contacts joined to cu, with v = 2·(contact day number) + (0 when the customer
// bought within w days from it, else 1): the minimum v of a unit is its first contact's, and its
// parity says whether the unit responded. Each contact counts in a channel unit and a campaign
// unit, grouped on one integer key (KID_MASK). Their cost is summed in double precision (fsum,
// compensated, across units) and rounded to 0.0001.
const RESPONSE = `
  tc AS (
    SELECT cu.cid, ${idx(SENT)} AS k, CASE WHEN ${bit('cu.active_mask', idx(SENT))} THEN 0 ELSE 1 END AS status,
           list_position(${CHANNELS}, c.channel) AS ch,
           CASE WHEN camp.kid > ${KID_MASK} THEN error('more than ${KID_MASK} campaigns') ELSE camp.kid END AS cp,
           (${SENT} - DATE '2000-01-01') * 2
             + CASE WHEN list_min(list_filter(cu.ds, p -> p >= ${SENT})) <= ${SENT} + $w::INTEGER - 1 THEN 0 ELSE 1 END AS v,
           coalesce(CAST(c.cost AS DOUBLE), camp.share) AS cost
    FROM contacts c
    JOIN cu ON c.customer_id = cu.customer_id
    LEFT JOIN camp ON c.campaign_id = camp.campaign_id
    WHERE ${SENT} BETWEEN ${D} - 364 AND ${D} - $w::INTEGER + 1 AND cu.first_k < ${idx(SENT)}
  ), ug AS (
    SELECT ukey, min(v) AS v, sum(cost) AS cost
    FROM (SELECT unnest([(cid << 25) | (k << 21) | (status << 20) | ch,
                         (cid << 25) | (k << 21) | (status << 20) | (1 << 19) | cp]) AS ukey,
                 v, cost
          FROM tc)
    WHERE ukey IS NOT NULL
    GROUP BY ukey
  ), units AS (
    SELECT (ukey >> 19) & 1 = 0 AS is_channel, ukey & ${KID_MASK} AS kid, (ukey >> 21) & 15 AS k,
           (ukey >> 20) & 1 AS status, count(*) AS units, count(*) FILTER (WHERE v % 2 = 0) AS responders,
           fsum(cost) AS cost
    FROM ug GROUP BY ALL
  ), ctrl AS (
    SELECT m.k, CASE WHEN ${bit('active_mask', 'm.k')} THEN 0 ELSE 1 END AS status, count(*) AS n,
           count(*) FILTER (WHERE ${bit('resp_mask', 'm.k')}) AS r
    FROM cu, range($k::INTEGER) AS m(k)
    WHERE first_k < m.k AND NOT ${bit('contact_mask', 'm.k')}
    GROUP BY ALL
  ), resp AS (
    SELECT a.is_channel, CASE WHEN a.is_channel THEN ${CHANNELS}[a.kid] ELSE any_value(camp.campaign_id) END AS key,
           coalesce(sum(a.units) FILTER (WHERE ctrl.n > 0), 0) AS units,
           coalesce(sum(a.responders) FILTER (WHERE ctrl.n > 0), 0) AS responders,
           -- A double sum in a fixed order (list_sum of an ordered list): a parallel sum() adds
           -- the months in whatever order the threads finish, and the last digit moved between runs.
           list_sum(list(a.units * ctrl.r / ctrl.n ORDER BY a.k, a.status) FILTER (WHERE ctrl.n > 0)) AS expected,
           -- The control rate's evidence (responseRow): its customers, units² × its variance
           -- Σ u²·r(n−r)/n³, and units² / Kish's base Σ u²/n, in the same fixed order.
           coalesce(sum(ctrl.n) FILTER (WHERE ctrl.n > 0), 0) AS control_n,
           list_sum(list(CAST(a.units AS DOUBLE) * a.units * ctrl.r * (ctrl.n - ctrl.r) / (CAST(ctrl.n AS DOUBLE) * ctrl.n * ctrl.n)
                         ORDER BY a.k, a.status) FILTER (WHERE ctrl.n > 0)) AS control_var,
           list_sum(list(CAST(a.units AS DOUBLE) * a.units / ctrl.n ORDER BY a.k, a.status) FILTER (WHERE ctrl.n > 0)) AS control_kish,
           coalesce(sum(a.units) FILTER (WHERE ctrl.n IS NULL), 0) AS unmatched,
           CAST(round(fsum(a.cost) FILTER (WHERE ctrl.n > 0), 4) AS DECIMAL(38,4)) AS cost
    FROM units a
    LEFT JOIN ctrl ON a.k = ctrl.k AND a.status = ctrl.status
    LEFT JOIN camp ON NOT a.is_channel AND camp.kid = a.kid
    GROUP BY a.is_channel, a.kid
  )`;

const distributionSql = (from: string, days: string) => `
  WITH ${customersCte(from, days)}, ${COVERAGE}, ${yearCte(days)}, ${RESPONSE}
  SELECT conc.*, cov.*,
         (SELECT list(yr ORDER BY yr.is_channel DESC, yr.key) FROM yr
          WHERE yr.is_channel OR (yr.key IS NOT NULL AND yr.contacts > 0)) AS year_rows,
         (SELECT list(resp) FROM resp) AS resp_rows
  FROM conc, cov`;

/** Returns the distribution diagnosis figures as of ctx.asOf (costs in the business currency). */
export async function distributionMetrics(ctx: MetricContext): Promise<DistributionReport> {
  const s = ctx.settings.distribution;
  const w = s.response_window_days;
  const months = responseMonths(ctx.asOf, w);
  const c = await one(ctx, distributionSql(customerSummary(ctx), contactDays(ctx)), {
    m0: months.first,
    k: months.count,
    w,
    recent: s.coverage_recent_days,
    at_risk: s.at_risk_days,
    over: s.over_contacted_per_year,
  });
  const year = (c.year_rows ?? []) as Row[];
  const resp = (c.resp_rows ?? []) as Row[];
  const active = n(c.act_n);
  const activePrev = n(c.active_prev);
  const byChannel = year
    .filter((r) => r.is_channel)
    .map((r) => ({
      channel: String(r.key),
      contacts: n(r.contacts),
      contacts_prev_year: n(r.contacts_prev),
      contacts_per_active: ratio(n(r.contacts), active),
      contacts_per_active_prev_year: ratio(n(r.contacts_prev), activePrev),
    }));
  const contacts = byChannel.reduce((a, r) => a + r.contacts, 0);
  const contactsPrev = byChannel.reduce((a, r) => a + r.contacts_prev_year, 0);
  return {
    as_of: ctx.asOf,
    window_start: addDays(ctx.asOf, -364),
    active_customers: active,
    active_customers_prev_year: activePrev,
    contacts,
    contacts_prev_year: contactsPrev,
    contacts_per_active: ratio(contacts, active),
    contacts_per_active_prev_year: ratio(contactsPrev, activePrev),
    by_channel: byChannel,
    coverage: {
      recent_days: s.coverage_recent_days,
      active: coverage(c, 'act'),
      at_risk: coverage(c, 'risk'),
      at_risk_days: s.at_risk_days,
    },
    ...concentration(c),
    over_contacted: n(c.over),
    over_contacted_active: n(c.over_active),
    over_contacted_threshold: s.over_contacted_per_year,
    response: {
      window_days: w,
      period_start: addDays(ctx.asOf, -364),
      period_end: addDays(ctx.asOf, -(w - 1)),
      by_channel: responseRows(year, resp, true),
      by_campaign: responseRows(year, resp, false),
    },
  };
}

const n = (v: unknown): number => num(v) ?? 0;

function coverage(r: Row, p: string): Coverage {
  const customers = n(r[`${p}_n`]);
  return {
    customers,
    contacted_recent: n(r[`${p}_recent`]),
    contacted_year: n(r[`${p}_year`]),
    coverage_recent: ratio(n(r[`${p}_recent`]), customers),
    coverage_year: ratio(n(r[`${p}_year`]), customers),
  };
}

// G = 2·Σ i·x_(i) / (n·Σx) − (n+1)/n over ascending x (ranks i = 1…n); top-10 % = top_x / Σx.
function concentration(r: Row): { gini: number | null; top10_share: number | null } {
  const total = n(r.total_x);
  const count = n(r.act_n);
  if (total === 0 || count === 0) return { gini: null, top10_share: null };
  return {
    gini: (2 * n(r.rank_x)) / (count * total) - (count + 1) / count,
    top10_share: n(r.top_x) / total,
  };
}

// One row per channel or campaign with contacts in the year; the response figures joined by key.
function responseRows(year: Row[], resp: Row[], channels: boolean): ResponseRow[] {
  const byKey = new Map(
    resp.filter((r) => r.is_channel === channels).map((r) => [String(r.key), r]),
  );
  return year
    .filter((y) => y.is_channel === channels && n(y.contacts) > 0)
    .map((y) => responseRow(y, byKey.get(String(y.key)) ?? {}));
}

function responseRow(y: Row, r: Row): ResponseRow {
  const units = n(r.units);
  const responders = n(r.responders);
  const expected = num(r.expected);
  const incremental = expected === null ? null : responders - expected;
  const rate = ratio(responders, units);
  const control = expected === null ? null : ratio(expected, units);
  const spent = num(r.cost);
  const ev = controlEvidence(units, responders, control, r);
  return {
    key: String(y.key),
    name: y.name === null || y.name === undefined ? null : String(y.name),
    contacts: n(y.contacts),
    cost: num(y.cost),
    contacted_customers: units,
    responders,
    response_rate: rate,
    control_rate: control,
    uplift: rate === null || control === null ? null : rate - control,
    control_customers: n(r.control_n),
    control_effective_n: ev.n,
    uplift_low: ev.e.low,
    uplift_high: ev.e.high,
    uplift_z: ev.e.z,
    uplift_p: ev.e.p,
    uplift_verdict: ev.e.verdict,
    expected_responses: expected,
    incremental_responses: incremental,
    unmatched_customers: n(r.unmatched),
    response_cost: spent,
    cost_per_response: ratio(spent, responders),
    cost_per_incremental_response:
      incremental !== null && incremental > 0 ? ratio(spent, incremental) : null,
  };
}

/**
 * The uplift's evidence. The control rate is a weighted mean of the uncontacted customers'
 * rates of each month and status (weights w = this row's units there / units), so it is read
 * as control_rate of its effective base (effectiveBase: the n whose binomial variance equals
 * the weighted mean's) and compared with responders of units by the same Newcombe interval,
 * z and verdict as a follow-up step's lift. Units are treated as independent although a
 * customer contacted in several months is several units: the interval is the usual
 * approximation, not a guarantee (docs/metrics.md, "Two lifts").
 */
function controlEvidence(units: number, responders: number, control: number | null, r: Row) {
  const variance = (num(r.control_var) ?? 0) / (units * units);
  const kishSum = num(r.control_kish) ?? 0;
  const base =
    control === null || units === 0 || kishSum === 0
      ? 0
      : effectiveBase(control, variance, (units * units) / kishSum, n(r.control_n));
  return {
    n: control === null ? null : base,
    e: liftEvidence(responders, units, (control ?? 0) * base, base),
  };
}
