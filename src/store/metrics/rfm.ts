// RFM as of D (SPEC §5): per-customer recency, frequency and monetary value, their scores 1–5
// and the named segment, defined once as SQL (rfmCte) and aggregated in the engine for the
// report. Live segments (store/segments.ts) select from the same CTE.
import { num, ratio, type MetricContext } from './context.js';
import { customerSummary, customerSummarySql } from './customer-summary.js';
import { rows } from './query.js';
import type { Settings } from '../../domain/settings.js';
import {
  QUINTILE_PROBS,
  RF_MAP,
  RFM_SEGMENTS,
  scoreRules,
  type ScoreRule,
} from '../../domain/rfm.js';
import type { RfmCell, RfmSegmentRow, RfmReport } from '../../report/index.js';

// The section types are the report contract's (src/report); re-exported for the callers here.
export type { RfmCell, RfmSegmentRow, RfmReport };

/** Returns a finite number as an SQL literal (settings are inlined: the CTE binds only $as_of). */
function lit(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`not a finite number: ${n}`);
  return String(n);
}

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

/** Returns the fixed bounds as a DECIMAL list literal, refusing bounds that are not ascending. */
function boundsSql(name: string, bounds: readonly number[]): string {
  for (let i = 1; i < bounds.length; i++) {
    if (bounds[i] < bounds[i - 1])
      throw new Error(`settings.rfm.${name} must be ascending: ${bounds.join(', ')}`);
  }
  return `[${bounds.map(lit).join(', ')}]::DECIMAL(18,4)[]`;
}

/** Returns the quantile cut list of a column, rounded to 4 decimals so float error cannot split ties. */
function quantileSql(col: string): string {
  return `list_transform(quantile_cont(${col}::DOUBLE, [${QUINTILE_PROBS.join(', ')}]), c -> round(c, 4))::DECIMAL(18,4)[]`;
}

/**
 * Returns the CTEs (without WITH) that define the per-customer RFM table `rfm` as of $as_of:
 * customer_id, first_d, last_d, r_days, f, m, r_score, f_score, m_score, segment.
 * Also defined: rfm_base (unscored values) and rfm_cuts (r_cuts, f_cuts, m_cuts). `from` is
 * the per-customer summary (customer-summary.ts): the checkup's table, by default inline.
 */
export function rfmCte(settings: Settings, from = `(${customerSummarySql(settings)})`): string {
  const s = settings.rfm;
  const rules = scoreRules(s.method);
  const cuts =
    s.method === 'fixed'
      ? `SELECT ${boundsSql('recency_days', s.recency_days)} AS r_cuts, ${boundsSql('frequency', s.frequency)} AS f_cuts,
                ${boundsSql('monetary', s.monetary)} AS m_cuts`
      : `SELECT ${quantileSql('r_days')} AS r_cuts, ${quantileSql('f')} AS f_cuts, ${quantileSql('m')} AS m_cuts FROM rfm_base`;
  return `
  rfm_base AS MATERIALIZED (
    SELECT customer_id, pd[1] AS first_d, pd[-1] AS last_d,
           $as_of::DATE - pd[-1] AS r_days, len(pd) AS f, monetary AS m
    FROM ${from} WHERE len(pd) > 0
  ),
  rfm_cuts AS (${cuts}),
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
export function rfmCustomersSql(settings: Settings): string {
  return `WITH ${rfmCte(settings)} SELECT customer_id, r_days, f, m, r_score, f_score, m_score, segment FROM rfm`;
}

const cutList = (v: unknown): number[] | null =>
  Array.isArray(v) ? v.map((x) => num(x) ?? 0) : null;

/** Returns the RFM report as of ctx.asOf: cut points, the R×F grid, M scores and named segments (amounts in the currency). */
export async function rfmMetrics(ctx: MetricContext): Promise<RfmReport> {
  const cte = rfmCte(ctx.settings, customerSummary(ctx));
  // One statement: every breakdown is a grouping set of one pass over the scored table, and
  // the cut points ride along (the CTEs are computed once).
  const [res] = await rows(
    ctx,
    `WITH ${cte},
     g AS (
       SELECT r_score, f_score, segment, m_score, GROUPING(r_score, f_score, segment, m_score) AS gid,
              count(*) AS customers, coalesce(sum(m), 0) AS revenue,
              avg(r_days) AS avg_r_days, avg(f) AS avg_f, avg(m) AS avg_m
       FROM rfm GROUP BY GROUPING SETS ((r_score, f_score), (segment), (m_score), ())
     )
     SELECT (SELECT list(g) FROM g) AS groups, (SELECT {'r': r_cuts, 'f': f_cuts, 'm': m_cuts} FROM rfm_cuts) AS cuts`,
  );
  const groups = (res.groups ?? []) as Record<string, unknown>[];
  const cuts = (res.cuts ?? {}) as Record<string, unknown>;
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
    cut_points: {
      recency_days: cutList(cuts.r),
      frequency: cutList(cuts.f),
      monetary: cutList(cuts.m),
    },
    grid,
    m_scores,
    segments,
  };
}
