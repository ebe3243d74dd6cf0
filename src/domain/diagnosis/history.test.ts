// Episodes of findings across checkup dates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingEpisodes, findingKey, newFindingKeys, type StoredFinding } from './history.js';

const t = { ja: 'x', en: 'x' };
const F = (
  as_of: string,
  id: string,
  severity: StoredFinding['severity'] = 'warning',
): StoredFinding => ({ as_of, key: id, id, severity, title: t });

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
  assert.deepEqual(newFindingKeys(dates, found, '2024-01-03'), []);
  assert.deepEqual(newFindingKeys(dates, found, '2024-01-05'), ['list.active_decline']);
});

test('a change of subject ends one episode and begins another', () => {
  // The weakest mechanism was referral on 01-01 and 01-02, retention from 01-03.
  const weakest = (as_of: string, subject: string): StoredFinding => {
    const f = { id: 'mechanisms.weakest_link', evidence: { subject } };
    return { as_of, key: findingKey(f), id: f.id, severity: 'warning', title: t };
  };
  const dates = ['2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04'];
  const found = [
    weakest('2024-01-01', 'referral'),
    weakest('2024-01-02', 'referral'),
    weakest('2024-01-03', 'retention'),
    weakest('2024-01-04', 'retention'),
  ];
  assert.deepEqual(
    findingEpisodes(dates, found).map((e) => [e.key, e.began, e.ended]),
    [
      ['mechanisms.weakest_link:referral', '2024-01-01', '2024-01-03'],
      ['mechanisms.weakest_link:retention', '2024-01-03', null],
    ],
  );
  assert.deepEqual(newFindingKeys(dates, found, '2024-01-03'), [
    'mechanisms.weakest_link:retention',
  ]);
  assert.equal(
    findingKey({ id: 'list.active_decline', evidence: { active_customers: 3 } }),
    'list.active_decline',
  );
});
