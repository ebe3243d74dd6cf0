// Detection delays (issue 14): businesses with a problem planted from a known onset are
// backtested over the days after it, and the right finding must fire within the delay stated
// for its rule in docs/diagnoses.md; a healthy business raises no warning on any backtested day
// over two years. Days are sampled weekly (a day costs a full checkup), so a delay is measured
// to within 7 days. Small businesses (2,000 customers) keep the whole file to a few minutes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generatedBusiness } from './helpers/business.js';
import { closeStore } from '../src/store/db.js';
import { loadSettings } from '../src/store/settings-store.js';
import { runBacktest } from '../src/jobs/backtest.js';
import { addDays } from '../src/domain/dates.js';
import type { ScenarioName } from '../src/demo/scenario.js';

const CUSTOMERS = 2000;
const EVERY = 7;
const END = '2026-10-31'; // the demo's end date

/** scenario, its onset (first day of its window), the finding, the largest delay allowed in days. */
const PLANTED: [ScenarioName, string, string, number][] = [
  ['retention_drop', '2025-11-01', 'customer.retention_drop', 120],
  ['acquisition_drop', '2025-11-01', 'customer.acquisition_drop', 150],
  ['discount_trap', '2026-05-01', 'purchase.discount_early_weak', 90],
  ['distribution_concentrated', '2025-11-01', 'distribution.concentrated', 190],
  ['distribution_too_many', '2025-11-01', 'distribution.too_many', 160],
];

const days = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 86_400_000;

for (const [scenario, onset, id, bound] of PLANTED) {
  test(`${scenario}: ${id} fires within ${bound} days of the onset ${onset}`, async (t) => {
    const { store } = await generatedBusiness(scenario, CUSTOMERS);
    try {
      // Sampled days are the onset + 7k (the replay ends on `to`), up to the bound.
      const to = addDays(onset, EVERY * Math.floor(bound / EVERY));
      const s = await runBacktest(store.conn, await loadSettings(store.conn), onset, to, {
        every: EVERY,
      });
      const first = s.episodes
        .filter((e) => e.id === id && e.severity !== 'info')
        .map((e) => e.start)
        .sort()[0];
      t.diagnostic(
        `first ${id}: ${first ?? 'none'}; delay ${first ? days(onset, first) : '—'} days; ${s.seconds_per_day.toFixed(2)} s a day`,
      );
      assert.ok(first, `${id} never fired in ${onset} … ${to}`);
      assert.ok(days(onset, first) <= bound);
    } finally {
      closeStore(store);
    }
  });
}

test('healthy: no warning on any backtested day over two years', async (t) => {
  const { store } = await generatedBusiness('healthy', CUSTOMERS);
  try {
    const s = await runBacktest(
      store.conn,
      await loadSettings(store.conn),
      addDays(END, -729),
      END,
      {
        every: EVERY,
      },
    );
    const loud = s.episodes.filter((e) => e.severity !== 'info');
    t.diagnostic(
      `${s.days} days backtested, ${loud.length} warning episodes (${loud.map((e) => `${e.key} ${e.start} → ${e.end}`).join(', ')}); ${s.seconds_per_day.toFixed(2)} s a day`,
    );
    // None at all: the audit's one false alarm went when its share had to be beyond the noise
    // of the channel's new customers (docs/diagnoses.md, "False alarms").
    assert.deepEqual(
      loud.map((e) => e.key),
      [],
      loud.map((e) => `${e.start} ${e.key}`).join(', '),
    );
  } finally {
    closeStore(store);
  }
});
