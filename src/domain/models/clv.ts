// Predicted customer lifetime value as in lifetimes' customer_lifetime_value: split the horizon
// into periods, take the expected purchases of each period from a purchase-count model, value
// them at the gamma-gamma expected spend and discount each period back to today.
import type { GammaGamma } from './gamma-gamma.js';
import type { PurchaseModel } from './types.js';

export interface ClvOptions {
  /** Horizon in the model's time unit. */
  horizon: number;
  /** Length of one discounting period in the model's time unit (e.g. a month in weeks). */
  periodLength: number;
  /** Discount rate per period (0.0080 a month ≈ 10 % a year). */
  discountRate: number;
}

/** Expected purchases over the horizon, plain and discounted (counts). */
export interface PurchaseForecast {
  expected: number;
  discounted: number;
}

/**
 * Returns the expected purchases in (T, T + horizon] and their discounted sum
 * Σₖ [E(tₖ) − E(tₖ₋₁)] / (1 + d)^(tₖ / L), tₖ = min(k·L, horizon); the last period may be partial.
 */
export function forecastPurchases(
  model: PurchaseModel,
  x: number,
  tx: number,
  T: number,
  o: ClvOptions,
): PurchaseForecast {
  if (!(o.periodLength > 0)) throw new RangeError('CLV: periodLength must be > 0');
  let prev = 0;
  let discounted = 0;
  const steps = Math.ceil(o.horizon / o.periodLength - 1e-9);
  for (let k = 1; k <= steps; k++) {
    const t = Math.min(k * o.periodLength, o.horizon);
    const cum = model.expectedPurchases(t, x, tx, T);
    discounted += (cum - prev) / Math.pow(1 + o.discountRate, t / o.periodLength);
    prev = cum;
  }
  return { expected: prev, discounted };
}

/** Returns the predicted CLV of one customer (currency): expected spend × discounted purchases. */
export function customerLifetimeValue(
  model: PurchaseModel,
  spend: GammaGamma,
  customer: { frequency: number; recency: number; T: number; monetary: number },
  o: ClvOptions,
): number {
  const { discounted } = forecastPurchases(
    model,
    customer.frequency,
    customer.recency,
    customer.T,
    o,
  );
  return spend.expectedSpend(customer.frequency, customer.monetary) * discounted;
}

/** Returns the rate per period equivalent to an annual rate, for periods of `periodDays` days. */
export function periodDiscountRate(annualRate: number, periodDays: number): number {
  return Math.pow(1 + annualRate, periodDays / 365.25) - 1;
}
