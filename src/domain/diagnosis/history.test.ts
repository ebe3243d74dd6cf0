// Episodes of findings across checkup dates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingEpisodes, newFindingIds, type StoredFinding } from './history.js';

const t = { ja: 'x', en: 'x' };
const F = (as_of: string, id: string, severity: StoredFinding['severity'] = 'warning'): StoredFinding => ({ as_of, id, severity, title: t });

test('a finding opens, worsens, closes and reopens', () => {
  const dates = ['2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05'];
  const found = [
    F('2024-01-02', 'list.active_decline'),
    F('2024-01-03', 'list.active_decline', 'critical'),
    F('2024-01-05', 'list.active_decline'),
    F('2024-01-01', 'distribution.too_few', 'info'),
  ];
  const e = findingEpisodes(dates, found);
  assert.deepEqual(
    e.map((x) => [x.id, x.began, x.ended, x.last_seen, x.severity]),
    [
      ['distribution.too_few', '2024-01-01', '2024-01-02', '2024-01-01', 'info'],
      ['list.active_decline', '2024-01-02', '2024-01-04', '2024-01-03', 'critical'],
      ['list.active_decline', '2024-01-05', null, '2024-01-05', 'warning'],
    ],
  );
  assert.deepEqual(newFindingIds(dates, found, '2024-01-03'), []);
  assert.deepEqual(newFindingIds(dates, found, '2024-01-05'), ['list.active_decline']);
});
