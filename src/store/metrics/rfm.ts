// RFM as of D (SPEC §5): per-customer recency, frequency and monetary value, their scores 1–5
// and the named segment, defined once as SQL (rfmCte) and aggregated in the engine for the
// report. Live segments (store/segments.ts) select from the same CTE, with the same cut set
// (rfm-cuts.ts).
import { num, ratio, type MetricContext } from './context.js';
import { customerSummary, customerSummarySql } from './customer-summary.js';
import { rows } from './query.js';
import type { Settings } from '../../domain/settings.js';
import { RF_MAP, RFM_SEGMENTS, scoreRules, type ScoreRule } from '../../domain/rfm.js';
import { cutPoints, cutSetInfo, cutsSql, rfmCutSet, type RfmCutSet } from './rfm-cuts.js';
import type { RfmCell, RfmSegmentRow, RfmReport } from '../../report/index.js';

// The section types are the report contract's (src/report); re-exported for the callers here.
export type { RfmCell, RfmSegmentRow, RfmReport };

/** Returns the score expression of `col` under the list of four cuts `cuts` (same rule as domain scoreValue). */
function scoreSql(col: string, cuts: string, rule: ScoreRule): string {
  const op = rule.cut_in_upper_band ? '<=' : '<';
  const band = [1, 2, 3, 4]
    .map((i) => `(CASE WHEN ${cuts}[${i}] ${op} ${col} THEN 1 ELSE 0 END)`)
    .join(' + ');
  return rule.higher_is_better ? `(1 + ${band})` : `(5 - (${band}))`;
}

/** Returns the CASE that maps an R score and an F score to the named segment (RF_MAP). */
function segmentSql(r: string, f: string): string {
  const whens = RF_MAP.flatMap((row, i) =>
    row.map((seg, j) => {
      if (!/^[a-z_]+$/.test(seg)) throw new Error(`bad segment id ${seg}`);
      return `WHEN ${(5 - i) * 10 + j + 1} THEN '${seg}'`;
    }),
  );
  return `CASE ${r} * 10 + ${f} ${whens.join(' ')} END`;
}

/**
 * Returns the CTE (without WITH) rfm_base: per purchaser as of $as_of customer_id, first_d,
 * last_d, r_days, f, m (unscored: the values need no cut set).
 */
export function rfmBaseCte(settings: Settings, from = `(${customerSummarySql(settings)})`): string {
  return `
  rfm_base AS MATERIALIZED (
    SELECT customer_id, pd[1] AS first_d, pd[-1] AS last_d,
           $as_of::DATE - pd[-1] AS r_days, len(pd) AS f, monetary AS m
    FROM ${from} WHERE len(pd) > 0
  )`;
}

/**
 * Returns the CTEs (without WITH) that define the per-customer RFM table `rfm` as of $as_of:
 * customer_id, first_d, last_d, r_days, f, m, r_score, f_score, m_score, segment.
 * Also defined: rfm_base (unscored values) and rfm_cuts (r_cuts, f_cuts, m_cuts), the cut set
 * of D (rfm-cuts.ts: resolved once, then inlined, so every reader of D scores with the same
 * cuts). `from` is the per-customer summary (customer-summary.ts): the checkup's table, by
 * default inline.
 */
export function rfmCte(
  settings: Settings,
  cutSet: RfmCutSet,
  from = `(${customerSummarySql(settings)})`,
): string {
  if (cutSet.method !== settings.rfm.method)
    throw new Error(
      `cut set of method ${cutSet.method} for settings.rfm.method ${settings.rfm.method}`,
    );
  const rules = scoreRules(cutSet.method);
  const c = cutSet.cuts;
  return `${rfmBaseCte(settings, from)},
  rfm_cuts AS (
    SELECT ${cutsSql(c?.r ?? null)} AS r_cuts, ${cutsSql(c?.f ?? null)} AS f_cuts, ${cutsSql(c?.m ?? null)} AS m_cuts
  ),
  rfm_scored AS (
    SELECT b.*, ${scoreSql('b.r_days', 'c.r_cuts', rules.r)} AS r_score,
           ${scoreSql('b.f', 'c.f_cuts', rules.f)} AS f_score,
           ${scoreSql('b.m', 'c.m_cuts', rules.m)} AS m_score
    FROM rfm_base b CROSS JOIN rfm_cuts c
  ),
  rfm AS (
    SELECT *, ${segmentSql('r_score', 'f_score')} AS segment FROM rfm_scored
  )`;
}

/** Returns the per-customer RFM table as one SQL query (binds $as_of). */
export function rfmCustomersSql(settings: Settings, cutSet: RfmCutSet): string {
  return `WITH ${rfmCte(settings, cutSet)} SELECT customer_id, r_days, f, m, r_score, f_score, m_score, segment FROM rfm`;
}

/** Returns the RFM report as of ctx.asOf: cut points, the R×F grid, M scores and named segments (amounts in the currency). */
export async function rfmMetrics(ctx: MetricContext): Promise<RfmReport> {
  const cutSet = await rfmCutSet(ctx);
  const cte = rfmCte(ctx.settings, cutSet, customerSummary(ctx));
  // One statement: every breakdown is a grouping set of one pass over the scored table.
  const [res] = await rows(
    ctx,
    `WITH ${cte},
     g AS (
       SELECT r_score, f_score, segment, m_score, GROUPING(r_score, f_score, segment, m_score) AS gid,
              count(*) AS customers, coalesce(sum(m), 0) AS revenue,
              avg(r_days) AS avg_r_days, avg(f) AS avg_f, avg(m) AS avg_m
       FROM rfm GROUP BY GROUPING SETS ((r_score, f_score), (segment), (m_score), ())
     )
     SELECT (SELECT list(g) FROM g) AS groups`,
  );
  const groups = (res.groups ?? []) as Record<string, unknown>[];
  // GROUPING bitmask, first argument most significant: a set bit means "not grouped by".
  const of = (gid: number) => groups.filter((r) => num(r.gid) === gid);
  const total = of(0b1111)[0];
  const customers = num(total?.customers) ?? 0;
  const revenue = num(total?.revenue) ?? 0;

  const cell = new Map(of(0b0011).map((r) => [`${r.r_score}/${r.f_score}`, r]));
  const grid: RfmCell[] = [];
  for (let r = 5; r >= 1; r--) {
    for (let f = 1; f <= 5; f++) {
      const c = cell.get(`${r}/${f}`);
      grid.push({
        r_score: r,
        f_score: f,
        customers: num(c?.customers) ?? 0,
        revenue: num(c?.revenue) ?? 0,
      });
    }
  }
  const mRows = new Map(of(0b1110).map((r) => [num(r.m_score), r]));
  const m_scores = [1, 2, 3, 4, 5].map((m) => ({
    m_score: m,
    customers: num(mRows.get(m)?.customers) ?? 0,
    revenue: num(mRows.get(m)?.revenue) ?? 0,
  }));
  const segRows = new Map(of(0b1101).map((r) => [String(r.segment), r]));
  const segments = RFM_SEGMENTS.map((s): RfmSegmentRow => {
    const r = segRows.get(s.id);
    const n = num(r?.customers) ?? 0;
    const rev = num(r?.revenue) ?? 0;
    return {
      segment: s.id,
      name_ja: s.name_ja,
      name_en: s.name_en,
      customers: n,
      revenue: rev,
      share_customers: ratio(n, customers),
      share_revenue: ratio(rev, revenue),
      avg_r_days: num(r?.avg_r_days),
      avg_f: num(r?.avg_f),
      avg_m: num(r?.avg_m),
    };
  });
  return {
    as_of: ctx.asOf,
    method: ctx.settings.rfm.method,
    monetary_window_days: ctx.settings.rfm.monetary_window_days,
    customers,
    revenue,
    cut_points: cutPoints(cutSet),
    cut_set: cutSetInfo(cutSet),
    grid,
    m_scores,
    segments,
  };
}
