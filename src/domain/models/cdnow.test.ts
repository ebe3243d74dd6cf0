import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BgNbd } from './bgnbd.js';
import { aggregateTriples } from './data.js';
import { GammaGamma } from './gamma-gamma.js';
import { ParetoNbd } from './pareto-nbd.js';

// The CDNOW 1/10 sample summarised in weeks (calibration to 1997-09-30), as distributed with
// lifetimes; see /work/shared/data/cdnow/README.md.
const DIR = new URL('../../../../shared/data/cdnow/', import.meta.url);

function readCsv(name: string): number[][] {
  const lines = readFileSync(new URL(name, DIR), 'utf8').trim().split(/\r?\n/);
  return lines.slice(1).map((l) => l.split(',').map(Number));
}

const summary = readCsv('cdnow_customers_summary.csv'); // ID, frequency, recency, T
const rfm = {
  frequency: summary.map((r) => r[1]),
  recency: summary.map((r) => r[2]),
  T: summary.map((r) => r[3]),
};

// Relative difference of two estimates.
function rel(a: number, b: number): number {
  return Math.abs(a / b - 1);
}

// Published estimates are rounded; ours must lie within one unit of their last digit.
function agrees(fitted: number, published: string): boolean {
  const decimals = published.split('.')[1]?.length ?? 0;
  return Math.abs(fitted - Number(published)) <= 10 ** -decimals + 1e-12;
}

test('BG/NBD on CDNOW reproduces Fader, Hardie & Lee (2005): r .243, α 4.414, a .793, b 2.426, LL −9582.4', (t) => {
  const { model, info } = BgNbd.fit(aggregateTriples(rfm));
  const { r, alpha, a, b } = model.params;
  t.diagnostic(
    `r ${r} α ${alpha} a ${a} b ${b} LL ${info.logLikelihood} (${info.rows} triples, ${info.iterations} iterations)`,
  );
  assert.ok(info.converged, info.message);
  assert.equal(info.customers, 2357);
  assert.ok(
    agrees(r, '0.243') && agrees(alpha, '4.414') && agrees(a, '0.793') && agrees(b, '2.426'),
  );
  assert.ok(Math.abs(info.logLikelihood - -9582.4) < 0.05);
});

test('fitting per customer or per distinct triple gives the same BG/NBD estimates', () => {
  const a = BgNbd.fit(rfm);
  const b = BgNbd.fit(aggregateTriples(rfm));
  assert.ok(b.info.rows < a.info.rows);
  assert.ok(Math.abs(a.info.logLikelihood - b.info.logLikelihood) < 1e-6);
  for (const k of ['r', 'alpha', 'a', 'b'] as const)
    assert.ok(rel(a.model.params[k], b.model.params[k]) < 1e-5);
});

test('Pareto/NBD on CDNOW reproduces the published r .55, α 10.58, s .61, β 11.67, LL −9595.0', (t) => {
  const { model, info } = ParetoNbd.fit(aggregateTriples(rfm));
  const { r, alpha, s, beta } = model.params;
  t.diagnostic(
    `r ${r} α ${alpha} s ${s} β ${beta} LL ${info.logLikelihood} (${info.iterations} iterations)`,
  );
  assert.ok(info.converged, info.message);
  assert.ok(
    agrees(r, '0.55') && agrees(alpha, '10.58') && agrees(s, '0.61') && agrees(beta, '11.67'),
  );
  assert.ok(Math.abs(info.logLikelihood - -9595.0) < 0.05);
});

test('gamma-gamma on CDNOW repeat buyers reproduces p 6.25, q 3.74, γ 15.44', (t) => {
  const rows = readCsv('cdnow_customers_summary_with_transactions.csv').filter((r) => r[1] > 0); // ID, x, t_x, T, zbar
  const { model, info } = GammaGamma.fit({
    frequency: rows.map((r) => r[1]),
    monetary: rows.map((r) => r[4]),
  });
  const { p, q, gamma } = model.params;
  t.diagnostic(
    `p ${p} q ${q} γ ${gamma} LL ${info.logLikelihood} over ${info.customers} customers`,
  );
  assert.equal(info.customers, 946);
  assert.ok(info.converged, info.message);
  // The csv's z̄ are rounded to cents and the likelihood is flat along (p, γ): γ comes out 15.448.
  assert.ok(agrees(p, '6.25') && agrees(q, '3.74') && agrees(gamma, '15.44'));
});
