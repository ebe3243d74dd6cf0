import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeStore } from '../db.js';
import {
  exec,
  insertContacts,
  insertOrders,
  memoryStore,
  type ContactRow,
  type OrderRow,
} from '../fixtures.js';
import { addDays } from '../../domain/dates.js';
import { gini, topShare } from '../../domain/distribution.js';
import { parseSettings } from '../../domain/settings.js';
import { distributionMetrics, type DistributionReport } from './distribution.js';

// D = 2023-12-31: the year is calendar 2023, last year 2022; the last 90 days start 2023-10-03;
// at risk = last purchase in [2022-01-01, 2023-07-04]; responses: contacts of 2023-01-01 …
// 2023-12-02 (30-day windows ending by D).
const D = '2023-12-31';

async function run(
  orders: OrderRow[],
  contacts: ContactRow[],
  sql = '',
): Promise<DistributionReport> {
  const db = await memoryStore();
  await insertOrders(db.conn, orders);
  await insertContacts(db.conn, contacts);
  if (sql) await exec(db.conn, sql);
  const r = await distributionMetrics({ conn: db.conn, asOf: D, settings: parseSettings({}) });
  closeStore(db);
  return r;
}

const near = (a: number | null | undefined, b: number, eps = 1e-6) =>
  assert.ok(typeof a === 'number' && Math.abs(a - b) < eps, `${a} is not ${b}`);

const days = (from: string, n: number, c: Omit<ContactRow, 'at'>): ContactRow[] =>
  Array.from({ length: n }, (_, i) => ({ ...c, at: addDays(from, i) }));

test('contacts per active customer, coverage, concentration and over-contacted customers', async () => {
  const r = await run(
    [
      ...['a1', 'a2', 'a3', 'a4'].map((c) => ({ customer_id: c, at: '2023-09-01', amount: 100 })),
      { customer_id: 'z', at: '2022-03-01', amount: 100 },
    ],
    [
      ...days('2023-11-01', 10, { customer_id: 'a1', channel: 'dm' }),
      ...days('2022-05-01', 2, { customer_id: 'a1', channel: 'dm' }),
      ...days('2023-02-01', 40, { customer_id: 'z', channel: 'email' }),
    ],
  );
  // Active a1–a4; active last year: z. Contacts in 2023: dm 10 + email 40 = 50 → 12.5 per
  // active; in 2022: dm 2 → 2 per last year's single active customer.
  assert.equal(r.active_customers, 4);
  assert.equal(r.active_customers_prev_year, 1);
  assert.equal(r.contacts, 50);
  assert.equal(r.contacts_per_active, 12.5);
  assert.equal(r.contacts_per_active_prev_year, 2);
  assert.deepEqual(r.by_channel, [
    {
      channel: 'dm',
      contacts: 10,
      contacts_prev_year: 2,
      contacts_per_active: 2.5,
      contacts_per_active_prev_year: 2,
    },
    {
      channel: 'email',
      contacts: 40,
      contacts_prev_year: 0,
      contacts_per_active: 10,
      contacts_per_active_prev_year: 0,
    },
  ]);
  // Only a1 of the 4 active customers was contacted (in November: recent). At risk: z alone
  // (last purchase 2022-03-01), contacted in February–March 2023: in the year, not recently.
  assert.deepEqual(r.coverage.active, {
    customers: 4,
    contacted_recent: 1,
    contacted_year: 1,
    coverage_recent: 0.25,
    coverage_year: 0.25,
  });
  assert.deepEqual(r.coverage.at_risk, {
    customers: 1,
    contacted_recent: 0,
    contacted_year: 1,
    coverage_recent: 0,
    coverage_year: 1,
  });
  // Contacts over active customers [10, 0, 0, 0]: Gini = Σ|xi−xj| / (2n²x̄) = 60 / (2·16·2.5)
  // = 0.75; the top 10 % is 0.4 of a customer holding 10 → 4 of 10 = 0.4.
  assert.equal(r.gini, 0.75);
  assert.equal(r.top10_share, 0.4);
  // z got 40 > 36 contacts (but is not active).
  assert.equal(r.over_contacted, 1);
  assert.equal(r.over_contacted_active, 0);
});

test('Gini and top-10 % share on ten customers, and against the reference formulas', async () => {
  const counts = [0, 0, 0, 0, 1, 1, 2, 2, 4, 10];
  const orders = counts.map((_, i) => ({ customer_id: `k${i}`, at: '2023-06-01', amount: 10 }));
  const contacts = counts.flatMap((n, i) => days('2023-03-01', n, { customer_id: `k${i}` }));
  const r = await run(orders, contacts);
  // Ascending ranks: Σ i·x = 5·1 + 6·1 + 7·2 + 8·2 + 9·4 + 10·10 = 177, Σx = 20, n = 10:
  // G = 2·177/(10·20) − 11/10 = 0.67. Top 10 % = the one customer with 10 → 10/20 = 0.5.
  assert.ok(Math.abs((r.gini ?? 0) - 0.67) < 1e-12);
  assert.equal(r.top10_share, 0.5);
  assert.ok(Math.abs((gini(counts) ?? 0) - 0.67) < 1e-12);
  assert.equal(topShare(counts), 0.5);
});

test('the SQL concentration equals the reference on an irregular distribution', async () => {
  // 37 customers, counts from a fixed pseudo-random sequence (ties and zeros included).
  let seed = 7;
  const counts = Array.from(
    { length: 37 },
    () => ((seed = (seed * 48271) % 2147483647) % 9) * (seed % 3 === 0 ? 0 : 1),
  );
  const orders = counts.map((_, i) => ({ customer_id: `r${i}`, at: '2023-06-01', amount: 10 }));
  const contacts = counts.flatMap((n, i) => days('2023-03-01', n, { customer_id: `r${i}` }));
  const r = await run(orders, contacts);
  assert.ok(Math.abs((r.gini ?? 0) - (gini(counts) ?? 0)) < 1e-12);
  assert.ok(Math.abs((r.top10_share ?? 0) - (topShare(counts) ?? 0)) < 1e-12);
});

// Everyone but L1, L2 and P bought on 2022-12-01, so is active at the start of every 2023 month.
// L1 and L2 last bought 2021-06-01 (lapsed); L1 buys again on 2023-03-20. P never buys.
const RESPONSE_ORDERS: OrderRow[] = [
  ...['t1', 't2', 't3', 't4', 'c1', 'c2', 'c3', 'c4'].map((c) => ({
    customer_id: c,
    at: '2022-12-01',
    amount: 100,
  })),
  { customer_id: 'L1', at: '2021-06-01', amount: 100 },
  { customer_id: 'L2', at: '2021-06-01', amount: 100 },
  { customer_id: 't1', at: '2023-03-15', amount: 100 },
  { customer_id: 't2', at: '2023-04-08', amount: 100 },
  { customer_id: 't3', at: '2023-04-09', amount: 100 },
  { customer_id: 't4', at: '2023-03-05', amount: 100 },
  { customer_id: 'c1', at: '2023-03-30', amount: 100 },
  { customer_id: 'c2', at: '2023-03-31', amount: 100 },
  { customer_id: 'L1', at: '2023-03-20', amount: 100 },
  { customer_id: 't1', at: '2023-07-12', amount: 100 },
];
const spring = { channel: 'dm', campaign_id: 'spring', cost: 100 };
const RESPONSE_CONTACTS: ContactRow[] = [
  ...['t1', 't2', 't3', 't4', 'L1', 'P'].map((c) => ({
    ...spring,
    customer_id: c,
    at: '2023-03-10',
  })),
  { ...spring, customer_id: 't1', at: '2023-03-20' },
  { customer_id: 'c1', at: '2023-12-20', channel: 'dm', cost: 100 },
  ...['t1', 't2', 't3'].map((c) => ({
    customer_id: c,
    at: '2023-07-10',
    channel: 'email',
    campaign_id: 'summer',
  })),
  { customer_id: 'L2', at: '2023-11-15', channel: 'sms' },
];
const CAMPAIGNS = `INSERT INTO campaigns VALUES
  ('spring', 'Spring DM', 'dm', NULL, NULL), ('summer', 'Summer mail', 'email', NULL, 300)`;

test('response to contacts against uncontacted customers of the same month and status', async () => {
  const r = await run(RESPONSE_ORDERS, RESPONSE_CONTACTS, CAMPAIGNS);
  assert.equal(r.response.period_end, '2023-12-02');
  const dm = r.response.by_channel.find((x) => x.key === 'dm');
  // March units: active t1 t2 t3 t4, lapsed L1 (P never bought: left out). Windows from the
  // first contact 03-10 to 04-08: t1 (03-15) and t2 (04-08) respond, t3 (04-09) and t4 (bought
  // 03-05, before) do not; L1 (03-20) responds → 3 of 5.
  // Control, March: active and uncontacted c1–c4, buying 03-01 … 03-30: c1 only → 1/4;
  // lapsed and uncontacted L2 → 0/1. Expected = 4 · 1/4 + 1 · 0 = 1 → control rate 1/5.
  // Cost of the compared units' contacts: t1 twice, t2, t3, t4, L1 = 600.
  // The control rate's evidence: units² × variance = 4²·1·3/4³ + 1²·0 = 0.75, variance
  // 0.75/25 = 0.03, effective base 0.2·0.8/0.03 = 5.33, capped at its 5 customers (4 + 1):
  // 1 of 5. Newcombe 3/5 − 1/5 (python3): −0.162622 … 0.726439, z 1.290994, p 0.196706;
  // 5 a side is too few to judge.
  const { uplift_low, uplift_high, uplift_z, uplift_p, ...dmRest } = dm!;
  near(uplift_low, -0.162622);
  near(uplift_high, 0.726439);
  near(uplift_z, 1.290994);
  near(uplift_p, 0.196706);
  assert.deepEqual(dmRest, {
    key: 'dm',
    name: null,
    contacts: 8,
    cost: 800, // + P's and c1's (after the period) contacts in the year
    contacted_customers: 5,
    responders: 3,
    response_rate: 0.6,
    control_rate: 0.2,
    uplift: 0.6 - 0.2,
    control_customers: 5,
    control_effective_n: 5,
    uplift_verdict: 'too_few',
    expected_responses: 1,
    incremental_responses: 2,
    unmatched_customers: 0,
    response_cost: 600,
    cost_per_response: 200,
    cost_per_incremental_response: 300,
  });
  const springRow = r.response.by_campaign.find((x) => x.key === 'spring');
  assert.equal(springRow?.name, 'Spring DM');
  assert.equal(springRow?.contacts, 7);
  assert.deepEqual(
    [
      springRow?.contacted_customers,
      springRow?.responders,
      springRow?.expected_responses,
      springRow?.response_cost,
    ],
    [5, 3, 1, 600],
  );
});

test('campaign cost is spread over its contacts without a cost; months without a control', async () => {
  const r = await run(RESPONSE_ORDERS, RESPONSE_CONTACTS, CAMPAIGNS);
  // July, email 'summer' (cost 300 over its 3 uncosted contacts): t1 (bought 07-12) responds,
  // t2 and t3 do not → 1/3. Control: active, uncontacted in July: t4 c1–c4 L1, none buys
  // 07-01 … 07-30 → 0. Incremental 1; cost 300 per response and per incremental response.
  // Control 0 of 6 has no variance: Kish's base 3²/(3²/6) = 6; Newcombe 1/3 − 0/6 (python3):
  // −0.142341 … 0.792345, z 1.5.
  const { uplift_low, uplift_high, uplift_z, uplift_p, ...summer } = r.response.by_campaign.find(
    (x) => x.key === 'summer',
  )!;
  near(uplift_low, -0.142341);
  near(uplift_high, 0.792345);
  near(uplift_z, 1.5);
  near(uplift_p, 0.133614);
  assert.deepEqual(summer, {
    key: 'summer',
    name: 'Summer mail',
    contacts: 3,
    cost: 300,
    contacted_customers: 3,
    responders: 1,
    response_rate: 1 / 3,
    control_rate: 0,
    uplift: 1 / 3,
    control_customers: 6,
    control_effective_n: 6,
    uplift_verdict: 'too_few',
    expected_responses: 0,
    incremental_responses: 1,
    unmatched_customers: 0,
    response_cost: 300,
    cost_per_response: 300,
    cost_per_incremental_response: 300,
  });
  assert.equal(r.response.by_channel.find((x) => x.key === 'email')?.cost, 300);
  // November, sms to L2, lapsed; the only other lapsed customer (L1) is active again since
  // March, so there is no control: unmatched, no rates.
  const sms = r.response.by_channel.find((x) => x.key === 'sms');
  assert.deepEqual(
    [
      sms?.contacts,
      sms?.cost,
      sms?.contacted_customers,
      sms?.unmatched_customers,
      sms?.control_rate,
      sms?.uplift,
      sms?.control_effective_n,
      sms?.uplift_low,
      sms?.uplift_verdict,
    ],
    [1, null, 0, 1, null, null, null, null, 'too_few'],
  );
  assert.deepEqual(
    r.response.by_campaign.map((x) => x.key),
    ['spring', 'summer'],
  );
});

test('a campaign cost split over channels is rounded exactly per channel', async () => {
  // Campaign 'mix' costs 100 over 3 contacts without a cost: 2 by dm, 1 by email; one more dm
  // contact has its own cost 0.1. dm: 0.1 + 100·2/3 = 66.7667; email: 33.3333; mix: 100.
  const r = await run(
    [{ customer_id: 'a', at: '2023-01-05', amount: 10 }],
    [
      { customer_id: 'a', at: '2023-02-01', channel: 'dm', campaign_id: 'mix' },
      { customer_id: 'a', at: '2023-03-01', channel: 'dm', campaign_id: 'mix' },
      { customer_id: 'a', at: '2023-04-01', channel: 'email', campaign_id: 'mix' },
      { customer_id: 'a', at: '2023-05-01', channel: 'dm', cost: 0.1 },
    ],
    `INSERT INTO campaigns VALUES ('mix', 'Mixed', NULL, NULL, 100)`,
  );
  assert.deepEqual(
    r.response.by_channel.map((x) => [x.key, x.contacts, x.cost]),
    [
      ['dm', 3, 66.7667],
      ['email', 1, 33.3333],
    ],
  );
  assert.deepEqual(
    r.response.by_campaign.map((x) => [x.key, x.name, x.contacts, x.cost]),
    [['mix', 'Mixed', 3, 100]],
  );
});

/**
 * Returns the response of campaign 'big': 40 active customers mailed on 2023-06-01, the first
 * `responders` of whom buy on 06-10, against 60 active uncontacted customers, 12 of whom buy on
 * 06-10 (control rate 12/60 in June, the only stratum: its effective base is its 60 customers).
 */
async function bigCampaign(responders: number, july = false) {
  const ids = (p: string, n: number) => Array.from({ length: n }, (_, i) => `${p}${i}`);
  const orders: OrderRow[] = [...ids('t', 40), ...ids('c', 60)].map((c) => ({
    customer_id: c,
    at: '2022-12-01',
    amount: 100,
  }));
  for (const c of [...ids('t', responders), ...ids('c', 12)])
    orders.push({ customer_id: c, at: '2023-06-10', amount: 100 });
  const contacts = ids('t', 40).map((c) => ({
    customer_id: c,
    at: '2023-06-01',
    channel: 'dm',
    campaign_id: 'big',
  }));
  if (july) {
    // July: t0–t9 mailed again on 07-01 (none buys in July); 45 of the 90 uncontacted (t10–t39,
    // c0–c59) buy on 07-10 → control rate 1/2 in July.
    for (const c of ids('t', 10))
      contacts.push({ customer_id: c, at: '2023-07-01', channel: 'dm', campaign_id: 'big' });
    for (const c of ids('c', 45)) orders.push({ customer_id: c, at: '2023-07-10', amount: 100 });
  }
  const r = await run(orders, contacts);
  return r.response.by_campaign.find((x) => x.key === 'big')!;
}

// Newcombe, z and p recomputed in python3 (Wilson at 1.96, method 10, pooled z, erfc):
//   16/40 − 12/60: 0.019670 … 0.374376, z 2.182179, p 0.029096
//   11/40 − 12/60: −0.088889 … 0.248766, z 0.873087, p 0.382616
test('a campaign on enough customers gets a verdict: beyond the noise, or within it', async () => {
  const hi = await bigCampaign(16);
  assert.deepEqual(
    [hi.contacted_customers, hi.responders, hi.control_customers, hi.expected_responses],
    [40, 16, 60, 8],
  );
  near(hi.control_rate, 0.2, 1e-12);
  near(hi.control_effective_n, 60, 1e-9);
  near(hi.uplift, 0.2, 1e-12);
  near(hi.uplift_low, 0.01967);
  near(hi.uplift_high, 0.374376);
  near(hi.uplift_z, 2.182179);
  near(hi.uplift_p, 0.029096);
  assert.equal(hi.uplift_verdict, 'higher');
  const noise = await bigCampaign(11);
  near(noise.uplift, 0.075, 1e-12);
  near(noise.uplift_low, -0.088889);
  near(noise.uplift_high, 0.248766);
  near(noise.uplift_p, 0.382616);
  assert.equal(noise.uplift_verdict, 'within_noise', '+7.5 pt on 40 contacted is noise');
});

// Two months, weights 40/50 and 10/50: expected 40·0.2 + 10·0.5 = 13, control rate 0.26 of
// 60 + 90 = 150 customers. Units² × variance = 40²·12·48/60³ + 10²·45·45/90³ = 4.544444;
// variance 4.544444/50² = 0.00181778; effective base 0.26·0.74/0.00181778 = 105.8435 (not
// Kish's 50²/(40²/60 + 10²/90) = 90, not the 150 customers). Newcombe 16/50 against 0.26 of
// 105.8435 (python3): −0.084587 … 0.216735, z 0.779355, p 0.435771.
test('two months: the control is read at the effective base of its variance', async () => {
  const r = await bigCampaign(16, true);
  assert.deepEqual([r.contacted_customers, r.responders, r.control_customers], [50, 16, 150]);
  near(r.expected_responses, 13, 1e-9);
  near(r.control_effective_n, 105.8435, 1e-4);
  near(r.uplift_low, -0.084587);
  near(r.uplift_high, 0.216735);
  near(r.uplift_z, 0.779355);
  near(r.uplift_p, 0.435771);
  assert.equal(r.uplift_verdict, 'within_noise');
});
