import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  memoryStore,
  insertOrders,
  insertContacts,
  exec,
  type OrderRow,
} from '../../store/fixtures.js';
import { addDays } from '../../domain/dates.js';
import { saveStep } from '../../store/followup-store.js';
import { EXAMPLE_STEPS, parseStep } from './steps.js';
import { runFollowups, runStep } from './run.js';
import { stepConversion } from './report.js';
import { heldOut } from './targets.js';
import { conversionText } from '../../cli/followup.js';

const D = '2024-06-30';
const ago = (n: number) => addDays(D, -n);

// Hand-made: who is N days past the first purchase on D, and who has bought again.
const ORDERS: OrderRow[] = [
  { customer_id: 'c7a', at: ago(7), amount: 5000 },
  { customer_id: 'c7b', at: ago(7), amount: 5000 },
  { customer_id: 'c7b', at: ago(3), amount: 3000 },
  { customer_id: 'c8', at: ago(8), amount: 5000 },
  { customer_id: 'c30a', at: ago(30), amount: 4000 },
  { customer_id: 'c30b', at: ago(30), amount: 4000 },
  { customer_id: 'c30b', at: ago(10), amount: 4000 },
  { customer_id: 'c30c', at: ago(30), amount: 4000, status: 'cancelled' },
  { customer_id: 'c30d', at: ago(60), amount: 0 }, // a free session is a service, not a purchase
  { customer_id: 'c30d', at: ago(30), amount: 9000 },
  { customer_id: 'c30e', at: ago(30), amount: 4000 },
  { customer_id: 'c30f', at: ago(30), amount: 4000 },
  { customer_id: 'c30f', at: ago(30), amount: 2000 }, // two orders the same day are one purchase day
];

async function shop() {
  const s = await memoryStore();
  await insertOrders(s.conn, ORDERS);
  await exec(
    s.conn,
    `INSERT INTO customers (customer_id, name, email, anonymized_at) VALUES
       ('c7a', '山田 花子', 'hanako@example.jp', NULL), ('c30a', '佐藤 一郎', 'ichiro@example.jp', NULL),
       ('c30e', NULL, NULL, TIMESTAMP '2024-06-01 00:00:00')`,
  );
  for (const step of EXAMPLE_STEPS) await saveStep(s.conn, step);
  return s;
}

test('each step lists the customers N days after their first purchase who meet its condition', async () => {
  const s = await shop();
  const out = mkdtempSync(join(tmpdir(), 'kenshin-fu-'));
  const runs = await runFollowups(s.conn, D, { outDir: out });
  assert.deepEqual(
    runs.map((r) => [r.step_id, r.listed]),
    [
      ['coupon-30d', 3],
      ['thanks-7d', 2],
    ],
  );
  const coupon = readFileSync(runs[0].file!, 'utf8');
  assert.ok(
    coupon.startsWith('\uFEFF顧客ID,氏名,メールアドレス'),
    'UTF-8 with BOM and Japanese headers',
  );
  const ids = coupon
    .trim()
    .split('\r\n')
    .slice(1)
    .map((l) => l.split(',')[0]);
  // c30b bought again, c30c only cancelled, c30e is anonymised; c30d's free session does not count.
  assert.deepEqual(ids, ['c30a', 'c30d', 'c30f']);
  assert.match(coupon, /c30a,佐藤 一郎,ichiro@example\.jp,,,,2024-05-31,coupon-30d,coupon,email/);
  const thanks = readFileSync(runs[1].file!, 'utf8');
  assert.deepEqual(
    thanks
      .trim()
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(',')[0]),
    ['c7a', 'c7b'],
  );
  s.conn.closeSync();
});

test('the contacts are recorded once with campaign_id = step id, even when run twice', async () => {
  const s = await shop();
  const out = mkdtempSync(join(tmpdir(), 'kenshin-fu-'));
  await runFollowups(s.conn, D, { outDir: out });
  await runFollowups(s.conn, D, { outDir: out, encoding: 'sjis' });
  const rows = (
    await s.conn.runAndReadAll(
      `SELECT campaign_id, customer_id, channel, strftime(sent_at, '%Y-%m-%d') FROM contacts ORDER BY 1, 2`,
    )
  ).getRows();
  assert.deepEqual(rows, [
    ['coupon-30d', 'c30a', 'email', D],
    ['coupon-30d', 'c30d', 'email', D],
    ['coupon-30d', 'c30f', 'email', D],
    ['thanks-7d', 'c7a', 'dm', D],
    ['thanks-7d', 'c7b', 'dm', D],
  ]);
  const camp = (
    await s.conn.runAndReadAll(`SELECT campaign_id, channel FROM campaigns ORDER BY 1`)
  ).getRows();
  assert.deepEqual(camp, [
    ['coupon-30d', 'email'],
    ['thanks-7d', 'dm'],
  ]);
  const audit = (
    await s.conn.runAndReadAll(
      `SELECT count(*) FROM audit_log WHERE action = 'export' AND detail LIKE '%followup%'`,
    )
  ).getRows();
  assert.equal(Number(audit[0][0]), 4, 'every list of personal data written is in the audit log');
  s.conn.closeSync();
});

test('a holdout keeps a stable share of targets uncontacted as control', async () => {
  const s = await shop();
  const step = parseStep({
    id: 'h',
    name: 'h',
    days: 30,
    channel: 'dm',
    action: 'dm',
    holdout_share: 0.5,
  });
  const out = mkdtempSync(join(tmpdir(), 'kenshin-fu-'));
  const r = await runStep(s.conn, step, D, { outDir: out });
  const expectedOut = ['c30a', 'c30b', 'c30d', 'c30f'].filter((c) => heldOut(step, c)).length;
  assert.equal(r.held_out, expectedOut);
  assert.equal(r.listed + r.held_out, 4);
  const n = (
    await s.conn.runAndReadAll(`SELECT count(*) FROM contacts WHERE campaign_id = 'h'`)
  ).getRows()[0][0];
  assert.equal(Number(n), r.listed);
  s.conn.closeSync();
});

test('conversion: a second purchase within the horizon, against the same first-purchase weeks without the step', async () => {
  const s = await memoryStore();
  const step = parseStep({
    id: 'coupon-30d',
    name: 'coupon',
    days: 30,
    condition: 'no_second_purchase',
    channel: 'email',
    action: 'coupon',
  });
  // Week of Monday 2024-05-06. Treated got the step on first + 30.
  await insertOrders(s.conn, [
    { customer_id: 't1', at: '2024-05-06', amount: 5000 },
    { customer_id: 't1', at: '2024-06-20', amount: 5000 }, // 15 days after the step: converted
    { customer_id: 't2', at: '2024-05-07', amount: 5000 },
    { customer_id: 't2', at: '2024-07-20', amount: 5000 }, // 44 days after: not within 30
    { customer_id: 't3', at: '2024-05-08', amount: 5000 },
    { customer_id: 't4', at: '2024-05-08', amount: 5000 },
    { customer_id: 't4', at: '2024-06-07', amount: 5000 }, // bought on the step day: cannot be credited, left out
    { customer_id: 'k1', at: '2024-05-09', amount: 5000 },
    { customer_id: 'k1', at: '2024-06-25', amount: 5000 }, // control, step day 06-08: converted
    { customer_id: 'k2', at: '2024-05-10', amount: 5000 },
    { customer_id: 'k3', at: '2024-05-11', amount: 5000 },
    { customer_id: 'k3', at: '2024-05-20', amount: 5000 }, // bought again before its step day: left out
    { customer_id: 'k4', at: '2024-05-12', amount: 5000 },
    { customer_id: 'k4', at: '2024-07-30', amount: 5000 },
    { customer_id: 'k5', at: '2024-05-12', amount: 5000 },
    { customer_id: 'x1', at: '2024-05-14', amount: 5000 }, // a week nobody got the step in
    { customer_id: 't5', at: '2024-08-20', amount: 5000 }, // horizon not over by D
  ]);
  await insertContacts(s.conn, [
    { customer_id: 't1', at: '2024-06-05', channel: 'email', campaign_id: 'coupon-30d' },
    { customer_id: 't2', at: '2024-06-06', channel: 'email', campaign_id: 'coupon-30d' },
    { customer_id: 't3', at: '2024-06-07', channel: 'email', campaign_id: 'coupon-30d' },
    { customer_id: 't4', at: '2024-06-07', channel: 'email', campaign_id: 'coupon-30d' },
    { customer_id: 't5', at: '2024-09-19', channel: 'email', campaign_id: 'coupon-30d' },
    { customer_id: 'k2', at: '2024-06-01', channel: 'email', campaign_id: 'other-campaign' },
  ]);
  const c = await stepConversion(s.conn, step, '2024-09-30', 30);
  assert.deepEqual(c.treated, { customers: 3, converted: 1, rate: 1 / 3 });
  assert.deepEqual(c.control, { customers: 4, converted: 1, rate: 1 / 4 });
  assert.equal(c.lift, 1 / 3 - 1 / 4);
  assert.deepEqual(
    c.weeks.map((w) => w.week),
    ['2024-05-06'],
  );
  s.conn.closeSync();
});

/**
 * Returns a store with one week of first purchases (Monday 2024-05-06 … Friday): `treated`
 * customers got the day-7 step on first + 7, `control` did not; the first `tk` and `ck` of
 * them buy again 10 days after their step day (within the 30-day horizon).
 */
async function liftShop(treated: number, tk: number, control: number, ck: number) {
  const s = await memoryStore();
  const orders: OrderRow[] = [];
  const contacts: { customer_id: string; at: string; campaign_id: string }[] = [];
  const group = (prefix: string, n: number, k: number, gets: boolean) => {
    for (let i = 0; i < n; i++) {
      const id = `${prefix}${i}`;
      const first = addDays('2024-05-06', i % 5);
      orders.push({ customer_id: id, at: first, amount: 5000 });
      if (i < k) orders.push({ customer_id: id, at: addDays(first, 17), amount: 5000 });
      if (gets) contacts.push({ customer_id: id, at: addDays(first, 7), campaign_id: 'thanks-7d' });
    }
  };
  group('t', treated, tk, true);
  group('k', control, ck, false);
  await insertOrders(s.conn, orders);
  await insertContacts(s.conn, contacts);
  return s;
}

const THANKS = EXAMPLE_STEPS.find((x) => x.id === 'thanks-7d')!;
const near = (a: number | null, b: number, eps = 1e-9) =>
  assert.ok(a !== null && Math.abs(a - b) < eps, `${a} is not ${b}`);

// Expected values recomputed independently in python3 (Wilson at z = 1.96, Newcombe method
// 10, pooled z, p = erfc(|z|/√2)):
//   10/40 − 18/40: −0.20, interval −0.386302 … +0.008617, z −1.875229, p 0.060761
//    6/40 − 14/40: −0.20, interval −0.374098 … −0.009326, z −2.065591, p 0.038867
//    3/12 −  5/12: −0.1667, interval −0.475769 … +0.193348, z −0.866025, p 0.386476
test('step lift: n, k, Newcombe interval, z, p and verdict on known counts — within noise', async () => {
  const s = await liftShop(40, 10, 40, 18);
  const c = await stepConversion(s.conn, THANKS, '2024-09-30', 30);
  assert.deepEqual(c.treated, { customers: 40, converted: 10, rate: 0.25 });
  assert.deepEqual(c.control, { customers: 40, converted: 18, rate: 0.45 });
  near(c.lift, -0.2);
  near(c.lift_low, -0.386302, 1e-6);
  near(c.lift_high, 0.008617, 1e-6);
  near(c.z, -1.875229, 1e-6);
  near(c.p, 0.060761, 1e-6);
  assert.equal(c.verdict, 'within_noise', '−20 pt on 40 a side is still inside the noise');
  s.conn.closeSync();
});

test('step lift: an interval below 0 is a verdict "lower"', async () => {
  const s = await liftShop(40, 6, 40, 14);
  const c = await stepConversion(s.conn, THANKS, '2024-09-30', 30);
  assert.deepEqual([c.treated.converted, c.control.converted], [6, 14]);
  near(c.lift_low, -0.374098, 1e-6);
  near(c.lift_high, -0.009326, 1e-6);
  near(c.p, 0.038867, 1e-6);
  assert.equal(c.verdict, 'lower');
  s.conn.closeSync();
});

test('step lift: 12 customers a side is "too few to judge", with the interval still shown', async () => {
  const s = await liftShop(12, 3, 12, 5);
  const c = await stepConversion(s.conn, THANKS, '2024-09-30', 30);
  assert.deepEqual(c.treated, { customers: 12, converted: 3, rate: 0.25 });
  assert.deepEqual(c.control, { customers: 12, converted: 5, rate: 5 / 12 });
  near(c.lift_low, -0.475769, 1e-6);
  near(c.lift_high, 0.193348, 1e-6);
  near(c.z, -0.866025, 1e-6);
  assert.equal(c.verdict, 'too_few');
  const text = conversionText(c, '2024-09-30', 30);
  assert.match(text, /3\/12 = 25\.0%/);
  assert.match(text, /5\/12 = 41\.7%/);
  assert.match(
    text,
    /−16\.7 pt \(95%区間 \/ 95 % interval −47\.6 pt … \+19\.3 pt; z = −0\.87, p = 0\.386\)/,
  );
  assert.match(text, /判断するには少なすぎます \/ too few to judge/);
  s.conn.closeSync();
});
