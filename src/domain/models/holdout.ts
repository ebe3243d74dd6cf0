// Holdout validation as in Fader, Hardie & Lee (2005), Figure 4: fit on a calibration period,
// then compare, per calibration frequency, the mean purchases customers actually made in the
// holdout period with the mean the model expected.
import { weightAt } from './data.js';
import type { PurchaseModel, RfmData } from './types.js';

/** Calibration summaries with the holdout purchases, summed over each row's customers. */
export interface HoldoutData extends RfmData {
  holdout: ArrayLike<number>;
}

export interface HoldoutRow {
  /** Calibration frequency: '0' … '6', then '7+' (the last group's label ends in '+'). */
  frequency: string;
  customers: number;
  /** Mean repeat purchases in the holdout per customer: actual and model-expected (counts). */
  actual: number;
  predicted: number;
}

export interface HoldoutTable {
  rows: HoldoutRow[];
  total: HoldoutRow;
}

/** Returns the holdout table by frequency group 0 … lastGroup−1 and lastGroup+ (means per customer). */
export function holdoutTable(
  model: PurchaseModel,
  data: HoldoutData,
  holdoutLength: number,
  lastGroup = 7,
): HoldoutTable {
  const customers = new Float64Array(lastGroup + 1);
  const actual = new Float64Array(lastGroup + 1);
  const predicted = new Float64Array(lastGroup + 1);
  for (let i = 0; i < data.frequency.length; i++) {
    const x = data.frequency[i];
    const w = weightAt(data, i);
    const g = Math.min(x, lastGroup);
    customers[g] += w;
    actual[g] += data.holdout[i];
    predicted[g] += w * model.expectedPurchases(holdoutLength, x, data.recency[i], data.T[i]);
  }
  const row = (label: string, n: number, a: number, p: number): HoldoutRow => ({
    frequency: label,
    customers: n,
    actual: n > 0 ? a / n : 0,
    predicted: n > 0 ? p / n : 0,
  });
  const rows: HoldoutRow[] = [];
  for (let g = 0; g <= lastGroup; g++) {
    rows.push(row(g === lastGroup ? `${g}+` : String(g), customers[g], actual[g], predicted[g]));
  }
  const sum = (v: Float64Array): number => v.reduce((s, t) => s + t, 0);
  return { rows, total: row('all', sum(customers), sum(actual), sum(predicted)) };
}

/**
 * Returns, for each time t of `times` (model units after the calibration end), the expected
 * repeat purchases of all customers of `data` in (T, T + t] — the "expected" line of a tracking
 * plot of the holdout, conditional on each customer's calibration history (counts, summed over
 * the weights).
 */
export function expectedCumulative(
  model: PurchaseModel,
  data: RfmData,
  times: readonly number[],
): number[] {
  const out = times.map(() => 0);
  for (let i = 0; i < data.frequency.length; i++) {
    const w = weightAt(data, i);
    for (let k = 0; k < times.length; k++)
      out[k] +=
        w * model.expectedPurchases(times[k], data.frequency[i], data.recency[i], data.T[i]);
  }
  return out;
}
