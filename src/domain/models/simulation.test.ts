import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PRESETS, SEED003, sensitivity, simulate, toYears } from './simulation.js';

const OKU = 1e8; // 1億円

const round9 = (v: number): number => Math.round(v * 1e9) / 1e9;

function revenueByYear(retention: number): number[] {
  return simulate({ ...SEED003, retention_rate: retention }).map((r) => r.revenue);
}

test('seed 003: about ¥10 billion (100億円) in year 5 at 70 % retention', () => {
  const year5 = simulate(SEED003)[4];
  // Exactly: 419,000·12,000 + 241,000·0.7·18,000 + 144,000·0.49·22,000 + 42,000·0.343·25,000
  //        + 12,000·0.2401·27,000 = ¥10,054,862,400; "about" = within 2 % of 100億.
  assert.ok(Math.abs(year5.revenue - 10_054_862_400) < 1e-3);
  assert.ok(Math.abs(year5.revenue / (100 * OKU) - 1) < 0.02);
  assert.ok(Math.abs(year5.active_customers - 675_547.2) < 1e-6);
  assert.ok(Math.abs(year5.annual_ltv * year5.active_customers - year5.revenue) < 1e-3); // 年商 = 年間LTV × 稼働顧客数
});

test('seed 003: at 93 % revenue keeps rising for 3 years after acquisition stops, then falls', () => {
  const rev = revenueByYear(0.93);
  assert.ok(rev[5] > rev[4] && rev[6] > rev[5] && rev[7] > rev[6], rev.join(', '));
  assert.ok(rev[8] < rev[7]);
});

test('seed 003: at 45–60 % year 5 falls well short of 100億 and revenue drops at once in year 6', () => {
  for (const r of [0.45, 0.5, 0.55, 0.6]) {
    const rev = revenueByYear(r);
    // 60 % gives 90.4億 and 45 % 77.3億: at least 9 % short of the 100億 that 70 % reaches.
    assert.ok(rev[4] < 0.91 * 100 * OKU, `${r}: ${rev[4]}`);
    assert.ok(rev[5] < rev[4] && rev[6] < rev[5], `${r}: ${rev.join(', ')}`);
  }
  // Falling "at once": year 6 loses more than 18 % at 60 %, more than 37 % at 45 %.
  const r60 = revenueByYear(0.6);
  const r45 = revenueByYear(0.45);
  assert.ok(r60[5] / r60[4] < 0.82 && r45[5] / r45[4] < 0.63);
});

test('the cohort arithmetic by hand for two years and a retention by tenure', () => {
  const rows = simulate({
    new_customers: [100, 50],
    retention_rate: [0.5, 0.8],
    annual_ltv_by_tenure: [10, 20, 30],
    years: 4,
  });
  // Year 1: 100 new × 10. Year 2: 50 new × 10 + 100·0.5 × 20. Year 3: 50·0.5 × 20 + 100·0.5·0.8 × 30.
  // Year 4: 50·0.5·0.8 × 30 + 100·0.5·0.8·0.8 × 30 (the last retention and LTV repeat).
  assert.deepEqual(
    rows.map((r) => [r.year, r.new_customers, round9(r.active_customers), round9(r.revenue)]),
    [
      [1, 100, 100, 1000],
      [2, 50, 100, 1500],
      [3, 0, 65, 1700],
      [4, 0, 52, 1560],
    ],
  );
});

test('sensitivity puts the rates side by side, equal to separate runs', () => {
  const table = sensitivity(SEED003, [0.45, 0.7, 0.93]);
  assert.equal(table.length, 10);
  assert.deepEqual(
    table.map((row) => row.by_rate[1].revenue),
    revenueByYear(0.7),
  );
  assert.equal(table[0].by_rate[2].revenue, 12_000 * 12_000);
  assert.equal(PRESETS.seed003, SEED003);
});

test('monthly periods: arrivals spread over the year, yearly totals add up', () => {
  const months = simulate(SEED003, { periodsPerYear: 12 });
  assert.equal(months.length, 120);
  assert.equal(months[0].new_customers, 1000);
  // Retention 1 and flat LTV: month m of year 1 has 1000·m customers spending 12,000/12 each.
  const flat = simulate(
    { new_customers: [12_000], retention_rate: 1, annual_ltv_by_tenure: [12_000], years: 2 },
    { periodsPerYear: 12 },
  );
  assert.equal(flat[11].active_customers, 12_000);
  assert.equal(flat[11].revenue, 12_000 * 1_000);
  const years = toYears(flat, {
    new_customers: [12_000],
    retention_rate: 1,
    annual_ltv_by_tenure: [12_000],
    years: 2,
  });
  assert.equal(years[0].revenue, 1_000 * 1_000 * 78); // Σ m = 78 customer-months
  assert.equal(years[1].revenue, 12_000 * 12_000);
  // With decay, a year-2 survivor share r^(1/12) each month compounds to r over the year.
  const decay = simulate(
    { new_customers: [1200], retention_rate: 0.5, annual_ltv_by_tenure: [1], years: 2 },
    { periodsPerYear: 12 },
  );
  assert.ok(
    Math.abs(decay[12].active_customers / decay[11].active_customers - Math.pow(0.5, 1 / 12)) <
      1e-12,
  );
});

test('invalid scenarios are rejected with the field named', () => {
  assert.throws(() => simulate({ ...SEED003, retention_rate: 1.2 }), /retention_rate/);
  assert.throws(() => simulate({ ...SEED003, new_customers: [] }), /new_customers/);
});
