// The P(alive) × frequency/recency matrix of the customer value page: customers grouped by their
// repeat purchases and the days since their last purchase, with the mean P(alive) of each cell.
// It shows what the model does with the history a customer has: many purchases and a long
// silence read as "probably gone", one purchase and the same silence does not (a one-time buyer
// has given the model no interval to be late against, docs/models.md).

/** Repeat-purchase bins: 0, 1, 2, 3–4, 5–9, 10+ (to = null: no upper end). */
export const FREQUENCY_BINS: readonly { from: number; to: number | null }[] = [
  { from: 0, to: 0 },
  { from: 1, to: 1 },
  { from: 2, to: 2 },
  { from: 3, to: 4 },
  { from: 5, to: 9 },
  { from: 10, to: null },
];

/** Days-since-last-purchase bins: within 3 months, 6 months, a year, two years, beyond. */
export const SILENCE_BINS: readonly { from: number; to: number | null }[] = [
  { from: 0, to: 90 },
  { from: 91, to: 180 },
  { from: 181, to: 365 },
  { from: 366, to: 730 },
  { from: 731, to: null },
];

export interface PAliveCell {
  frequency_from: number;
  frequency_to: number | null;
  days_from: number;
  days_to: number | null;
  customers: number;
  /** Mean P(alive) of the cell's customers; null for an empty cell. */
  mean_p_alive: number | null;
}

/** Distinct customer histories with their weights (customers) and P(alive) per history. */
export interface MatrixInput {
  frequency: ArrayLike<number>;
  /** Days from the first purchase to the last, and to D. */
  recency_days: ArrayLike<number>;
  t_days: ArrayLike<number>;
  weight: ArrayLike<number>;
  pAlive: ArrayLike<number>;
}

const binOf = (bins: readonly { from: number; to: number | null }[], x: number) =>
  bins.findIndex((b) => x >= b.from && (b.to === null || x <= b.to));

/** Returns every cell, frequency bins outer and silence bins inner, empty ones with null. */
export function pAliveMatrix(input: MatrixInput): PAliveCell[] {
  const cols = SILENCE_BINS.length;
  const customers = new Array<number>(FREQUENCY_BINS.length * cols).fill(0);
  const sum = new Array<number>(customers.length).fill(0);
  for (let i = 0; i < input.weight.length; i++) {
    const f = binOf(FREQUENCY_BINS, input.frequency[i]);
    const s = binOf(SILENCE_BINS, input.t_days[i] - input.recency_days[i]);
    if (f < 0 || s < 0) continue;
    const w = input.weight[i];
    customers[f * cols + s] += w;
    sum[f * cols + s] += w * input.pAlive[i];
  }
  return FREQUENCY_BINS.flatMap((fb, f) =>
    SILENCE_BINS.map((sb, s) => {
      const k = f * cols + s;
      return {
        frequency_from: fb.from,
        frequency_to: fb.to,
        days_from: sb.from,
        days_to: sb.to,
        customers: customers[k],
        mean_p_alive: customers[k] ? sum[k] / customers[k] : null,
      };
    }),
  );
}
