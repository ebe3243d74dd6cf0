// SPEC's identities on a generated business imported through the real importer, at several
// as-of dates, and the report's sections agreeing with each other.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generatedBusiness } from './helpers/business.js';
import { coreMetrics } from '../src/store/metrics/core.js';
import { parseSettings } from '../src/domain/settings.js';
import { addDays } from '../src/domain/dates.js';

test('identities hold on generated data; the sections agree', async () => {
  const { store, report } = await generatedBusiness('healthy', 2500, 5);
  const settings = parseSettings({});
  const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) < 1e-6 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);
  for (const back of [0, 45, 200, 400]) {
    const asOf = addDays(report.as_of, -back);
    const m = await coreMetrics({ conn: store.conn, asOf, settings });
    const prev = await coreMetrics({ conn: store.conn, asOf: addDays(asOf, -365), settings });
    const f = m.flows;
    assert.ok(m.active_customers > 100, 'a business of some size');
    assert.equal(m.active_customers, f.new + f.retained + f.reactivated, `A = new + retained + reactivated on ${asOf}`);
    assert.equal(m.active_customers - prev.active_customers, f.new + f.reactivated - f.churned, `ΔA identity on ${asOf}`);
    assert.equal(m.retention_base, prev.active_customers);
    close(m.annual_ltv! * m.active_customers, m.annual_revenue, `Rev = L × A on ${asOf}`);
  }
  const m = report.metrics;
  const last = report.series[report.series.length - 1];
  assert.equal(last.date, report.as_of);
  assert.equal(last.active_customers, m.active_customers);
  close(last.trailing_revenue, m.annual_revenue, 'series revenue');
  assert.equal(report.series[report.series.length - 366].active_customers, report.metrics_prev_year.active_customers);
  // projection year 0 is today
  const p = report.projection;
  assert.equal(p.inputs.by_tenure.reduce((s, t) => s + t.active_customers, 0), m.active_customers);
  close(p.inputs.by_tenure.reduce((s, t) => s + t.revenue, 0), m.annual_revenue, 'revenue by tenure');
  close(p.years[0].active_customers, m.active_customers, 'projection year 0');
  assert.equal(p.inputs.new_customers_last_year, m.flows.new);
  // Contacts per active customer: the overview's (core) and the distribution page's are one number.
  const d = report.distribution;
  assert.ok(m.contacts > 0, 'the business has contacts');
  assert.equal(d.contacts, m.contacts);
  assert.equal(d.active_customers, m.active_customers);
  assert.equal(d.contacts_per_active, m.contacts_per_active);
  for (const c of d.by_channel)
    assert.equal(c.contacts_per_active, m.contacts_per_active_by_channel[c.channel], c.channel);
  // RFM and the ladder count the same customers
  const rfmTotal = report.rfm.segments.reduce((s, x) => s + x.customers, 0);
  assert.equal(rfmTotal, report.rfm.customers);
  assert.equal(report.ladder.customers, report.rfm.customers);
  const buyers = report.ladder.levels.filter((l) => l.level >= 1).reduce((s, l) => s + l.people, 0);
  assert.equal(buyers, report.rfm.customers);
  // churn breakdown covers the whole base
  assert.equal(report.churn_breakdown.by_channel.reduce((s, r) => s + r.base, 0), m.retention_base);
  assert.equal(report.churn_breakdown.by_channel.reduce((s, r) => s + r.churned, 0), m.flows.churned);
  // the five numbers of the month sum to the month's revenue
  const five = report.five_numbers;
  close((five.existing_avg_spend ?? 0) * five.existing_customers + (five.new_avg_spend ?? 0) * five.new_customers, five.revenue, 'five numbers');
});
