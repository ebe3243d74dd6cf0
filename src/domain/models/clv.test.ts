import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BgNbd } from './bgnbd.js';
import { customerLifetimeValue, forecastPurchases, periodDiscountRate } from './clv.js';
import { GammaGamma } from './gamma-gamma.js';
import type { PurchaseModel } from './types.js';

// A customer who buys c times per unit forever: expected purchases grow linearly.
function constantRate(c: number): PurchaseModel {
  return {
    probabilityAlive: () => 1,
    expectedPurchases: (t) => c * t,
    expectedPurchasesNew: (t) => c * t,
  };
}

test('discounting: each period valued at (1 + d)^-k, a partial last period at its end time', () => {
  const model = constantRate(2);
  const whole = forecastPurchases(model, 0, 0, 10, {
    horizon: 3,
    periodLength: 1,
    discountRate: 0.1,
  });
  assert.ok(Math.abs(whole.expected - 6) < 1e-12);
  assert.ok(Math.abs(whole.discounted - (2 / 1.1 + 2 / 1.1 ** 2 + 2 / 1.1 ** 3)) < 1e-12);
  const partial = forecastPurchases(model, 0, 0, 10, {
    horizon: 2.5,
    periodLength: 1,
    discountRate: 0.1,
  });
  assert.ok(Math.abs(partial.discounted - (2 / 1.1 + 2 / 1.1 ** 2 + 1 / 1.1 ** 2.5)) < 1e-12);
  const flat = forecastPurchases(model, 0, 0, 10, {
    horizon: 2.5,
    periodLength: 1,
    discountRate: 0,
  });
  assert.equal(flat.discounted, flat.expected);
});

test('an annual rate becomes the equivalent rate per period', () => {
  assert.ok(Math.abs(periodDiscountRate(0.1, 365.25) - 0.1) < 1e-15);
  assert.ok(Math.abs((1 + periodDiscountRate(0.1, 365.25 / 12)) ** 12 - 1.1) < 1e-12);
});

test('CLV = expected spend × discounted expected purchases (CDNOW customer 1, 12 months at 1 %/month)', () => {
  const bg = new BgNbd({ r: 0.242593, alpha: 4.413532, a: 0.792886, b: 2.425752 });
  const gg = new GammaGamma({ p: 6.248803, q: 3.744588, gamma: 15.447747 });
  const o = { horizon: 52, periodLength: 52 / 12, discountRate: 0.01 };
  const customer = { frequency: 2, recency: 30.43, T: 38.86, monetary: 22.35 };
  const clv = customerLifetimeValue(bg, gg, customer, o);
  // By hand: the same sum written out month by month.
  let sum = 0;
  for (let k = 1; k <= 12; k++) {
    const d =
      bg.expectedPurchases((k * 52) / 12, 2, 30.43, 38.86) -
      bg.expectedPurchases(((k - 1) * 52) / 12, 2, 30.43, 38.86);
    sum += (gg.expectedSpend(2, 22.35) * d) / 1.01 ** k;
  }
  assert.ok(Math.abs(clv - sum) < 1e-9);
  assert.ok(
    clv > 0 && clv < gg.expectedSpend(2, 22.35) * bg.expectedPurchases(52, 2, 30.43, 38.86),
  );
});
