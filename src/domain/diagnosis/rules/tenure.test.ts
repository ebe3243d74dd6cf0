// Retention by tenure against its target: 74 % into the 3rd year against 86 % (the issue's
// case) warns with its test; inside the noise of the base, or on too few customers, silence.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSettings } from '../../settings.js';
import type { DiagnosisInput } from '../input.js';
import { targetZ, tenureDiagnosis } from './tenure.js';

const settings = parseSettings({});

function run(rows: [year: number, base: number, retained: number, target: number | null][]) {
  const input = {
    as_of: '2024-12-31',
    retention_by_tenure: rows.map(([tenure_year, base, retained, target]) => ({
      tenure_year,
      base,
      retained,
      retention_rate: base ? retained / base : null,
      target,
    })),
  } as unknown as DiagnosisInput;
  return tenureDiagnosis({ input, settings });
}

test('74 % into the 3rd year against 86 % warns, naming the year, the n and the test', () => {
  // (0.74 − 0.86) / √(0.86 · 0.14 / 100) = −0.12 / 0.034699 = −3.458
  assert.ok(Math.abs(targetZ(0.74, 100, 0.86) - -3.4583) < 1e-3);
  const f = run([
    [2, 400, 280, 0.65],
    [3, 100, 74, 0.86],
  ]);
  assert.equal(f.length, 1, 'year 2 at 70 % is above its 65 % target');
  assert.equal(f[0].id, 'customer.tenure_below_target');
  assert.equal(f[0].evidence.subject, 'year_3');
  assert.equal(f[0].evidence.retention_base, 100);
  assert.match(f[0].title.ja, /3年目の顧客維持率が 74\.0% で目標 86\.0% を下回っています/);
  assert.equal(
    f[0].test.en,
    'one-proportion z-test against the target: z = −3.5 (threshold |z| ≥ 2)',
  );
});

test('silent inside the noise, on too few customers and without a target', () => {
  // 80 % of 40 against 86 %: z = −0.06 / 0.05486 = −1.09, noise.
  assert.deepEqual(run([[3, 40, 32, 0.86]]), []);
  // 0 of 20 is far below, but 20 customers are too few to judge.
  assert.deepEqual(run([[2, 20, 0, 0.65]]), []);
  // Year 4 has no target.
  assert.deepEqual(run([[4, 500, 100, null]]), []);
  // Both years clearly below: one finding each, two episodes.
  const both = run([
    [2, 500, 250, 0.65],
    [3, 300, 210, 0.86],
  ]);
  assert.deepEqual(
    both.map((x) => x.evidence.subject),
    ['year_2', 'year_3'],
  );
});
