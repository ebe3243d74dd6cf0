import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FREQUENCY_BINS, SILENCE_BINS, pAliveMatrix } from './p-alive-matrix.js';

test('P(alive) matrix: customers and weighted mean P(alive) per frequency × silence cell', () => {
  // Three histories: 2 customers with 0 repeats, last purchase 30 days ago, P(alive) 1; 3
  // customers with 3 repeats silent 200 days (T 500 − recency 300), 0.2; 1 customer with 3
  // repeats silent 181 days, 0.6 → that cell: 4 customers, (3·0.2 + 0.6) / 4 = 0.3.
  const cells = pAliveMatrix({
    frequency: [0, 3, 3],
    recency_days: [0, 300, 319],
    t_days: [30, 500, 500],
    weight: [2, 3, 1],
    pAlive: [1, 0.2, 0.6],
  });
  assert.equal(cells.length, FREQUENCY_BINS.length * SILENCE_BINS.length);
  const at = (f: number, d: number) =>
    cells.find((c) => c.frequency_from === f && c.days_from === d)!;
  assert.deepEqual(at(0, 0), {
    frequency_from: 0,
    frequency_to: 0,
    days_from: 0,
    days_to: 90,
    customers: 2,
    mean_p_alive: 1,
  });
  assert.equal(at(3, 181).customers, 4);
  assert.ok(Math.abs(at(3, 181).mean_p_alive! - 0.3) < 1e-12);
  assert.equal(at(10, 731).customers, 0);
  assert.equal(at(10, 731).mean_p_alive, null);
  assert.equal(
    cells.reduce((s, c) => s + c.customers, 0),
    6,
    'every customer in one cell',
  );
});

test('P(alive) matrix: the bins cover every count and silence with no gap or overlap', () => {
  for (const bins of [FREQUENCY_BINS, SILENCE_BINS])
    for (let x = 0; x < 2000; x++)
      assert.equal(
        bins.filter((b) => x >= b.from && (b.to === null || x <= b.to)).length,
        1,
        `${x}`,
      );
});
