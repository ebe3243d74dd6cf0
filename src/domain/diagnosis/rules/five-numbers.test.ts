// What the five numbers are rated against: a mail-order shop against its own history, a solo
// business of a few high-ticket clients against the seed's thresholds, and the finding says which.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSettings } from '../../settings.js';
import type { DiagnosisInput } from '../input.js';
import { SOLO_THRESHOLDS, type FiveNumbers } from '../five-numbers.js';
import { fiveNumbersBaseline, fiveNumbersDiagnosis } from './five-numbers.js';

type Month = FiveNumbers & { month: string; month_to_date: boolean };

// A month of a shop: `buyers` customers (a fifth of them new) spending `spend` each.
function month(i: number, buyers: number, spend: number, toDate = false): Month {
  const fresh = Math.round(buyers / 5);
  return {
    month: `2024-${String(i).padStart(2, '0')}`,
    month_to_date: toDate,
    total_customers: 1000 + i * 50,
    existing_customers: buyers - fresh,
    new_customers: fresh,
    existing_avg_spend: spend,
    new_avg_spend: spend * 0.8,
  };
}

function ctx(months: Month[], profile?: string) {
  const input = {
    five_numbers: months.at(-1),
    five_numbers_by_month: months,
  } as unknown as DiagnosisInput;
  return { input, settings: parseSettings(profile ? { five_numbers: { profile } } : {}) };
}

// Twelve months of a mail-order shop (about 600 buyers spending ¥8,000–9,000), then this month.
const shop = [
  ...Array.from({ length: 11 }, (_, i) => month(i + 1, 600 + i * 5, 8000 + i * 100)),
  month(12, 640, 8900, true),
];

test('by default a mail-order shop is rated against its own history, not the solo thresholds', () => {
  const b = fiveNumbersBaseline(ctx(shop));
  assert.equal(b.profile, 'history');
  assert.equal(b.months, 11, 'the complete months before this one');
  // Medians of months 1–11 by hand: the 6th month's values.
  assert.equal(b.thresholds.existing_avg_spend, 8500);
  assert.equal(b.thresholds.existing_customers, 625 - 125);
  const [f] = fiveNumbersDiagnosis(ctx(shop));
  assert.equal(f.evidence.existing_avg_spend_rating, 'high', '¥8,900 is above its own ¥8,500');
  assert.equal(f.evidence.baseline, 'history');
  assert.match(f.cause.ja, /自社の過去11か月の中央値/);
});

test('a business of a few high-ticket clients gets the seed\u2019s solo thresholds', () => {
  const solo = Array.from({ length: 6 }, (_, i) => month(i + 1, 12, 450_000));
  const b = fiveNumbersBaseline(ctx(solo));
  assert.deepEqual([b.profile, b.thresholds], ['solo', SOLO_THRESHOLDS]);
  assert.match(fiveNumbersDiagnosis(ctx(solo))[0].cause.en, /solo business/);
});

test('a short history uses the solo thresholds; custom and solo are as set', () => {
  assert.equal(fiveNumbersBaseline(ctx(shop.slice(-3))).profile, 'solo', 'two complete months');
  assert.equal(fiveNumbersBaseline(ctx(shop, 'solo')).profile, 'solo');
  const custom = parseSettings({
    five_numbers: { profile: 'custom', thresholds: { existing_avg_spend: 7000 } },
  });
  const b = fiveNumbersBaseline({ ...ctx(shop), settings: custom });
  assert.deepEqual([b.profile, b.thresholds.existing_avg_spend], ['custom', 7000]);
});
