// Rules as pure functions of the report: each fires on a clear problem and stays silent on
// noise and on small bases.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSettings } from '../../settings.js';
import type { DiagnosisInput } from '../input.js';
import type { CoreMetrics } from '../../../report/index.js';
import { listDiagnosis } from './list.js';
import { customerDiagnosis } from './customer.js';

function metrics(
  over: Partial<Omit<CoreMetrics, 'flows'>> & { flows?: Partial<CoreMetrics['flows']> },
): CoreMetrics {
  const base: CoreMetrics = {
    window_start: '2024-01-02',
    active_customers: 1000,
    active_customers_prev_year: 1000,
    annual_revenue: 10_000_000,
    unattributed_revenue: 0,
    annual_ltv: 10_000,
    retention_base: 1000,
    retention_retained: 600,
    retention_rate: 0.6,
    flows: { new: 300, retained: 600, reactivated: 100, churned: 400 },
    contacts: 0,
    contacts_per_active: 0,
    contacts_per_active_by_channel: {},
  };
  return { ...base, ...over, flows: { ...base.flows, ...(over.flows ?? {}) } };
}

function input(now: CoreMetrics, prev: CoreMetrics): DiagnosisInput {
  return {
    as_of: '2024-12-31',
    metrics: now,
    metrics_prev_year: prev,
    series: [],
  } as unknown as DiagnosisInput;
}

const settings = parseSettings({});

test('list.active_decline: critical when active customers fall 12 % while revenue grows', () => {
  const now = metrics({ active_customers: 880, annual_revenue: 10_500_000 });
  const f = listDiagnosis({ input: input(now, metrics({})), settings });
  assert.equal(f.length, 1);
  assert.equal(f[0].id, 'list.active_decline');
  assert.equal(f[0].severity, 'critical');
  assert.match(f[0].cause.en, /Revenue still grows/);
  assert.equal(f[0].evidence.active_customers_prev_year, 1000);
});

test('list.active_decline: warning at −8 %, silent within the noise of the flows and on a small base', () => {
  // −80 against flows of 800 customers: z = −80/√800 = −2.8
  assert.equal(
    listDiagnosis({ input: input(metrics({ active_customers: 920 }), metrics({})), settings })[0]
      .severity,
    'warning',
  );
  // −40: z = −1.4, a wobble
  assert.equal(
    listDiagnosis({ input: input(metrics({ active_customers: 960 }), metrics({})), settings })
      .length,
    0,
  );
  // 40 → 30 customers is −25 %, but a solo business's noise: below min_base, no finding.
  const small = listDiagnosis({
    input: input(metrics({ active_customers: 30 }), metrics({ active_customers: 40 })),
    settings,
  });
  assert.equal(small.length, 0);
});

test('customer diagnosis names the flow that fell, critical for the largest cause', () => {
  const prev = metrics({});
  const now = metrics({
    active_customers: 800,
    flows: { new: 150, retained: 550, reactivated: 100, churned: 450 },
    retention_retained: 550,
    retention_rate: 0.55,
  });
  const f = customerDiagnosis({ input: input(now, prev), settings });
  assert.deepEqual(
    f.map((x) => [x.id, x.severity]),
    [
      ['customer.acquisition_drop', 'critical'],
      ['customer.retention_drop', 'warning'],
    ],
  );
  assert.equal(f[0].evidence.effect_on_active, -150);
});

test('customer diagnosis stays silent on a small, insignificant dip', () => {
  const now = metrics({
    flows: { new: 280, reactivated: 95 },
    retention_retained: 590,
    retention_rate: 0.59,
  });
  assert.deepEqual(customerDiagnosis({ input: input(now, metrics({})), settings }), []);
});

test('every finding names the test it passed, with the statistic it was judged on', () => {
  // −80 against flows of 800: z = −80/√800 = −2.83
  const [list] = listDiagnosis({
    input: input(metrics({ active_customers: 920 }), metrics({})),
    settings,
  });
  assert.equal(
    list.test.en,
    'test of the change in a stock against the noise of its flows: z = −2.8 (threshold |z| ≥ 2)',
  );
  assert.ok(list.test.ja.endsWith('z = −2.8(基準 |z| ≥ 2)'), list.test.ja);
  const now = metrics({
    active_customers: 800,
    flows: { new: 150, retained: 550, reactivated: 100, churned: 450 },
    retention_retained: 550,
    retention_rate: 0.55,
  });
  const [acq, ret] = customerDiagnosis({ input: input(now, metrics({})), settings });
  // New customers 300 → 150, Poisson: (150 − 300)/√450 = −7.07
  assert.equal(acq.test.en, 'Poisson test of a change in a count: z = −7.1 (threshold |z| ≥ 2)');
  // Retention 550/1000 against 600/1000, pooled p = 0.575: −0.05/√(0.575·0.425·0.002) = −2.26
  assert.equal(ret.test.en, 'two-proportion z-test: z = −2.3 (threshold |z| ≥ 2)');
  assert.equal(ret.evidence.retention_base, 1000);
});
