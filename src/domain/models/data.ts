// Checking and compressing calibration summaries before a fit. Models are fitted on distinct
// (frequency, recency, T) triples with weights, so a million customers cost what their few
// hundred thousand (or, with whole days, far fewer) distinct histories cost.
import type { RfmData, SpendData } from './types.js';

/** Returns the weight of row i (1 when the data carry no weights). */
export function weightAt(data: { weight?: ArrayLike<number> }, i: number): number {
  return data.weight ? data.weight[i] : 1;
}

/** Returns the sum of the weights (customers). */
export function totalWeight(data: {
  frequency: ArrayLike<number>;
  weight?: ArrayLike<number>;
}): number {
  if (!data.weight) return data.frequency.length;
  let s = 0;
  for (let i = 0; i < data.weight.length; i++) s += data.weight[i];
  return s;
}

/** Throws a RangeError naming the first row that is not a valid summary; returns nothing. */
export function validateRfm(data: RfmData): void {
  const n = data.frequency.length;
  if (
    data.recency.length !== n ||
    data.T.length !== n ||
    (data.weight && data.weight.length !== n)
  ) {
    throw new RangeError('RFM data: frequency, recency, T (and weight) must have the same length');
  }
  if (n === 0) throw new RangeError('RFM data: no customers');
  for (let i = 0; i < n; i++) {
    const x = data.frequency[i];
    const tx = data.recency[i];
    const T = data.T[i];
    const w = weightAt(data, i);
    const ok =
      Number.isInteger(x) &&
      x >= 0 &&
      tx >= 0 &&
      T >= 0 &&
      tx <= T * (1 + 1e-12) &&
      (x > 0 || tx === 0) &&
      w >= 0;
    if (!ok)
      throw new RangeError(
        `RFM data row ${i}: invalid (frequency ${x}, recency ${tx}, T ${T}, weight ${w})`,
      );
  }
}

/** Throws a RangeError naming the first invalid spend row; returns nothing. */
export function validateSpend(data: SpendData): void {
  const n = data.frequency.length;
  if (data.monetary.length !== n || (data.weight && data.weight.length !== n)) {
    throw new RangeError('spend data: frequency, monetary (and weight) must have the same length');
  }
  if (n === 0) throw new RangeError('spend data: no customers with repeat purchases');
  for (let i = 0; i < n; i++) {
    if (!(data.frequency[i] > 0 && data.monetary[i] > 0 && weightAt(data, i) >= 0)) {
      throw new RangeError(`spend data row ${i}: frequency and monetary must be > 0`);
    }
  }
}

/** Distinct triples with weights, as typed arrays. */
export interface Triples extends RfmData {
  frequency: Float64Array;
  recency: Float64Array;
  T: Float64Array;
  weight: Float64Array;
}

/**
 * Returns the distinct (frequency, recency, T) triples with summed weights, times rounded to
 * multiples of `resolution` first (0 = exact). Rounding to a day is what stored data have anyway.
 */
export function aggregateTriples(data: RfmData, resolution = 0): Triples {
  const round = (v: number): number =>
    resolution > 0 ? Math.round(v / resolution) * resolution : v;
  const index = new Map<number | string, number>();
  const x: number[] = [];
  const tx: number[] = [];
  const T: number[] = [];
  const w: number[] = [];
  for (let i = 0; i < data.frequency.length; i++) {
    const rT = round(data.T[i]);
    const rtx = Math.min(round(data.recency[i]), rT);
    const key = tripleKey(data.frequency[i], rtx, rT, resolution);
    const at = index.get(key);
    if (at === undefined) {
      index.set(key, x.length);
      x.push(data.frequency[i]);
      tx.push(rtx);
      T.push(rT);
      w.push(weightAt(data, i));
    } else {
      w[at] += weightAt(data, i);
    }
  }
  return {
    frequency: Float64Array.from(x),
    recency: Float64Array.from(tx),
    T: Float64Array.from(T),
    weight: Float64Array.from(w),
  };
}

// A number key (much faster in a Map) when the triple packs into 53 bits, else a string.
function tripleKey(x: number, tx: number, T: number, resolution: number): number | string {
  if (resolution > 0 && x < 8192) {
    const a = Math.round(tx / resolution);
    const b = Math.round(T / resolution);
    if (b < 1048576) return (x * 1048576 + a) * 1048576 + b;
  }
  return `${x}|${tx}|${T}`;
}
