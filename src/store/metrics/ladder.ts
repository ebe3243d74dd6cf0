// The customer ladder as of D (SPEC §5, seeds 001 and 004): one level per person, defined
// once as SQL (ladderCte), then counts, conversion between adjacent levels by cohort, time to
// convert, lead conversion, and each level's retention and annual LTV — all aggregated in SQL.
import { SQL, num, ratio, type MetricContext } from './context.js';
import { one } from './query.js';
import { customerSummary, customerSummarySql } from './customer-summary.js';
import type { Settings } from '../../domain/settings.js';
import {
  BASE_PROSPECT_LEVEL,
  LADDER_STAGES,
  LADDER_STEPS,
  horizonComplete,
  ladderStageInfo,
  stageOf,
  type LadderStep,
} from '../../domain/ladder.js';
import type {
  LadderLevelRow,
  LadderConversionRow,
  LadderConversionTotal,
  LadderLevelStats,
  LadderReport,
} from '../../report/index.js';

// The section types are the report contract's (src/report); re-exported for the callers here.
export type {
  LadderLevelRow,
  LadderConversionRow,
  LadderConversionTotal,
  LadderLevelStats,
  LadderReport,
};

/** Returns a finite number as an SQL literal (settings are inlined: the CTE binds only $as_of). */
function lit(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`not a finite number: ${n}`);
  return String(n);
}

/** Returns `s` as an SQL string literal (lead event types are free text from settings). */
function str(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

const level = (n: number | string) => `CAST(${n} AS DECIMAL(4,2))`;

/** Returns the SQL level of a customer with `f` purchases (domain customerLevel, rendered). */
export function customerLevelSql(f: string, advocate: string, loyalMin: number): string {
  return level(
    `CASE WHEN ${advocate} THEN 1.3 WHEN ${f} >= ${lit(loyalMin)} THEN 1.2 WHEN ${f} >= 2 THEN 1.1 ELSE 1.0 END`,
  );
}

/** Returns the SQL stage of a level column (domain stageOf, rendered). */
export function ladderStageSql(col: string): string {
  return `CASE WHEN ${col} >= 1.3 THEN 'advocate' WHEN ${col} >= 1.2 THEN 'loyal' WHEN ${col} >= 1.1 THEN 'repeat'
               WHEN ${col} >= 1.0 THEN 'first_purchase' ELSE 'prospect' END`;
}

/**
 * Returns the CTEs (without WITH) that define the ladder as of $as_of:
 * lad_customers (customer_id, f, first_d, second_d, loyal_d, advocate_d, f_prev, in_base, active,
 * annual_revenue, level),
 * lad_leads (lead_id, customer_id, lead_d, level) and lad_people (customer_id, lead_id, level):
 * one row per person — purchasers, customers without a purchase, and leads not linked to a customer.
 * `from` is the per-customer summary (customer-summary.ts): the checkup's table, by default inline.
 */
export function ladderCte(
  settings: Settings,
  from = `(${customerSummarySql(settings)})`,
): string {
  const l = settings.ladder;
  const types = Object.entries(l.prospect_levels);
  const typeLevels = types.length
    ? `SELECT * FROM (VALUES ${types.map(([t, v]) => `(${str(t)}, ${level(lit(v))})`).join(', ')}) v(type, level)`
    : `SELECT NULL::VARCHAR AS type, NULL::DECIMAL(4,2) AS level WHERE false`;
  const freeService =
    l.free_service_level > 0
      ? `UNION ALL SELECT customer_id, ${level(lit(l.free_service_level))} FROM lad_cust WHERE f = 0 AND served_free`
      : '';
  const k = lit(l.loyal_min_purchases);
  // The summary (customer-summary.ts) serves purchases, free services and the year's revenue
  // events (returns included) for each level's annual LTV. pd[1:k] are the k earliest purchase
  // dates (ascending, repeats kept): enough for the 2nd and the k-th purchase.
  return `
  lad_type_levels AS (${typeLevels}),
  lad_cust AS MATERIALIZED (
    SELECT customer_id, len(pd) AS f, pd[1] AS first_d, pd[1:${k}] AS firsts,
           len(list_filter(pd, x -> x <= $as_of::DATE - 365)) AS f_prev,
           len(list_filter(pd, x -> x BETWEEN $as_of::DATE - 729 AND $as_of::DATE - 365)) > 0 AS in_base,
           len(list_filter(pd, x -> x >= $as_of::DATE - 364)) > 0 AS active,
           coalesce(revenue_year, 0) AS annual_revenue,
           served_free
    FROM ${from}
  ),
  -- An advocate referred someone who has bought; advocate_d is that referral's first purchase.
  lad_referrals AS (
    SELECT c.referred_by_customer_id AS customer_id, min(r.first_d) AS advocate_d
    FROM customers c JOIN lad_cust r ON r.customer_id = c.customer_id
    WHERE r.f > 0 AND c.referred_by_customer_id IS NOT NULL AND c.referred_by_customer_id <> c.customer_id
    GROUP BY 1
  ),
  lad_customers AS MATERIALIZED (
    SELECT lc.* EXCLUDE (served_free, firsts), lc.firsts[2] AS second_d, lc.firsts[${k}] AS loyal_d, rf.advocate_d,
           ${customerLevelSql('lc.f', 'rf.advocate_d IS NOT NULL', l.loyal_min_purchases)} AS level
    FROM lad_cust lc LEFT JOIN lad_referrals rf USING (customer_id)
    WHERE lc.f > 0
  ),
  lad_leads AS (
    SELECT ld.lead_id, any_value(ld.customer_id) AS customer_id, min(${SQL.day('ld.created_at')}) AS lead_d,
           coalesce(max(t.level), ${level(BASE_PROSPECT_LEVEL)}) AS level
    FROM leads ld
    LEFT JOIN lead_events e ON e.lead_id = ld.lead_id AND ${SQL.day('e.event_at')} <= $as_of::DATE
    LEFT JOIN lad_type_levels t ON t.type = e.type
    WHERE ${SQL.day('ld.created_at')} <= $as_of::DATE
    GROUP BY ld.lead_id
  ),
  -- Prospect levels of everyone known by customer_id: a record, a linked lead, a free service.
  lad_known AS (
    SELECT customer_id, max(level) AS level FROM (
      SELECT customer_id, ${level(BASE_PROSPECT_LEVEL)} AS level FROM customers
      WHERE created_at IS NULL OR ${SQL.day('created_at')} <= $as_of::DATE
      UNION ALL SELECT customer_id, level FROM lad_leads WHERE customer_id IS NOT NULL
      ${freeService}
    ) x
    GROUP BY customer_id
  ),
  -- A purchase makes a customer whatever else is known; the rest are prospects.
  lad_people AS (
    SELECT coalesce(c.customer_id, k.customer_id) AS customer_id, NULL::VARCHAR AS lead_id, coalesce(c.level, k.level) AS level
    FROM lad_customers c FULL JOIN lad_known k ON k.customer_id = c.customer_id
    UNION ALL SELECT NULL::VARCHAR, lead_id, level FROM lad_leads WHERE customer_id IS NULL
  )`;
}

const key = (lv: unknown) => (num(lv) ?? 0).toFixed(2);

/** Returns the conversion horizons, distinct and ascending. */
const horizonsOf = (s: Settings) =>
  [...new Set(s.ladder.conversion_horizons_days)].sort((a, b) => a - b);

// The report is one statement: the ladder CTEs are computed once (materialised) and every
// breakdown below is a scalar subquery over them returning a struct or a list of structs.

/** Returns the extra CTEs the breakdowns use (conversion steps, horizons, lead paths, levels then and now). */
function reportCtes(settings: Settings): string {
  const prevLevel = customerLevelSql(
    'f_prev',
    'advocate_d <= $as_of::DATE - 365',
    settings.ladder.loyal_min_purchases,
  );
  return `
  steps AS (
    SELECT 'f1_to_f2' AS step, first_d AS from_d, second_d AS to_d FROM lad_customers
    UNION ALL SELECT 'f2_to_loyal', second_d, loyal_d FROM lad_customers WHERE second_d IS NOT NULL
  ),
  horizons(horizon) AS (VALUES ${horizonsOf(settings)
    .map((h) => `(${lit(h)})`)
    .join(', ')}),
  -- A lead whose customer had bought before the lead was created was never a prospect.
  lead_paths AS (
    SELECT l.lead_d, c.first_d FROM lad_leads l LEFT JOIN lad_customers c ON c.customer_id = l.customer_id
    WHERE c.first_d IS NULL OR c.first_d >= l.lead_d
  ),
  level_now AS (
    SELECT level, count(*) FILTER (WHERE active) AS active_customers, sum(annual_revenue) AS annual_revenue
    FROM lad_customers GROUP BY level
  ),
  level_then AS (
    SELECT ${prevLevel} AS level, count(*) AS base, count(*) FILTER (WHERE active) AS retained
    FROM lad_customers WHERE in_base GROUP BY 1
  )`;
}

/** Returns the SELECT list of the report statement. */
function reportSelect(settings: Settings): string {
  const within = horizonsOf(settings)
    .map(
      (
        h,
      ) => `{'horizon_days': ${lit(h)}, 'base': count(*) FILTER (WHERE lead_d <= $as_of::DATE - ${lit(h)}),
                  'converted': count(*) FILTER (WHERE lead_d <= $as_of::DATE - ${lit(h)} AND first_d - lead_d <= ${lit(h)})}`,
    )
    .join(', ');
  return `
  (SELECT list({'level': level, 'people': n}) FROM (SELECT level, count(*) AS n FROM lad_people GROUP BY level)) AS levels,
  (SELECT list({'step': step, 'cohort_month': cohort_month, 'horizon_days': horizon, 'base': base, 'converted': converted}
               ORDER BY step, cohort_month, horizon)
   FROM (SELECT step, strftime(from_d, '%Y-%m') AS cohort_month, horizon, count(*) AS base,
                count(*) FILTER (WHERE to_d - from_d <= horizon) AS converted
         FROM steps CROSS JOIN horizons GROUP BY ALL)) AS conversion,
  (SELECT {'leads': count(*), 'converted': count(first_d), 'median_days': median(first_d - lead_d), 'within': [${within}]}
   FROM lead_paths) AS leads,
  (SELECT {'f1_to_f2': median(second_d - first_d), 'f2_to_loyal': median(loyal_d - second_d)} FROM lad_customers) AS medians,
  (SELECT list({'level': coalesce(n.level, t.level), 'active_customers': n.active_customers,
                'annual_revenue': n.annual_revenue, 'base': t.base, 'retained': t.retained})
   FROM level_now n FULL JOIN level_then t ON n.level = t.level) AS level_stats`;
}

type Obj = Record<string, unknown>;
const list = (v: unknown) => (Array.isArray(v) ? (v as Obj[]) : []);

/** Returns the count of people at every configured level (zeros included), lowest first. */
function levelRows(settings: Settings, found: Obj[]): LadderLevelRow[] {
  const counts = new Map(found.map((r) => [key(r.level), num(r.people) ?? 0]));
  const l = settings.ladder;
  const levels = new Set(
    [BASE_PROSPECT_LEVEL, ...Object.values(l.prospect_levels), 1.0, 1.1, 1.2, 1.3].map(key),
  );
  if (l.free_service_level > 0) levels.add(key(l.free_service_level));
  for (const k of counts.keys()) levels.add(k);
  return [...levels]
    .map(Number)
    .sort((a, b) => a - b)
    .map((lv) => {
      const info = ladderStageInfo(stageOf(lv))!;
      return {
        level: lv,
        stage: info.stage,
        name_ja: info.name_ja,
        name_en: info.name_en,
        people: counts.get(key(lv)) ?? 0,
      };
    });
}

/** Returns the conversion rows with their rate and completeness as of `asOf`. */
function conversionRows(found: Obj[], asOf: string): LadderConversionRow[] {
  return found.map((r) => {
    const base = num(r.base) ?? 0;
    const converted = num(r.converted) ?? 0;
    const horizon = num(r.horizon_days) ?? 0;
    const month = String(r.cohort_month);
    return {
      step: r.step as LadderStep,
      cohort_month: month,
      horizon_days: horizon,
      base,
      converted,
      rate: ratio(converted, base),
      complete: horizonComplete(month, horizon, asOf),
    };
  });
}

/** Returns the per-step, per-horizon totals over complete cohorts. */
function conversionTotals(
  rowsIn: LadderConversionRow[],
  horizons: number[],
): LadderConversionTotal[] {
  return LADDER_STEPS.flatMap((step) =>
    horizons.map((h) => {
      const done = rowsIn.filter((r) => r.step === step && r.horizon_days === h && r.complete);
      const base = done.reduce((s, r) => s + r.base, 0);
      const converted = done.reduce((s, r) => s + r.converted, 0);
      return {
        step,
        horizon_days: h,
        cohorts: done.length,
        base,
        converted,
        rate: ratio(converted, base),
      };
    }),
  );
}

/** Returns the lead conversion block. */
function leadConversion(r: Obj): LadderReport['lead_conversion'] {
  const n = num(r.leads) ?? 0;
  const converted = num(r.converted) ?? 0;
  return {
    leads: n,
    converted,
    rate: ratio(converted, n),
    within: list(r.within).map((w) => {
      const base = num(w.base) ?? 0;
      const conv = num(w.converted) ?? 0;
      return {
        horizon_days: num(w.horizon_days) ?? 0,
        base,
        converted: conv,
        rate: ratio(conv, base),
      };
    }),
  };
}

/** Returns each customer level's annual LTV (level as of D) and retention (level as of D−365). */
function levelStats(found: Obj[]): LadderLevelStats[] {
  const byLevel = new Map(found.map((r) => [key(r.level), r]));
  return LADDER_STAGES.filter((s) => s.level !== null).map((s) => {
    const r = byLevel.get(key(s.level));
    const active = num(r?.active_customers) ?? 0;
    const revenue = num(r?.annual_revenue) ?? 0;
    const base = num(r?.base) ?? 0;
    const retained = num(r?.retained) ?? 0;
    return {
      level: s.level!,
      stage: s.stage,
      active_customers: active,
      annual_revenue: revenue,
      annual_ltv: ratio(revenue, active),
      retention_base: base,
      retention_retained: retained,
      retention_rate: ratio(retained, base),
    };
  });
}

/** Returns the ladder report as of ctx.asOf (counts of people, rates 0–1, days, amounts in the currency). */
export async function ladderMetrics(ctx: MetricContext): Promise<LadderReport> {
  const s = ctx.settings;
  const r = await one(
    ctx,
    `WITH ${ladderCte(s, customerSummary(ctx))}, ${reportCtes(s)} SELECT ${reportSelect(s)}`,
  );
  const levels = levelRows(s, list(r.levels));
  const conversion = conversionRows(list(r.conversion), ctx.asOf);
  const medians = (r.medians ?? {}) as Obj;
  return {
    as_of: ctx.asOf,
    loyal_min_purchases: s.ladder.loyal_min_purchases,
    horizons_days: horizonsOf(s),
    prospects: levels.filter((l) => l.stage === 'prospect').reduce((n, l) => n + l.people, 0),
    customers: levels.filter((l) => l.stage !== 'prospect').reduce((n, l) => n + l.people, 0),
    levels,
    conversion,
    conversion_totals: conversionTotals(conversion, horizonsOf(s)),
    median_days: {
      f1_to_f2: num(medians.f1_to_f2),
      f2_to_loyal: num(medians.f2_to_loyal),
      lead_to_first_purchase: num((r.leads as Obj | null)?.median_days),
    },
    lead_conversion: leadConversion((r.leads ?? {}) as Obj),
    level_stats: levelStats(list(r.level_stats)),
  };
}
