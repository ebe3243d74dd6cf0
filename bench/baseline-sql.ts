// The hand-written baseline of the checkup benchmark (issue 13): the headline figures as an
// analyst who knows DuckDB would write them straight over the orders, one statement each, with
// window functions — active customers, revenue, LTV, retention and flows at D and D−365, the
// daily series of active customers and trailing revenue over 730 days, retention by tenure
// year, 24 monthly cohorts, 13 months of the five numbers, and RFM quintiles with segment
// counts. It computes fewer figures than the checkup (no diagnoses, distribution, ladder,
// audit …), so "checkup ÷ baseline" is an upper bound of kenshin's overhead. It leaves out what
// the synthetic data has none of (returns, guest orders, free services, implausible dates);
// on that data its core, flows and tenure counts are kenshin's (checked at 100k customers).
import type { DuckDBConnection } from '@duckdb/node-api';

const P = `status = 'completed' AND amount > 0 AND customer_id IS NOT NULL`;

/** The baseline's statements by name; $d is the as-of date. */
export const BASELINE_SQL: Record<string, string> = {
  core: `
    WITH c AS (
      SELECT customer_id, min(CAST(ordered_at AS DATE)) AS first_d,
        bool_or(CAST(ordered_at AS DATE) > $d::DATE - 365) AS cur,
        bool_or(CAST(ordered_at AS DATE) BETWEEN $d::DATE - 729 AND $d::DATE - 365) AS base,
        bool_or(CAST(ordered_at AS DATE) BETWEEN $d::DATE - 1094 AND $d::DATE - 730) AS base_prev,
        sum(amount) FILTER (WHERE CAST(ordered_at AS DATE) > $d::DATE - 365) AS rev,
        sum(amount) FILTER (WHERE CAST(ordered_at AS DATE) BETWEEN $d::DATE - 729 AND $d::DATE - 365) AS rev_prev
      FROM orders WHERE ${P} AND CAST(ordered_at AS DATE) <= $d::DATE GROUP BY customer_id)
    SELECT count(*) FILTER (WHERE cur) AS active, sum(rev) AS revenue, sum(rev) / count(*) FILTER (WHERE cur) AS ltv,
      count(*) FILTER (WHERE base) AS base, count(*) FILTER (WHERE cur AND base) AS retained,
      count(*) FILTER (WHERE cur AND first_d > $d::DATE - 365) AS new,
      count(*) FILTER (WHERE cur AND NOT base AND first_d <= $d::DATE - 365) AS reactivated,
      count(*) FILTER (WHERE base AND NOT cur) AS churned,
      sum(rev_prev) AS revenue_prev, count(*) FILTER (WHERE base_prev) AS base_prev,
      count(*) FILTER (WHERE base AND base_prev) AS retained_prev
    FROM c`,
  series: `
    WITH p AS (
      SELECT customer_id, CAST(ordered_at AS DATE) AS d FROM orders
      WHERE ${P} AND CAST(ordered_at AS DATE) BETWEEN $d::DATE - 1094 AND $d::DATE
    ), g AS (
      SELECT d, lag(d) OVER w AS prev_d, lead(d) OVER w AS next_d FROM p
      WINDOW w AS (PARTITION BY customer_id ORDER BY d)
    ), ev AS (
      SELECT d AS day, 1 AS delta FROM g WHERE prev_d IS NULL OR d - prev_d > 364
      UNION ALL SELECT d + 365, -1 FROM g WHERE next_d IS NULL OR next_d - d > 364
    ), rev AS (
      SELECT CAST(ordered_at AS DATE) AS day, sum(amount) AS amount FROM orders
      WHERE ${P} AND CAST(ordered_at AS DATE) BETWEEN $d::DATE - 1094 AND $d::DATE GROUP BY 1
    ), cal AS (
      SELECT CAST(g AS DATE) AS day FROM generate_series($d::DATE - 1094, $d::DATE, INTERVAL 1 DAY) t(g)
    )
    SELECT cal.day, sum(coalesce(e.delta, 0)) OVER (ORDER BY cal.day) AS active,
      sum(coalesce(rev.amount, 0)) OVER (ORDER BY cal.day ROWS 364 PRECEDING) AS trailing_revenue
    FROM cal LEFT JOIN (SELECT day, sum(delta) AS delta FROM ev GROUP BY day) e USING (day)
    LEFT JOIN rev USING (day) ORDER BY cal.day`,
  tenure: `
    WITH p AS (
      SELECT customer_id, CAST(ordered_at AS DATE) AS d, min(CAST(ordered_at AS DATE)) OVER (PARTITION BY customer_id) AS f
      FROM orders WHERE ${P} AND CAST(ordered_at AS DATE) <= $d::DATE
    ), y AS (
      SELECT DISTINCT customer_id, f, (d - f) // 365 + 1 AS k FROM p
    )
    SELECT a.k AS tenure_year, count(*) AS base, count(b.k) AS retained
    FROM y a LEFT JOIN y b ON b.customer_id = a.customer_id AND b.k = a.k + 1
    WHERE a.f + CAST(365 * (a.k + 1) - 1 AS INTEGER) <= $d::DATE GROUP BY a.k ORDER BY a.k`,
  cohorts: `
    WITH p AS (
      SELECT customer_id, CAST(ordered_at AS DATE) AS d, amount,
        date_trunc('month', min(CAST(ordered_at AS DATE)) OVER (PARTITION BY customer_id)) AS cohort
      FROM orders WHERE ${P} AND CAST(ordered_at AS DATE) <= $d::DATE
    )
    SELECT cohort, date_diff('month', cohort, date_trunc('month', d)) AS age,
      count(DISTINCT customer_id) AS active, count(*) AS purchases, sum(amount) AS revenue
    FROM p WHERE cohort >= date_trunc('month', $d::DATE) - INTERVAL 23 MONTH
    GROUP BY ALL ORDER BY ALL`,
  five_numbers: `
    WITH p AS (
      SELECT customer_id, date_trunc('month', CAST(ordered_at AS DATE)) AS m, amount,
        min(CAST(ordered_at AS DATE)) OVER (PARTITION BY customer_id) AS first_d
      FROM orders WHERE ${P} AND CAST(ordered_at AS DATE) <= $d::DATE
    ), cm AS (
      SELECT m, customer_id, any_value(first_d) AS first_d, sum(amount) AS amount FROM p
      WHERE m >= date_trunc('month', $d::DATE) - INTERVAL 12 MONTH GROUP BY m, customer_id
    )
    SELECT m, count(*) FILTER (WHERE first_d < m) AS existing, count(*) FILTER (WHERE first_d >= m) AS new,
      sum(amount) FILTER (WHERE first_d < m) / count(*) FILTER (WHERE first_d < m) AS existing_avg,
      sum(amount) FILTER (WHERE first_d >= m) / count(*) FILTER (WHERE first_d >= m) AS new_avg
    FROM cm GROUP BY m ORDER BY m`,
  rfm: `
    WITH b AS (
      SELECT customer_id, $d::DATE - max(CAST(ordered_at AS DATE)) AS r, count(*) AS f, sum(amount) AS m
      FROM orders WHERE ${P} AND CAST(ordered_at AS DATE) <= $d::DATE GROUP BY customer_id
    ), s AS (
      SELECT ntile(5) OVER (ORDER BY r DESC) AS rs, ntile(5) OVER (ORDER BY f) AS fs, ntile(5) OVER (ORDER BY m) AS ms FROM b
    )
    SELECT rs, fs, count(*) AS customers FROM s GROUP BY ALL ORDER BY ALL`,
};

/** Runs every baseline statement for `asOf`; returns seconds per statement and in all. */
export async function runBaseline(
  conn: DuckDBConnection,
  asOf: string,
): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const t0 = performance.now();
  for (const [name, sql] of Object.entries(BASELINE_SQL)) {
    const t = performance.now();
    await (await conn.runAndReadAll(sql, { d: asOf })).getRows();
    out[name] = +((performance.now() - t) / 1000).toFixed(3);
  }
  out.total = +((performance.now() - t0) / 1000).toFixed(3);
  return out;
}
