// Issue 4's acceptance: for each rule, a generated business with that problem planted fires
// it with the right cause; the healthy business fires no warning or critical finding.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generatedBusiness } from './helpers/business.js';
import type { ScenarioName } from '../src/demo/scenario.js';
import { closeStore } from '../src/store/db.js';

const PLANTED: [ScenarioName, string, RegExp][] = [
  ['active_decline', 'list.active_decline', /Revenue still grows/],
  ['acquisition_drop', 'customer.acquisition_drop', /Fewer customers are acquired/],
  ['retention_drop', 'customer.retention_drop', /did not buy again/],
  ['reactivation_drop', 'customer.reactivation_drop', /Lapsed customers no longer come back/],
  ['frequency_drop', 'purchase.frequency_drop', /buy less often/],
  ['overdue_rise', 'purchase.overdue_rise', /past their usual purchase interval/],
  ['discount_cohort_weak', 'purchase.discount_cohort_weak', /came for the discount/],
  ['discount_trap', 'purchase.discount_early_weak', /more slowly than the others/],
  ['distribution_too_few', 'distribution.too_few', /hear too little/],
  ['distribution_too_many', 'distribution.too_many', /Too many mailings/],
  ['distribution_concentrated', 'distribution.concentrated', /go to the top customers/],
  ['unrecovered_cost', 'audit.unrecovered_cost', /churned before repaying/],
];

test('a healthy business fires no warning or critical finding', async () => {
  const { store, report } = await generatedBusiness('healthy');
  closeStore(store);
  const loud = report.findings.filter((f) => f.severity !== 'info');
  assert.deepEqual(loud.map((f) => f.id), []);
});

for (const [scenario, id, cause] of PLANTED) {
  test(`${scenario} fires ${id} with its cause`, async () => {
    const { store, report } = await generatedBusiness(scenario);
    closeStore(store);
    const f = report.findings.find((x) => x.id === id);
    assert.ok(f, `${id} not among ${report.findings.map((x) => x.id).join(', ')}`);
    assert.notEqual(f.severity, 'info');
    assert.match(f.cause.en, cause);
    assert.ok(f.cause.ja.length > 10 && f.action.ja.length > 10 && f.action.en.length > 10);
  });
}
