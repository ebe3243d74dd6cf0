import { test } from 'node:test';
import assert from 'node:assert/strict';
import { auditMonths } from './audit.js';

test('audit months end with the month of D', () => {
  assert.deepEqual(auditMonths('2023-12-31', 24), {
    first: '2022-01-01',
    from_month: '2022-01',
    to_month: '2023-12',
  });
  assert.deepEqual(auditMonths('2024-03-05', 1), {
    first: '2024-03-01',
    from_month: '2024-03',
    to_month: '2024-03',
  });
});
