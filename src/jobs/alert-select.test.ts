import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decorate, selectNewAlerts } from './alert-select.js';
import type { StoredFinding } from '../domain/diagnosis/history.js';
import type { Finding, Severity } from '../domain/diagnosis/types.js';

const T = { ja: 't', en: 't' };
const stored = (as_of: string, id: string, severity: Severity): StoredFinding => ({
  as_of,
  key: id,
  id,
  severity,
  title: T,
});
const finding = (id: string, severity: Severity): Finding => ({
  id,
  severity,
  title: T,
  evidence: {},
  test: T,
  cause: T,
  action: T,
});

test('a warning new today is alerted; one open since yesterday is not', () => {
  const dates = ['2024-06-14', '2024-06-15'];
  const history = [
    stored('2024-06-14', 'a', 'warning'),
    stored('2024-06-15', 'a', 'warning'),
    stored('2024-06-15', 'b', 'warning'),
  ];
  const out = selectNewAlerts(
    dates,
    history,
    [finding('a', 'warning'), finding('b', 'warning')],
    '2024-06-15',
    'warning',
  );
  assert.deepEqual(
    out.map((f) => f.id),
    ['b'],
  );
});

test('info findings are never alerted; info growing into a warning is', () => {
  const dates = ['2024-06-14', '2024-06-15'];
  const history = [
    stored('2024-06-14', 'a', 'info'),
    stored('2024-06-15', 'a', 'warning'),
    stored('2024-06-15', 'i', 'info'),
  ];
  const out = selectNewAlerts(
    dates,
    history,
    [finding('a', 'warning'), finding('i', 'info')],
    '2024-06-15',
    'warning',
  );
  assert.deepEqual(
    out.map((f) => f.id),
    ['a'],
  );
});

test('a warning that became critical is alerted again; with min critical, warnings are silent', () => {
  const dates = ['2024-06-14', '2024-06-15'];
  const history = [
    stored('2024-06-14', 'a', 'warning'),
    stored('2024-06-15', 'a', 'critical'),
    stored('2024-06-15', 'w', 'warning'),
  ];
  const today = [finding('a', 'critical'), finding('w', 'warning')];
  assert.deepEqual(
    selectNewAlerts(dates, history, today, '2024-06-15', 'warning').map((f) => f.id),
    ['a', 'w'],
  );
  assert.deepEqual(
    selectNewAlerts(dates, history, today, '2024-06-15', 'critical').map((f) => f.id),
    ['a'],
  );
});

test('a problem that ended and came back is a new episode, alerted again', () => {
  const dates = ['2024-06-13', '2024-06-14', '2024-06-15'];
  const history = [stored('2024-06-13', 'a', 'warning'), stored('2024-06-15', 'a', 'warning')];
  assert.deepEqual(
    selectNewAlerts(dates, history, [finding('a', 'warning')], '2024-06-15', 'warning').map(
      (f) => f.id,
    ),
    ['a'],
  );
});

test('decorate gives the day each open problem began and marks the new ones', () => {
  const dates = ['2024-06-14', '2024-06-15'];
  const history = [
    stored('2024-06-14', 'a', 'warning'),
    stored('2024-06-15', 'a', 'warning'),
    stored('2024-06-15', 'b', 'critical'),
  ];
  const today = [finding('b', 'critical'), finding('a', 'warning')];
  const out = decorate(dates, history, today, [today[0]], '2024-06-15');
  assert.deepEqual(
    out.map((f) => [f.id, f.began, f.new]),
    [
      ['b', '2024-06-15', true],
      ['a', '2024-06-14', false],
    ],
  );
});
