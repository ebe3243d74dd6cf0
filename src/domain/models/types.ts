// The shapes every customer-base model shares. Data are columnar (one array a field), as the
// store reads them from DuckDB, and may be per customer or per distinct (frequency, recency,
// T) triple with a weight: the number of customers who share it.

/** Calibration summaries (SPEC §7), all times in one unit (days or weeks). */
export interface RfmData {
  /** Repeat purchase days: purchase days after the first. */
  frequency: ArrayLike<number>;
  /** Time from the first to the last purchase (0 when frequency is 0). */
  recency: ArrayLike<number>;
  /** Time from the first purchase to the end of calibration. */
  T: ArrayLike<number>;
  /** Customers sharing the row; 1 each when absent. */
  weight?: ArrayLike<number>;
}

/** Spend summaries for gamma-gamma: customers with at least one repeat purchase. */
export interface SpendData {
  /** Repeat purchase days (> 0). */
  frequency: ArrayLike<number>;
  /** Mean spend of the repeat purchase days (> 0, currency units). */
  monetary: ArrayLike<number>;
  weight?: ArrayLike<number>;
}

export interface FitOptions {
  /** L2 penalty on the parameters, as lifetimes' penalizer_coef. Default 0. */
  penalizer?: number;
  maxIterations?: number;
  /** On the mean log-likelihood per customer, in log-parameter space. Default 1e-7. */
  gradientTolerance?: number;
  /** Starting values by parameter name (defaults are data-driven guesses). */
  initial?: Record<string, number>;
}

/** How the maximum-likelihood fit went. */
export interface FitInfo {
  /** Asymptotic standard error of each parameter (from the Hessian, mle.ts); null where it has none. */
  standardErrors: Record<string, number | null>;
  /** Total log-likelihood over all customers (weights included), without the penalty. */
  logLikelihood: number;
  converged: boolean;
  message: string;
  iterations: number;
  evaluations: number;
  /** Largest gradient component of the mean negative log-likelihood in log-parameter space. */
  gradientNorm: number;
  /** Customers (sum of weights) and rows the fit saw. */
  customers: number;
  rows: number;
}

/** What CLV and holdout validation need from a purchase-count model (BG/NBD, Pareto/NBD). */
export interface PurchaseModel {
  /** Returns P(customer still alive at T | x, t_x, T), in [0, 1]. */
  probabilityAlive(x: number, tx: number, T: number): number;
  /** Returns the expected repeat purchases in (T, T + t] given x, t_x, T (count). */
  expectedPurchases(t: number, x: number, tx: number, T: number): number;
  /** Returns the expected repeat purchases of a new customer in (0, t] (count). */
  expectedPurchasesNew(t: number): number;
}
