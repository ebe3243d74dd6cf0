// The backtest's episodes and lead times from hand-made days.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarizeBacktest, type BacktestDay } from './backtest.js';

const day = (
  as_of: string,
  findings: BacktestDay['findings'],
  revenue = 100,
  prev = 90,
): BacktestDay => ({ as_of, findings, annual_revenue: revenue, annual_revenue_prev_year: prev });
const f = (
  id: string,
  severity: 'info' | 'warning' | 'critical',
  subject?: string,
): BacktestDay['findings'][number] => ({
  id,
  severity,
  evidence: subject ? { subject } : {},
});

test('an episode gets one entry per severity it reached, each from the first day at that level or above', () => {
  const s = summarizeBacktest([
    day('2024-01-03', [f('list.active_decline', 'critical')]),
    day('2024-01-01', [f('list.active_decline', 'info')]),
    day('2024-01-02', [f('list.active_decline', 'warning')]),
    day('2024-01-04', [f('list.active_decline', 'warning')]),
    day('2024-01-05', []),
    day('2024-01-06', [f('list.active_decline', 'warning')]),
  ]);
  assert.deepEqual([s.from, s.to, s.days], ['2024-01-01', '2024-01-06', 6]);
  assert.deepEqual(
    s.episodes.map((e) => [e.severity, e.start, e.end]),
    [
      ['info', '2024-01-01', '2024-01-05'],
      ['warning', '2024-01-02', '2024-01-05'],
      ['critical', '2024-01-03', '2024-01-05'],
      ['info', '2024-01-06', null],
      ['warning', '2024-01-06', null],
    ],
  );
});

test('a change of subject is another problem', () => {
  const s = summarizeBacktest([
    day('2024-01-01', [f('mechanisms.weakest_link', 'warning', 'referral')]),
    day('2024-01-02', [f('mechanisms.weakest_link', 'warning', 'retention')]),
  ]);
  assert.deepEqual(
    s.episodes.filter((e) => e.severity === 'warning').map((e) => [e.key, e.start, e.end]),
    [
      ['mechanisms.weakest_link:referral', '2024-01-01', '2024-01-02'],
      ['mechanisms.weakest_link:retention', '2024-01-02', null],
    ],
  );
});

test('lead time: from the active-customer warning to the day revenue began to fall', () => {
  const warn = [f('list.active_decline', 'warning')];
  const s = summarizeBacktest([
    day('2024-03-01', warn),
    day('2024-03-02', warn),
    day('2024-03-05', warn, 100, 100),
    day('2024-04-10', warn, 95, 100),
    day('2024-04-11', warn, 94, 100),
  ]);
  assert.deepEqual(s.lead_times, [
    { warning: '2024-03-01', revenue_fall: '2024-04-10', lead_days: 40 },
  ]);
  // Revenue already falling before the warning: the lead is negative.
  const late = summarizeBacktest([
    day('2024-03-01', [], 95, 100),
    day('2024-03-02', warn, 94, 100),
  ]);
  assert.equal(late.lead_times[0].lead_days, -1);
  // No fall within the range.
  assert.equal(summarizeBacktest([day('2024-03-01', warn)]).lead_times[0].revenue_fall, null);
});
