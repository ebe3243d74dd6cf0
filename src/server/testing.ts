// A small seeded business for the server's tests, the browser test and manual runs of the
// dashboard: customers with (fake) personal data, three years of orders with items and a few
// returns, contacts, campaigns, ad spend and leads — written in SQL, then a stored checkup.
// Like store/fixtures.ts it is test support kept beside the code it serves.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { FastifyInstance } from 'fastify';
import { computeCheckup, storeCheckup } from '../checkup/run.js';
import { loadSettings } from '../store/settings-store.js';
import type { CheckupReport } from '../checkup/report.js';

export const SAMPLE_AS_OF = '2026-10-31';

/** Fills an empty store with `customers` customers ending on SAMPLE_AS_OF; returns the stored report. */
export async function seedSampleBusiness(
  conn: DuckDBConnection,
  customers = 600,
): Promise<CheckupReport> {
  const end = SAMPLE_AS_OF;
  await conn.run(`SELECT setseed(0.17)`);
  await conn.run(`CREATE TEMP TABLE s_cust AS
    SELECT i AS id, DATE '${end}' - CAST(floor(pow(random(), 0.8) * 1095) AS INTEGER) AS first_d, random() AS loyalty
    FROM range(${customers}) t(i)`);
  await conn.run(`INSERT INTO customers (customer_id, created_at, name, email, phone, postal_code, prefecture, birth_date, gender, acquisition_channel, referred_by_customer_id)
    SELECT 'C' || lpad(CAST(id AS VARCHAR), 5, '0'), first_d,
      (['佐藤','鈴木','高橋','田中','伊藤','渡辺','山本','中村'])[1 + id % 8] || ' ' || (['花子','太郎','美咲','健太','陽子','翔'])[1 + id % 6],
      'user' || id || '@example.jp', '090-' || lpad(CAST(id % 10000 AS VARCHAR), 4, '0') || '-' || lpad(CAST((id * 7) % 10000 AS VARCHAR), 4, '0'),
      lpad(CAST(100 + id % 800 AS VARCHAR), 3, '0') || '-' || lpad(CAST(id % 10000 AS VARCHAR), 4, '0'),
      (['東京都','大阪府','神奈川県','愛知県','福岡県','北海道'])[1 + id % 6], DATE '1960-01-01' + CAST(id * 37 % 15000 AS INTEGER),
      (['female','male'])[1 + id % 2], (['web_ad','search','sns','referral','catalog'])[1 + id % 5],
      CASE WHEN id % 5 = 3 AND id > 10 THEN 'C' || lpad(CAST(id % 10 AS VARCHAR), 5, '0') END
    FROM s_cust`);
  // First orders, then repeat orders: loyal customers buy more often, some stop for good.
  await conn.run(`CREATE TEMP TABLE s_orders AS
    SELECT 'F' || id AS order_id, id, first_d + INTERVAL 10 HOUR AS ts, 3000 + floor(random() * 9000) AS amount,
      CASE WHEN id % 4 = 0 THEN 500 ELSE 0 END AS discount, CASE WHEN id % 4 = 0 THEN 'WELCOME' END AS coupon
    FROM s_cust
    UNION ALL
    SELECT 'R' || c.id || '-' || k, c.id,
      c.first_d + CAST(k * (20 + floor(random() * 60)) AS INTEGER) + INTERVAL 11 HOUR, 2000 + floor(random() * 15000), 0, NULL
    FROM s_cust c, range(1, 15) r(k)
    WHERE random() < c.loyalty AND k <= 1 + floor(c.loyalty * 14)`);
  await conn.run(`DELETE FROM s_orders WHERE CAST(ts AS DATE) > DATE '${end}'`);
  await conn.run(`INSERT INTO orders
    SELECT order_id, 'C' || lpad(CAST(id AS VARCHAR), 5, '0'), ts, amount, discount, 600, CASE WHEN CAST(hash(order_id) % 50 AS BIGINT) = 0 THEN 'cancelled' ELSE 'completed' END,
      (['web','app','phone'])[1 + id % 3], coupon FROM s_orders`);
  await conn.run(`INSERT INTO orders
    SELECT 'G' || i, NULL, DATE '${end}' - CAST(i * 3 AS INTEGER) + INTERVAL 13 HOUR, 4000, NULL, NULL, 'completed', 'store', NULL FROM range(40) t(i)`);
  await conn.run(`INSERT INTO order_items
    SELECT order_id, 1, 'SKU' || CAST(hash(order_id) % 12 AS BIGINT), (['青汁','酵素','化粧水','美容液','黒酢','雑穀'])[1 + CAST(hash(order_id) % 6 AS BIGINT)],
      (['サプリメント','スキンケア','食品'])[1 + CAST(hash(order_id) % 3 AS BIGINT)], 1, amount FROM s_orders`);
  await conn.run(
    `INSERT INTO campaigns VALUES ('CP-SPRING', '春のDM', 'dm', DATE '${end}' - 200, 90000), ('CP-MAIL', '月次メルマガ', 'email', DATE '${end}' - 330, 0)`,
  );
  await conn.run(`INSERT INTO contacts
    SELECT 'K' || c.id || '-' || k, 'C' || lpad(CAST(c.id AS VARCHAR), 5, '0'), DATE '${end}' - CAST(k * 45 + c.id % 30 AS INTEGER) + INTERVAL 9 HOUR,
      CASE WHEN k % 3 = 0 THEN 'dm' ELSE 'email' END, CASE WHEN k % 3 = 0 THEN 'CP-SPRING' ELSE 'CP-MAIL' END, CASE WHEN k % 3 = 0 THEN 90 ELSE 0 END
    FROM s_cust c, range(0, 16) r(k) WHERE DATE '${end}' - CAST(k * 45 AS INTEGER) >= c.first_d`);
  await conn.run(`INSERT INTO ad_spend
    SELECT CAST(m AS DATE), ch, 150000 FROM range(DATE '${end}' - INTERVAL 36 MONTH, DATE '${end}', INTERVAL 1 MONTH) t(m), (VALUES ('web_ad'), ('search'), ('sns')) c(ch)`);
  await conn.run(`INSERT INTO leads SELECT 'L' || i, DATE '${end}' - CAST(i * 5 AS INTEGER), 'lead' || i || '@example.jp', 'lp',
      CASE WHEN i < 20 THEN 'C' || lpad(CAST(i AS VARCHAR), 5, '0') END FROM range(120) t(i)`);
  await conn.run(
    `INSERT INTO lead_events SELECT 'L' || i, (['signed_up','engaged','trial'])[1 + i % 3], DATE '${end}' - CAST(i * 5 AS INTEGER) + INTERVAL 1 DAY FROM range(120) t(i)`,
  );
  await conn.run(`DROP TABLE s_orders`);
  await conn.run(`DROP TABLE s_cust`);
  const report = await computeCheckup(conn, await loadSettings(conn), end);
  await storeCheckup(conn, report);
  return report;
}

export interface Signed {
  /** Cookie header value (session and CSRF secret). */
  cookie: string;
  /** A CSRF token bound to the session. */
  csrf: string;
}

/** Returns the cookies of a set-cookie list as one Cookie header value. */
function cookieHeader(list: { name: string; value: string }[], base = ''): string {
  const jar = new Map(
    base
      .split('; ')
      .filter(Boolean)
      .map((c) => [c.slice(0, c.indexOf('=')), c.slice(c.indexOf('=') + 1)]),
  );
  for (const c of list) jar.set(c.name, c.value);
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}

/** Signs in through the API (inject) and returns the cookie and a session-bound CSRF token. */
export async function signIn(
  app: FastifyInstance,
  username: string,
  password: string,
): Promise<Signed> {
  const first = await app.inject({ method: 'GET', url: '/api/csrf' });
  let cookie = cookieHeader(first.cookies);
  const login = await app.inject({
    method: 'POST',
    url: '/api/login',
    headers: { cookie, 'x-csrf-token': first.json().token },
    payload: { username, password },
  });
  if (login.statusCode !== 200) throw new Error(`login failed: ${login.statusCode} ${login.body}`);
  cookie = cookieHeader(login.cookies, cookie);
  const again = await app.inject({ method: 'GET', url: '/api/csrf', headers: { cookie } });
  return { cookie: cookieHeader(again.cookies, cookie), csrf: again.json().token };
}
