// Rules need the history to cover what they compare; data.* findings say what was skipped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSettings } from '../../settings.js';
import type { DiagnosisInput } from '../input.js';
import { dataDiagnosis } from './data.js';
import { listDiagnosis } from './list.js';
import { customerDiagnosis } from './customer.js';
import { distributionDiagnosis } from './distribution.js';

const settings = parseSettings({});
const flows = { new: 100, retained: 500, reactivated: 20, churned: 400 };
const core = (active: number) => ({
  active_customers: active,
  annual_revenue: active * 10_000,
  retention_base: 900,
  retention_retained: 500,
  retention_rate: 500 / 900,
  flows,
});

// Active customers down 40 % on a base of 1,000, acquisition down 80 %: loud when the history allows.
function input(historyDays: number, contacts = 100): DiagnosisInput {
  return {
    as_of: '2024-12-31',
    data_range: {
      first_purchase: '2020-01-01',
      history_days: historyDays,
      contacts_total: contacts,
    },
    metrics: core(600),
    metrics_prev_year: {
      ...core(1000),
      flows: { ...flows, new: 500 },
      retention_retained: 800,
      retention_rate: 0.8,
    },
    series: [],
  } as unknown as DiagnosisInput;
}

test('year-on-year rules fire with enough history and stay silent without it', () => {
  assert.equal(listDiagnosis({ input: input(730), settings })[0]?.id, 'list.active_decline');
  assert.deepEqual(listDiagnosis({ input: input(729), settings }), []);
  assert.ok(
    customerDiagnosis({ input: input(1095), settings }).some(
      (f) => f.id === 'customer.acquisition_drop',
    ),
  );
  assert.deepEqual(customerDiagnosis({ input: input(1094), settings }), []);
});

test('data.short_history below 1,095 days, data.no_contacts without contacts, both info', () => {
  assert.deepEqual(dataDiagnosis({ input: input(1095), settings }), []);
  const f = dataDiagnosis({ input: input(374, 0), settings });
  assert.deepEqual(
    f.map((x) => [x.id, x.severity]),
    [
      ['data.short_history', 'info'],
      ['data.no_contacts', 'info'],
    ],
  );
  assert.equal(f[0].evidence.history_days, 374);
  assert.match(f[0].title.en, /^1\.0 years/);
});

test('no contacts at all: the distribution rules stay silent instead of "too few"', () => {
  const base = input(1500, 0) as unknown as Record<string, unknown>;
  const dist = {
    active_customers: 600,
    contacts_per_active: 0,
    coverage: { recent_days: 90, active: {}, at_risk: {} },
  };
  const ids = (x: Record<string, unknown>) =>
    distributionDiagnosis({ input: x as unknown as DiagnosisInput, settings }).map((f) => f.id);
  assert.deepEqual(ids({ ...base, distribution: dist }), []);
  const withContacts = {
    ...base,
    data_range: { first_purchase: '2020-01-01', history_days: 1500, contacts_total: 5 },
  };
  assert.ok(ids({ ...withContacts, distribution: dist }).includes('distribution.too_few'));
});

test('orders without any identified customer: one critical data.no_customers, nothing rated', async () => {
  const { diagnose } = await import('../catalogue.js');
  const guestsOnly = {
    ...input(1500),
    metrics: {
      ...core(0),
      retention_base: 0,
      retention_retained: 0,
      retention_rate: null,
      unattributed_revenue: 5_000_000,
    },
  } as unknown as DiagnosisInput;
  const f = diagnose({ input: guestsOnly, settings });
  assert.deepEqual(
    f.map((x) => [x.id, x.severity]),
    [['data.no_customers', 'critical']],
  );
  assert.match(f[0].title.en, /map the customer column/);
  // With one identified customer the rules run again.
  const one = {
    ...guestsOnly,
    metrics: { ...guestsOnly.metrics, active_customers: 1 },
  } as DiagnosisInput;
  assert.ok(!dataDiagnosis({ input: one, settings }).some((x) => x.id === 'data.no_customers'));
});

test('data.future_dates when orders are dated after the run; silent without, or in a report stored before data_quality', () => {
  const quality = (future_orders: number, future_latest: string | null) =>
    ({
      ...input(1095),
      data_quality: { future_orders, future_latest },
    }) as unknown as DiagnosisInput;
  const f = dataDiagnosis({ input: quality(2, '2062-03-04'), settings });
  assert.deepEqual(
    f.map((x) => [x.id, x.severity]),
    [['data.future_dates', 'warning']],
  );
  assert.deepEqual(f[0].evidence, { future_orders: 2, future_latest: '2062-03-04' });
  assert.match(f[0].title.en, /^2 orders dated in the future \(the latest 2062-03-04\)/);
  assert.match(f[0].title.ja, /2 件/);
  assert.deepEqual(dataDiagnosis({ input: quality(0, null), settings }), []);
  assert.deepEqual(
    dataDiagnosis({
      input: { ...input(1095), data_quality: null } as unknown as DiagnosisInput,
      settings,
    }),
    [],
  );
});
