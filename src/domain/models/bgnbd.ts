// BG/NBD (Fader, Hardie & Lee 2005, "Counting Your Customers the Easy Way"): while alive a
// customer buys as a Poisson process with rate λ ~ gamma(r, α); after each repeat purchase
// they drop out with probability p ~ beta(a, b). Likelihood eq. (6), P(alive) eq. (13),
// conditional expectation eq. (10), all in log space where they could overflow.
import betaln from '@stdlib/math-base-special-betaln';
import digamma from '@stdlib/math-base-special-digamma';
import gammaln from '@stdlib/math-base-special-gammaln';
import hyp2f1 from '@stdlib/math-base-special-hyp2f1';
import { validateRfm, weightAt } from './data.js';
import { fitPositive, withGradient, type Likelihood } from './mle.js';
import type { FitInfo, FitOptions, PurchaseModel, RfmData } from './types.js';

export interface BgNbdParams {
  /** Shape of the purchase-rate gamma. */
  r: number;
  /** Rate (scale in time units) of the purchase-rate gamma. */
  alpha: number;
  /** Beta parameters of the drop-out probability. */
  a: number;
  b: number;
}

const NAMES = ['r', 'alpha', 'a', 'b'] as const;

/** A BG/NBD model with known parameters; times in the unit the parameters were fitted in. */
export class BgNbd implements PurchaseModel {
  constructor(readonly params: BgNbdParams) {}

  /** Returns the maximum-likelihood model for `data` and how the fit went. */
  static fit(data: RfmData, options: FitOptions = {}): { model: BgNbd; info: FitInfo } {
    validateRfm(data);
    const lik = bgNbdLikelihood(data);
    const { params, info } = fitPositive(NAMES, bgNbdStartValues(data), lik, options);
    return { model: new BgNbd(params), info };
  }

  /** Returns the total log-likelihood of `data` under these parameters. */
  logLikelihood(data: RfmData): number {
    const { r, alpha, a, b } = this.params;
    return bgNbdLikelihood(data).logLikelihood(Float64Array.from([r, alpha, a, b]));
  }

  /** Returns P(alive at T | x, t_x, T), eq. (13). */
  probabilityAlive(x: number, tx: number, T: number): number {
    if (x === 0) return 1;
    const { r, alpha, a, b } = this.params;
    const z =
      Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
    return 1 / (1 + Math.exp(z));
  }

  /** Returns E[purchases in (T, T + t] | x, t_x, T], eq. (10) (count). */
  expectedPurchases(t: number, x: number, tx: number, T: number): number {
    if (t <= 0) return 0;
    const { r, alpha, a, b } = this.params;
    const z = t / (alpha + T + t);
    const power = Math.exp((r + x) * (Math.log(alpha + T) - Math.log(alpha + T + t)));
    const numerator =
      ((a + b + x - 1) / (a - 1)) * (1 - power * hyp2f1(r + x, b + x, a + b + x - 1, z));
    return numerator * this.probabilityAlive(x, tx, T);
  }

  /**
   * Returns P(X(t) = n), the probability that a new customer makes exactly n repeat purchases
   * in (0, t], eq. (8): still alive and n Poisson events, or dropped out after the n-th.
   */
  probabilityOfPurchases(t: number, n: number): number {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a whole number ≥ 0: ${n}`);
    const { r, alpha, a, b } = this.params;
    const lnBab = betaln(a, b);
    const lnP = Math.log(alpha) - Math.log(alpha + t); // ln(α / (α + t))
    const lnQ = Math.log(t) - Math.log(alpha + t); // ln(t / (α + t))
    // ln[Γ(r + j) / (Γ(r) j!)] + r ln(α/(α+t)) + j ln(t/(α+t)): the NBD probability of j events.
    const nbd = (j: number) =>
      Math.exp(gammaln(r + j) - gammaln(r) - gammaln(j + 1) + r * lnP + (j > 0 ? j * lnQ : 0));
    const alive = Math.exp(betaln(a, b + n) - lnBab) * nbd(n);
    if (n === 0) return alive;
    let below = 0;
    for (let j = 0; j < n; j++) below += nbd(j);
    return alive + Math.exp(betaln(a + 1, b + n - 1) - lnBab) * (1 - below);
  }

  /** Returns E[X(t)], the expected repeat purchases of a new customer in (0, t], eq. (9). */
  expectedPurchasesNew(t: number): number {
    if (t <= 0) return 0;
    const { r, alpha, a, b } = this.params;
    const power = Math.exp(r * (Math.log(alpha) - Math.log(alpha + t)));
    return ((a + b - 1) / (a - 1)) * (1 - power * hyp2f1(r, b, a + b - 1, t / (alpha + t)));
  }
}

/**
 * Returns the BG/NBD likelihood of `data` with its analytic gradient. Terms that depend on x
 * alone (the gamma functions) are computed once per distinct x, so a row costs a few logs.
 */
export function bgNbdLikelihood(data: RfmData): Likelihood {
  const n = data.frequency.length;
  const xs: number[] = [];
  const groupOf = new Int32Array(n);
  const groupIndex = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const x = data.frequency[i];
    let g = groupIndex.get(x);
    if (g === undefined) {
      g = xs.length;
      groupIndex.set(x, g);
      xs.push(x);
    }
    groupOf[i] = g;
  }
  const groupWeight = new Float64Array(xs.length);
  for (let i = 0; i < n; i++) groupWeight[groupOf[i]] += weightAt(data, i);
  const logBx1 = new Float64Array(xs.length); // log(b + x − 1), refreshed per evaluation
  // Stored data have few distinct times (whole days), so log(α + t) is computed once per
  // distinct t and evaluation, not twice per row.
  const times = distinctIndex([data.T, data.recency]);
  const atT = times.indexOf(data.T);
  const atTx = times.indexOf(data.recency);
  const logAt = new Float64Array(times.values.length);

  const evaluate = (theta: Float64Array, grad: Float64Array | null): number => {
    const [r, alpha, a, b] = theta;
    const lnA = Math.log(alpha);
    const lnAa = Math.log(a);
    let ll = 0;
    let gr = 0;
    let gal = 0;
    let ga = 0;
    let gb = 0;
    const lgR = gammaln(r);
    const lgAB = gammaln(a + b);
    const lgB = gammaln(b);
    const dgR = grad ? digamma(r) : 0;
    const dgAB = grad ? digamma(a + b) : 0;
    const dgB = grad ? digamma(b) : 0;
    for (let g = 0; g < xs.length; g++) {
      const x = xs[g];
      const W = groupWeight[g];
      logBx1[g] = x > 0 ? Math.log(b + x - 1) : 0;
      const a1 = gammaln(r + x) - lgR + r * lnA;
      const a2 = lgAB + gammaln(b + x) - lgB - gammaln(a + b + x);
      ll += W * (a1 + a2);
      if (grad) {
        const dgABx = digamma(a + b + x);
        gr += W * (digamma(r + x) - dgR + lnA);
        gal += (W * r) / alpha;
        ga += W * (dgAB - dgABx);
        gb += W * (dgAB + digamma(b + x) - dgB - dgABx);
      }
    }
    for (let k = 0; k < logAt.length; k++) logAt[k] = Math.log(alpha + times.values[k]);
    for (let i = 0; i < n; i++) {
      const x = data.frequency[i];
      const w = weightAt(data, i);
      const lnT = logAt[atT[i]];
      const a3 = -(r + x) * lnT;
      if (x === 0) {
        ll += w * a3;
        if (grad) {
          gr -= w * lnT;
          gal -= (w * r) / (alpha + data.T[i]);
        }
        continue;
      }
      const lnTx = logAt[atTx[i]];
      const a4 = lnAa - logBx1[groupOf[i]] - (r + x) * lnTx;
      // log(e^a3 + e^a4) and the share of the second branch, with one exp and one log.
      const d = a4 - a3;
      const e = Math.exp(-Math.abs(d));
      const l = Math.max(a3, a4) + Math.log1p(e);
      ll += w * l;
      if (grad) {
        const w4 = d > 0 ? 1 / (1 + e) : e / (1 + e); // share of "dropped out after the last purchase"
        const w3 = 1 - w4;
        gr -= w * (w3 * lnT + w4 * lnTx);
        gal -= w * (r + x) * (w3 / (alpha + data.T[i]) + w4 / (alpha + data.recency[i]));
        ga += (w * w4) / a;
        gb -= (w * w4) / (b + x - 1);
      }
    }
    if (grad) {
      grad[0] = gr;
      grad[1] = gal;
      grad[2] = ga;
      grad[3] = gb;
    }
    return ll;
  };

  return withGradient(evaluate, data);
}

// Distinct values over several columns, and each column's row → value index.
function distinctIndex(columns: ArrayLike<number>[]): {
  values: number[];
  indexOf: (column: ArrayLike<number>) => Int32Array;
} {
  const index = new Map<number, number>();
  const values: number[] = [];
  for (const col of columns) {
    for (let i = 0; i < col.length; i++) {
      if (!index.has(col[i])) {
        index.set(col[i], values.length);
        values.push(col[i]);
      }
    }
  }
  return {
    values,
    indexOf: (col) => Int32Array.from({ length: col.length }, (_, i) => index.get(col[i])!),
  };
}

/** A start in the right time scale (BG/NBD and MBG/NBD): r/α is the mean purchase rate, so α ≈ r · T̄ / x̄. */
export function bgNbdStartValues(data: RfmData): BgNbdParams {
  let sx = 0;
  let sT = 0;
  let W = 0;
  for (let i = 0; i < data.frequency.length; i++) {
    const w = weightAt(data, i);
    sx += w * data.frequency[i];
    sT += w * data.T[i];
    W += w;
  }
  const rate = Math.max(sx / W, 0.01) / Math.max(sT / W, 1e-9);
  return { r: 1, alpha: 1 / rate, a: 1, b: 1 };
}
