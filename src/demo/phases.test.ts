import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planCampaigns } from './campaigns.js';
import { addMonths, Calendar, isoOfDay, parseIsoDay } from './calendar.js';
import { PRODUCTS } from './catalog.js';
import { PhaseTable } from './phases.js';
import { SCENARIO_NAMES, SCENARIOS } from './scenario.js';

test('the calendar covers whole years ending on the end date', () => {
  const cal = new Calendar('2026-10-31', 4);
  assert.equal(isoOfDay(cal.start), '2022-11-01');
  assert.equal(cal.days, 1461);
  assert.equal(cal.months, 48);
  assert.equal(cal.timestamp(cal.end, 20 * 3600 + 5 * 60 + 9), '2026-10-31 20:05:09');
  assert.equal(isoOfDay(addMonths(parseIsoDay('2024-03-31'), -1)), '2024-02-29');
  assert.ok(Number.isNaN(parseIsoDay('2026-02-30')));
});

test('a last-12-months window is exactly the last 365-day window', () => {
  const cal = new Calendar('2026-10-31', 4);
  const t = new PhaseTable(cal, SCENARIOS.acquisition_drop);
  assert.deepEqual(
    t.windows.map((w) => [isoOfDay(w.from), isoOfDay(w.to)]),
    [['2025-11-01', '2026-10-31']],
  );
  assert.equal(t.at(parseIsoDay('2025-10-31')).acquisitionMultiplier, 1);
  assert.equal(t.at(parseIsoDay('2025-11-01')).acquisitionMultiplier, 0.6);
  assert.equal(new PhaseTable(cal, SCENARIOS.healthy).phases.length, 1);
});

test('every scenario resolves to phases that cover the history without gaps', () => {
  const cal = new Calendar('2026-10-31', 2);
  for (const name of SCENARIO_NAMES) {
    const t = new PhaseTable(cal, SCENARIOS[name]);
    assert.equal(t.phases[0].startDay, cal.start, name);
    assert.equal(t.phases.at(-1)!.endDay, cal.end, name);
    for (let i = 1; i < t.phases.length; i++)
      assert.equal(t.phases[i].startDay, t.phases[i - 1].endDay + 1, name);
    if (name !== 'healthy') assert.ok(t.windows.length > 0, `${name} plants something`);
  }
});

test('catalogue and campaign texts never need CSV quoting', () => {
  assert.ok(PRODUCTS.length >= 40);
  assert.equal(new Set(PRODUCTS.map((p) => p.sku)).size, PRODUCTS.length);
  const cal = new Calendar('2026-10-31', 4);
  const plan = planCampaigns(cal, new PhaseTable(cal, SCENARIOS.healthy));
  for (const text of [...PRODUCTS.map((p) => p.name), ...plan.name])
    assert.doesNotMatch(text, /[",\n\r]/);
  assert.equal(new Set(plan.id).size, plan.count);
  // Monthly: one DM catalogue, one newsletter, one LINE message, a come-back DM every other month.
  assert.equal(plan.count, 48 * 3 + 24);
});
