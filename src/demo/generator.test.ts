import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { generateDemoData, type DemoSummary } from './generator.js';
import { DemoOptionError } from './options.js';
import { openDemo, rows, type DemoDb } from './readback.js';

const root = await mkdtemp(join(tmpdir(), 'kenshin-demo-'));
after(() => rm(root, { recursive: true, force: true }));

async function hashes(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort())
    out[name] = createHash('sha256')
      .update(await readFile(join(dir, name)))
      .digest('hex');
  return out;
}

test('same options and seed give byte-identical files; another seed does not', async () => {
  const opts = { customers: 600, seed: 5, years: 3, scenario: 'retention_drop' as const };
  await generateDemoData({ dir: join(root, 'a'), ...opts });
  await generateDemoData({ dir: join(root, 'b'), ...opts });
  await generateDemoData({ dir: join(root, 'c'), ...opts, seed: 6 });
  const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((d) => hashes(join(root, d))));
  assert.deepEqual(Object.keys(a), [
    'ad_spend.csv',
    'campaigns.csv',
    'contacts.csv',
    'customers.csv',
    'lead_events.csv',
    'leads.csv',
    'manifest.json',
    'order_items.csv',
    'orders.csv',
  ]);
  assert.deepEqual(a, b);
  assert.notEqual(a['orders.csv'], c['orders.csv']);
});

test('bad options are refused with a code', async () => {
  await assert.rejects(
    generateDemoData({ dir: join(root, 'x'), customers: 10 }),
    (e: unknown) => e instanceof DemoOptionError && e.code === 'bad_customers',
  );
  await assert.rejects(
    generateDemoData({ dir: join(root, 'x'), endDate: '2026-13-01' }),
    (e: unknown) => e instanceof DemoOptionError && e.code === 'bad_date',
  );
  await assert.rejects(
    generateDemoData({ dir: join(root, 'x'), scenario: 'nope' as never }),
    (e: unknown) => e instanceof DemoOptionError && e.code === 'bad_scenario',
  );
});

describe('the files hold together (read back with DuckDB)', () => {
  let summary: DemoSummary;
  let db: DemoDb;
  const one = async (sql: string): Promise<Record<string, unknown>> =>
    (await rows(db.conn, sql))[0];
  const zero = async (sql: string, what: string): Promise<void> =>
    assert.equal(Number(Object.values(await one(sql))[0]), 0, what);

  before(async () => {
    summary = await generateDemoData({
      dir: join(root, 'inv'),
      customers: 1500,
      seed: 3,
      endDate: '2025-12-31',
      years: 3,
    });
    db = await openDemo(join(root, 'inv'));
  });
  after(() => db.close());

  test('counts match the summary and the manifest', async () => {
    const counts =
      await one(`SELECT (SELECT count(*) FROM customers) AS customers, (SELECT count(*) FROM orders) AS orders,
      (SELECT count(*) FROM order_items) AS order_items, (SELECT count(*) FROM contacts) AS contacts, (SELECT count(*) FROM leads) AS leads`);
    assert.deepEqual(counts, {
      customers: 1500,
      orders: summary.counts.orders,
      order_items: summary.counts.order_items,
      contacts: summary.counts.contacts,
      leads: summary.counts.leads,
    });
    const manifest = JSON.parse(await readFile(join(root, 'inv', 'manifest.json'), 'utf8'));
    assert.deepEqual(manifest.counts, summary.counts);
    assert.equal(manifest.amountRule, summary.amountRule);
    assert.equal(summary.startDate, '2023-01-01');
  });

  test('keys are unique', async () => {
    for (const [table, key] of [
      ['customers', 'customer_id'],
      ['orders', 'order_id'],
      ['contacts', 'contact_id'],
      ['campaigns', 'campaign_id'],
      ['leads', 'lead_id'],
      ['ad_spend', 'date, channel'],
    ]) {
      await zero(
        `SELECT count(*) - count(DISTINCT (${key})) FROM ${table}`,
        `${table}.${key} unique`,
      );
    }
  });

  test('references resolve', async () => {
    await zero(
      `SELECT count(*) FROM orders WHERE customer_id IS NOT NULL AND customer_id NOT IN (SELECT customer_id FROM customers)`,
      'order → customer',
    );
    await zero(
      `SELECT count(*) FROM order_items WHERE order_id NOT IN (SELECT order_id FROM orders)`,
      'item → order',
    );
    await zero(
      `SELECT count(*) FROM orders WHERE order_id NOT IN (SELECT order_id FROM order_items)`,
      'every order has lines',
    );
    await zero(
      `SELECT count(*) FROM contacts WHERE customer_id NOT IN (SELECT customer_id FROM customers)`,
      'contact → customer',
    );
    await zero(
      `SELECT count(*) FROM contacts WHERE campaign_id NOT IN (SELECT campaign_id FROM campaigns)`,
      'contact → campaign',
    );
    await zero(
      `SELECT count(*) FROM leads WHERE customer_id IS NOT NULL AND customer_id NOT IN (SELECT customer_id FROM customers)`,
      'lead → customer',
    );
    await zero(
      `SELECT count(*) FROM lead_events WHERE lead_id NOT IN (SELECT lead_id FROM leads)`,
      'event → lead',
    );
    await zero(
      `SELECT count(*) FROM customers WHERE referred_by_customer_id IS NOT NULL AND referred_by_customer_id NOT IN (SELECT customer_id FROM customers)`,
      'referrer exists',
    );
  });

  test('order amount = Σ quantity × unit_price − discount_amount', async () => {
    await zero(
      `SELECT count(*) FROM orders o JOIN (SELECT order_id, sum(quantity * unit_price) AS s FROM order_items GROUP BY 1) i USING (order_id)
       WHERE o.amount <> i.s - o.discount_amount OR o.discount_amount < 0 OR o.amount <= 0 OR (o.discount_amount > 0) <> (o.coupon_code IS NOT NULL)`,
      'amount rule',
    );
  });

  test('dates lie in the history and statuses and channels are valid', async () => {
    const range = `BETWEEN TIMESTAMP '2023-01-01' AND TIMESTAMP '2025-12-31 23:59:59'`;
    await zero(
      `SELECT count(*) FROM orders WHERE ordered_at NOT ${range} OR status NOT IN ('completed', 'cancelled', 'returned')`,
      'orders',
    );
    await zero(
      `SELECT count(*) FROM contacts WHERE sent_at NOT ${range} OR channel NOT IN ('dm', 'email', 'line')`,
      'contacts',
    );
    await zero(`SELECT count(*) FROM leads WHERE created_at NOT ${range}`, 'leads');
    await zero(
      `SELECT count(*) FROM lead_events WHERE event_at NOT ${range} OR type NOT IN ('signed_up', 'engaged', 'trial')`,
      'lead events',
    );
    await zero(
      `SELECT count(*) FROM ad_spend WHERE date NOT BETWEEN '2023-01' AND '2025-12' OR amount < 0`,
      'ad spend',
    );
    assert.equal(
      Number(
        (await one(`SELECT max(ordered_at)::DATE::VARCHAR AS d FROM orders`)).d === '2025-12-31',
      ),
      1,
    );
  });

  test('a customer starts with a completed first order and is contacted only afterwards', async () => {
    await zero(
      `SELECT count(*) FROM customers c JOIN (SELECT customer_id, arg_min(status, ordered_at) AS s, min(ordered_at) AS f FROM orders GROUP BY 1) o USING (customer_id)
       WHERE o.f <> c.created_at OR o.s <> 'completed'`,
      'created_at = first order, completed',
    );
    await zero(
      `SELECT count(*) FROM customers WHERE customer_id NOT IN (SELECT customer_id FROM orders WHERE customer_id IS NOT NULL)`,
      'every customer ordered',
    );
    await zero(
      `SELECT count(*) FROM contacts k JOIN customers c USING (customer_id) WHERE k.sent_at::DATE <= c.created_at::DATE`,
      'contact after acquisition',
    );
    await zero(
      `SELECT count(*) FROM leads l JOIN customers c USING (customer_id) JOIN lead_events e USING (lead_id) WHERE e.event_at >= c.created_at OR e.event_at < l.created_at`,
      'a converted lead climbs the ladder before buying',
    );
  });

  test('a referrer is a loyal customer who had three purchases by the referral', async () => {
    await zero(
      `SELECT count(*) FROM customers c
       WHERE c.referred_by_customer_id IS NOT NULL
         AND (SELECT count(*) FROM orders o WHERE o.customer_id = c.referred_by_customer_id AND o.status = 'completed' AND o.ordered_at::DATE <= c.created_at::DATE) < 3`,
      'referrer loyal',
    );
    const r = await one(
      `SELECT avg((acquisition_channel = 'referral')::INT) AS referral, avg((referred_by_customer_id IS NOT NULL)::INT) AS referred FROM customers`,
    );
    assert.ok(
      Number(r.referral) > 0.03 && Number(r.referral) < 0.08,
      `referral share ${r.referral}`,
    );
    assert.ok(Number(r.referred) > 0.02, `referred share ${r.referred}`);
  });

  test('shares of guests, cancellations, returns and coupons look like a real shop', async () => {
    const r =
      await one(`SELECT avg((customer_id IS NULL)::INT) AS guest, avg((status = 'cancelled')::INT) AS cancelled,
      avg((status = 'returned')::INT) AS returned, median(amount) AS median_amount FROM orders`);
    const within = (k: string, lo: number, hi: number): void =>
      assert.ok(Number(r[k]) >= lo && Number(r[k]) <= hi, `${k} = ${r[k]}`);
    within('guest', 0.015, 0.05);
    within('cancelled', 0.01, 0.03);
    within('returned', 0.004, 0.02);
    within('median_amount', 3000, 12000);
    const first = await one(
      `SELECT avg((coupon_code IS NOT NULL)::INT) AS coupon FROM orders o JOIN customers c ON o.customer_id = c.customer_id AND o.ordered_at = c.created_at`,
    );
    assert.ok(
      Number(first.coupon) > 0.3 && Number(first.coupon) < 0.7,
      `first orders with a coupon: ${first.coupon}`,
    );
  });

  test('campaign cost is the sum of its contacts and ad spend follows the new customers', async () => {
    await zero(
      `SELECT count(*) FROM campaigns m LEFT JOIN (SELECT campaign_id, sum(cost) AS s FROM contacts GROUP BY 1) k USING (campaign_id) WHERE m.cost <> coalesce(k.s, 0)`,
      'campaign cost',
    );
    const r = await one(
      `SELECT sum(amount) / (SELECT count(*) FROM customers WHERE acquisition_channel = 'search') AS cpa FROM ad_spend WHERE channel = 'search'`,
    );
    assert.ok(Number(r.cpa) > 4000 && Number(r.cpa) < 6000, `search CPA ${r.cpa}`);
  });
});
