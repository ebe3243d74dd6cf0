import { test } from 'node:test';
import assert from 'node:assert/strict';
import { aggregateTriples } from './data.js';
import { simulateParetoNbd, spreadT } from './generate.js';
import { holdoutTable } from './holdout.js';
import { ParetoNbd } from './pareto-nbd.js';
import { Random } from './random.js';

test('Pareto/NBD recovers known parameters from 40,000 simulated customers within 15 %', (t) => {
  // With CDNOW's s ≈ 0.6 most lifetimes outlast any window and (s, β) are barely identified
  // (errors up to ~20 % with 20,000 customers), so recovery uses customers whose drop-outs are
  // visible: purchase rate 0.1 a week and drop-out rate s/β ≈ 0.04 a week on average, observed
  // 52–104 weeks. Over seeds, s and β still scatter by ~5 % (1 sd) at this size.
  const truth = { r: 1, alpha: 10, s: 1.5, beta: 40 };
  const sim = simulateParetoNbd(truth, spreadT(40_000, 52, 104), new Random(20250502));
  const { model, info } = ParetoNbd.fit(aggregateTriples(sim, 1 / 7));
  assert.ok(info.converged, info.message);
  const errors = Object.fromEntries(
    Object.entries(truth).map(([k, v]) => [k, model.params[k as keyof typeof truth] / v - 1]),
  );
  t.diagnostic(`relative errors ${JSON.stringify(errors)} over ${info.rows} distinct triples`);
  for (const [k, e] of Object.entries(errors))
    assert.ok(Math.abs(e) < 0.15, `${k} off by ${(e * 100).toFixed(1)} %`);
});

test('P(alive), expected purchases and likelihood agree with integrating the model directly', () => {
  // Reference values: the definitions integrated over λ ~ gamma(r, α), μ ~ gamma(s, β)
  // numerically (scipy dblquad), independently of the hypergeometric closed forms.
  const model = new ParetoNbd({ r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 });
  const cases = [
    {
      x: 2,
      tx: 30.43,
      T: 38.86,
      t: 39,
      alive: 0.868410917097,
      expected: 1.450371374692,
      ll: -9.561981261112,
    },
    {
      x: 0,
      tx: 0,
      T: 38.86,
      t: 39,
      alive: 0.2937739504674,
      expected: 0.1058253558742,
      ll: -0.5170251508875,
    },
    {
      x: 7,
      tx: 35,
      T: 38.86,
      t: 52,
      alive: 0.9356860746167,
      expected: 5.883415797876,
      ll: -21.82896417247,
    },
  ];
  const close = (a: number, b: number): boolean => Math.abs(a / b - 1) < 1e-6;
  for (const c of cases) {
    assert.ok(
      close(model.probabilityAlive(c.x, c.tx, c.T), c.alive),
      `P(alive) ${JSON.stringify(c)}`,
    );
    assert.ok(
      close(model.expectedPurchases(c.t, c.x, c.tx, c.T), c.expected),
      `E[Y] ${JSON.stringify(c)}`,
    );
    const ll = model.logLikelihood({ frequency: [c.x], recency: [c.tx], T: [c.T] });
    assert.ok(close(ll, c.ll), `LL ${ll} ${JSON.stringify(c)}`);
  }
});

test('Pareto/NBD conditional expectations match simulated holdout purchases', () => {
  const truth = { r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 };
  const sim = simulateParetoNbd(truth, spreadT(40_000, 26, 52), new Random(7), 39);
  const table = holdoutTable(new ParetoNbd(truth), sim, 39);
  assert.ok(
    Math.abs(table.total.predicted / table.total.actual - 1) < 0.03,
    JSON.stringify(table.total),
  );
  for (const row of table.rows) {
    if (row.customers < 1000) continue;
    assert.ok(Math.abs(row.predicted / row.actual - 1) < 0.1, JSON.stringify(row));
  }
});

test('edge cases: new customers, recency = T, s = 1', () => {
  const model = new ParetoNbd({ r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 });
  for (const t of [1, 10, 52]) {
    assert.ok(
      Math.abs(model.expectedPurchases(t, 0, 0, 0) / model.expectedPurchasesNew(t) - 1) < 1e-9,
    );
  }
  // Bought on the last day of calibration: cannot have died in (t_x, T], so alive for sure.
  assert.equal(model.probabilityAlive(3, 20, 20), 1);
  // s = 1 is the limit of the closed form, not a division by zero.
  const one = new ParetoNbd({ r: 0.55, alpha: 10.58, s: 1, beta: 11.67 });
  const near = new ParetoNbd({ r: 0.55, alpha: 10.58, s: 1 + 1e-7, beta: 11.67 });
  assert.ok(Math.abs(one.expectedPurchasesNew(39) / near.expectedPurchasesNew(39) - 1) < 1e-6);
  assert.ok(
    Math.abs(one.expectedPurchases(39, 2, 30, 38) / near.expectedPurchases(39, 2, 30, 38) - 1) <
      1e-6,
  );
});
