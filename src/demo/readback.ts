// Reads a generated directory back with DuckDB (in memory) and measures what the scenarios
// plant, with plain SQL written straight from SPEC §3 and §6. The tests use it as an oracle
// that is independent of the product's own metric code; it is also handy to look at a
// generated directory by hand.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { join } from 'node:path';

/** Column types of each file, so read_csv never guesses. */
// prettier-ignore
const COLUMNS: Record<string, Record<string, string>> = {
  customers: {
    customer_id: 'VARCHAR', created_at: 'TIMESTAMP', name: 'VARCHAR', email: 'VARCHAR', phone: 'VARCHAR',
    postal_code: 'VARCHAR', prefecture: 'VARCHAR', birth_date: 'DATE', gender: 'VARCHAR',
    acquisition_channel: 'VARCHAR', referred_by_customer_id: 'VARCHAR', line_linked: 'BOOLEAN', newsletter: 'BOOLEAN',
  },
  orders: {
    order_id: 'VARCHAR', customer_id: 'VARCHAR', ordered_at: 'TIMESTAMP', amount: 'BIGINT', discount_amount: 'BIGINT',
    shipping: 'BIGINT', status: 'VARCHAR', channel: 'VARCHAR', coupon_code: 'VARCHAR',
  },
  order_items: { order_id: 'VARCHAR', sku: 'VARCHAR', product_name: 'VARCHAR', category: 'VARCHAR', quantity: 'BIGINT', unit_price: 'BIGINT' },
  contacts: { contact_id: 'VARCHAR', customer_id: 'VARCHAR', sent_at: 'TIMESTAMP', channel: 'VARCHAR', campaign_id: 'VARCHAR', cost: 'BIGINT' },
  campaigns: { campaign_id: 'VARCHAR', name: 'VARCHAR', channel: 'VARCHAR', started_at: 'TIMESTAMP', cost: 'BIGINT' },
  ad_spend: { date: 'VARCHAR', channel: 'VARCHAR', amount: 'BIGINT' },
  leads: { lead_id: 'VARCHAR', created_at: 'TIMESTAMP', email: 'VARCHAR', source: 'VARCHAR', customer_id: 'VARCHAR' },
  lead_events: { lead_id: 'VARCHAR', type: 'VARCHAR', event_at: 'TIMESTAMP' },
};

/** An in-memory DuckDB with one table per generated file. */
export interface DemoDb {
  conn: DuckDBConnection;
  close(): void;
}

/** Loads the files of `dir` (all, or the named ones) into tables named after the files (customers, orders, …). */
export async function openDemo(dir: string, only?: readonly string[]): Promise<DemoDb> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  for (const [name, cols] of Object.entries(COLUMNS)) {
    if (only && !only.includes(name)) continue;
    const columns = `{${Object.entries(cols)
      .map(([c, t]) => `'${c}': '${t}'`)
      .join(', ')}}`;
    const path = join(dir, `${name}.csv`).replaceAll("'", "''");
    await conn.run(
      `CREATE TABLE ${name} AS SELECT * FROM read_csv('${path}', header = true, delim = ',', quote = '"', columns = ${columns})`,
    );
  }
  return {
    conn,
    close: () => {
      conn.closeSync();
      instance.closeSync();
    },
  };
}

/** Runs a query and returns its rows as objects with numbers (BIGINT and DECIMAL converted). */
export async function rows(
  conn: DuckDBConnection,
  sql: string,
): Promise<Record<string, unknown>[]> {
  const reader = await conn.runAndReadAll(sql);
  return reader
    .getRowObjectsJS()
    .map((r) =>
      Object.fromEntries(
        Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v]),
      ),
    );
}

/** The numbers a diagnosis would look at, as of date D (window 365 days, SPEC §3). */
export interface DemoMetrics {
  active: number;
  activePrev: number;
  newCustomers: number;
  newPrev: number;
  retained: number;
  reactivated: number;
  reactivatedPrev: number;
  retention: number;
  retentionPrev: number;
  /** Customers in their first year a year ago who bought in their second year. */
  tenure2Retention: number;
  revenue: number;
  revenuePrev: number;
  purchasesPerActive: number;
  purchasesPerActivePrev: number;
  /** Active customers with ≥ 2 purchases whose days since the last purchase exceed 2 × their mean interval. */
  overdue: number;
  overduePrev: number;
}

/** Returns the metrics of the files as of `asOf` (YYYY-MM-DD). */
export async function demoMetrics(conn: DuckDBConnection, asOf: string): Promise<DemoMetrics> {
  const D = `DATE '${asOf}'`;
  const [m] = await rows(
    conn,
    `WITH p AS (SELECT customer_id, CAST(ordered_at AS DATE) AS d, amount FROM orders
                WHERE status = 'completed' AND amount > 0 AND customer_id IS NOT NULL),
          f AS (SELECT customer_id, min(d) AS first_d FROM p GROUP BY 1),
          cur AS (SELECT DISTINCT customer_id FROM p WHERE d BETWEEN ${D} - 364 AND ${D}),
          prev AS (SELECT DISTINCT customer_id FROM p WHERE d BETWEEN ${D} - 729 AND ${D} - 365),
          prev2 AS (SELECT DISTINCT customer_id FROM p WHERE d BETWEEN ${D} - 1094 AND ${D} - 730)
     SELECT
       (SELECT count(*) FROM cur) AS active,
       (SELECT count(*) FROM prev) AS active_prev,
       (SELECT count(*) FROM f WHERE first_d BETWEEN ${D} - 364 AND ${D}) AS new_customers,
       (SELECT count(*) FROM f WHERE first_d BETWEEN ${D} - 729 AND ${D} - 365) AS new_prev,
       (SELECT count(*) FROM cur JOIN prev USING (customer_id)) AS retained,
       (SELECT count(*) FROM prev2 JOIN prev USING (customer_id)) AS retained_prev,
       (SELECT count(*) FROM prev2) AS active_prev2,
       (SELECT count(*) FROM cur JOIN f USING (customer_id)
         WHERE first_d < ${D} - 364 AND customer_id NOT IN (SELECT customer_id FROM prev)) AS reactivated,
       (SELECT count(*) FROM prev JOIN f USING (customer_id)
         WHERE first_d < ${D} - 729 AND customer_id NOT IN (SELECT customer_id FROM prev2)) AS reactivated_prev,
       (SELECT coalesce(sum(amount), 0) FROM p WHERE d BETWEEN ${D} - 364 AND ${D}) AS revenue,
       (SELECT coalesce(sum(amount), 0) FROM p WHERE d BETWEEN ${D} - 729 AND ${D} - 365) AS revenue_prev,
       (SELECT count(*) FROM p WHERE d BETWEEN ${D} - 364 AND ${D}) AS purchases,
       (SELECT count(*) FROM p WHERE d BETWEEN ${D} - 729 AND ${D} - 365) AS purchases_prev,
       (SELECT avg(CASE WHEN EXISTS (SELECT 1 FROM p q WHERE q.customer_id = f.customer_id
                                       AND q.d BETWEEN f.first_d + 365 AND f.first_d + 729) THEN 1.0 ELSE 0.0 END)
          FROM f WHERE first_d BETWEEN ${D} - 1094 AND ${D} - 730) AS tenure2`,
  );
  const overdue = async (asOfSql: string): Promise<number> => {
    const [o] = await rows(
      conn,
      `WITH p AS (SELECT customer_id, CAST(ordered_at AS DATE) AS d FROM orders
                  WHERE status = 'completed' AND amount > 0 AND customer_id IS NOT NULL AND CAST(ordered_at AS DATE) <= ${asOfSql}),
            s AS (SELECT customer_id, count(*) AS n, min(d) AS first_d, max(d) AS last_d FROM p GROUP BY 1)
       SELECT count(*) AS overdue FROM s
       WHERE n >= 2 AND last_d >= ${asOfSql} - 364
         AND (${asOfSql} - last_d) > 2 * ((last_d - first_d) / (n - 1))`,
    );
    return o.overdue as number;
  };
  const n = (k: string): number => Number(m[k]);
  return {
    active: n('active'),
    activePrev: n('active_prev'),
    newCustomers: n('new_customers'),
    newPrev: n('new_prev'),
    retained: n('retained'),
    reactivated: n('reactivated'),
    reactivatedPrev: n('reactivated_prev'),
    retention: n('retained') / n('active_prev'),
    retentionPrev: n('retained_prev') / n('active_prev2'),
    tenure2Retention: n('tenure2'),
    revenue: n('revenue'),
    revenuePrev: n('revenue_prev'),
    purchasesPerActive: n('purchases') / n('active'),
    purchasesPerActivePrev: n('purchases_prev') / n('active_prev'),
    overdue: await overdue(D),
    overduePrev: await overdue(`(${D} - 365)`),
  };
}

/** Promotion intensity and spread as of `asOf` (needs the contacts and orders tables). */
export interface ContactMetrics {
  /** Contacts in the window per active customer. */
  contactsPerActive: number;
  /** Share of the contacts to active customers received by the 10 % most-contacted active customers. */
  contactTop10Share: number;
}

/** Returns contacts per active customer and the top-10 % share, as of `asOf` (YYYY-MM-DD). */
export async function contactMetrics(
  conn: DuckDBConnection,
  asOf: string,
): Promise<ContactMetrics> {
  const D = `DATE '${asOf}'`;
  const [c] = await rows(
    conn,
    `WITH p AS (SELECT DISTINCT customer_id FROM orders WHERE status = 'completed' AND amount > 0
                AND customer_id IS NOT NULL AND CAST(ordered_at AS DATE) BETWEEN ${D} - 364 AND ${D}),
          n AS (SELECT p.customer_id, count(k.contact_id) AS n FROM p LEFT JOIN contacts k
                  ON k.customer_id = p.customer_id AND CAST(k.sent_at AS DATE) BETWEEN ${D} - 364 AND ${D} GROUP BY 1),
          r AS (SELECT n, row_number() OVER (ORDER BY n DESC) AS rk, count(*) OVER () AS cnt FROM n)
     SELECT (SELECT count(*) FROM p) AS active, (SELECT count(*) FROM contacts WHERE CAST(sent_at AS DATE) BETWEEN ${D} - 364 AND ${D}) AS contacts,
            coalesce(sum(n) FILTER (WHERE rk <= cnt / 10) / nullif(sum(n), 0), 0) AS top10
     FROM r`,
  );
  return {
    contactsPerActive: Number(c.contacts) / Number(c.active),
    contactTop10Share: Number(c.top10),
  };
}

/** Returns the F2 rate (a second purchase within `days` days) of customers first buying in [from, to], split by whether the first order used `coupon`. */
export async function f2ByCoupon(
  conn: DuckDBConnection,
  from: string,
  to: string,
  coupon: string,
  days: number,
): Promise<{ withCoupon: number; without: number; nWith: number }> {
  const [r] = await rows(
    conn,
    `WITH p AS (SELECT customer_id, ordered_at, CAST(ordered_at AS DATE) AS d, coupon_code FROM orders
                WHERE status = 'completed' AND amount > 0 AND customer_id IS NOT NULL),
          f AS (SELECT customer_id, arg_min(coupon_code, ordered_at) AS coupon, min(d) AS first_d FROM p GROUP BY 1),
          x AS (SELECT f.customer_id, coalesce(f.coupon, '') = '${coupon}' AS w,
                       EXISTS (SELECT 1 FROM p WHERE p.customer_id = f.customer_id AND p.d > f.first_d AND p.d <= f.first_d + ${days}) AS f2
                FROM f WHERE first_d BETWEEN DATE '${from}' AND DATE '${to}')
     SELECT avg(f2::INT) FILTER (WHERE w) AS with_coupon, avg(f2::INT) FILTER (WHERE NOT w) AS without, count(*) FILTER (WHERE w) AS n_with FROM x`,
  );
  return {
    withCoupon: Number(r.with_coupon ?? 0),
    without: Number(r.without ?? 0),
    nWith: Number(r.n_with),
  };
}

/** The asset audit of one channel (SPEC §6): customers first buying in [from, to], CPA from ad_spend of those months, gross profit to asOf. */
export async function assetAudit(
  conn: DuckDBConnection,
  asOf: string,
  from: string,
  to: string,
  channel: string,
  marginRate: number,
): Promise<{ newCustomers: number; cpa: number; churned: number; unrecoveredCost: number }> {
  const D = `DATE '${asOf}'`;
  const [r] = await rows(
    conn,
    `WITH p AS (SELECT customer_id, CAST(ordered_at AS DATE) AS d, amount FROM orders
                WHERE status = 'completed' AND amount > 0 AND customer_id IS NOT NULL AND CAST(ordered_at AS DATE) <= ${D}),
          f AS (SELECT customer_id, min(d) AS first_d, max(d) AS last_d, sum(amount) * ${marginRate} AS gp FROM p GROUP BY 1),
          n AS (SELECT f.* FROM f JOIN customers c USING (customer_id)
                WHERE c.acquisition_channel = '${channel}' AND first_d BETWEEN DATE '${from}' AND DATE '${to}'),
          s AS (SELECT sum(amount) AS spend FROM ad_spend
                WHERE channel = '${channel}' AND date BETWEEN '${from.slice(0, 7)}' AND '${to.slice(0, 7)}'),
          k AS (SELECT (SELECT spend FROM s) / count(*) AS cpa, count(*) AS n FROM n)
     SELECT (SELECT n FROM k) AS new_customers, (SELECT cpa FROM k) AS cpa,
            count(*) FILTER (WHERE last_d < ${D} - 364) AS churned,
            coalesce(sum((SELECT cpa FROM k) - gp) FILTER (WHERE last_d < ${D} - 364 AND gp < (SELECT cpa FROM k)), 0) AS unrecovered
     FROM n`,
  );
  return {
    newCustomers: Number(r.new_customers),
    cpa: Number(r.cpa),
    churned: Number(r.churned),
    unrecoveredCost: Number(r.unrecovered),
  };
}
