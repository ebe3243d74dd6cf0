// A synthetic business written straight into DuckDB with SQL, for the checkup benchmark: it
// reaches 1M customers / 10M orders / 20M contacts in seconds, where a CSV round trip would
// measure the importer instead. Seeded, so every run measures the same data.
import type { DuckDBConnection } from '@duckdb/node-api';

export interface SyntheticSize {
  customers: number;
  ordersPerCustomer: number;
  contactsPerCustomer: number;
}

/** Fills an empty store with a synthetic business ending on `end`; returns row counts. */
export async function fillSynthetic(conn: DuckDBConnection, size: SyntheticSize, end = '2026-10-31') {
  const n = size.customers;
  const extra = Math.round(n * (size.ordersPerCustomer - 1));
  const contacts = Math.round(n * size.contactsPerCustomer);
  await conn.run(`SELECT setseed(0.42)`);
  await conn.run(`CREATE TEMP TABLE cust AS
    SELECT i AS id, DATE '${end}' - CAST(floor(random() * 1461) AS INTEGER) AS first_d
    FROM range(${n}) t(i)`);
  await conn.run(`INSERT INTO customers (customer_id, created_at, acquisition_channel)
    SELECT 'c' || id, first_d, (['web_ad','search','sns','referral','catalog'])[1 + id % 5] FROM cust`);
  // Every customer's first order, then the repeat orders skewed towards few heavy buyers.
  await conn.run(`INSERT INTO orders
    SELECT 'f' || id, 'c' || id, first_d + INTERVAL 10 HOUR, 3000 + floor(random() * 12000), NULL, NULL, 'completed', 'web', NULL
    FROM cust`);
  await conn.run(`INSERT INTO orders
    SELECT 'r' || i, 'c' || c.id,
      c.first_d + CAST(floor(random() * (DATE '${end}' - c.first_d + 1)) AS INTEGER) + INTERVAL 11 HOUR,
      2000 + floor(random() * 20000), NULL, NULL,
      CASE WHEN random() < 0.02 THEN 'cancelled' ELSE 'completed' END, 'web', NULL
    FROM (SELECT i, CAST(floor(pow(random(), 1.6) * ${n}) AS BIGINT) AS cid FROM range(${extra}) t(i)) r
    JOIN cust c ON c.id = r.cid`);
  await conn.run(`INSERT INTO order_items
    SELECT 'f' || id, 1, 'SKU' || (id % 40), NULL, (['サプリメント','スキンケア','食品','雑貨'])[1 + id % 4], 1, 3000 FROM cust`);
  await conn.run(`INSERT INTO contacts
    SELECT 'k' || i, 'c' || CAST(floor(random() * ${n}) AS BIGINT),
      DATE '${end}' - CAST(floor(random() * 1461) AS INTEGER) + INTERVAL 9 HOUR,
      CASE WHEN random() < 0.6 THEN 'email' ELSE 'dm' END, 'camp' || (i % 48), 80
    FROM range(${contacts}) t(i)`);
  await conn.run(`INSERT INTO ad_spend
    SELECT CAST(m AS DATE), ch, 1000000 FROM range(DATE '${end}' - INTERVAL 48 MONTH, DATE '${end}', INTERVAL 1 MONTH) t(m),
      (VALUES ('web_ad'), ('search'), ('sns')) c(ch)`);
  await conn.run(`DROP TABLE cust`);
  const count = async (t: string) => Number((await conn.runAndReadAll(`SELECT count(*) FROM ${t}`)).getRows()[0][0]);
  return { customers: await count('customers'), orders: await count('orders'), contacts: await count('contacts') };
}
