// BG/BB (Fader, Hardie & Shang 2010, "Customer-Base Analysis in a Discrete-Time Noncontractual
// Setting", Marketing Science 29(6)): for businesses whose purchases happen at set occasions
// (a yearly fund-raiser, a monthly subscription box, an event season). At each of n occasions a
// living customer buys with probability p ~ beta(α, β); after each occasion they die with
// probability θ ~ beta(γ, δ). A customer is (x, t_x, n): purchases, the occasion of the last one,
// occasions since the first. The likelihood is eq. (5) of the paper; P(alive) and the expected
// purchases of the next occasions are its eq. (11) and (13).
import betaln from '@stdlib/math-base-special-betaln';
import gammaln from '@stdlib/math-base-special-gammaln';
import { totalWeight, validateRfm, weightAt } from './data.js';
import { fitPositive, type Likelihood } from './mle.js';
import type { FitInfo, FitOptions, RfmData } from './types.js';

export interface BgBbParams {
  /** Beta parameters of the purchase probability p. */
  alpha: number;
  beta: number;
  /** Beta parameters of the death probability θ. */
  gamma: number;
  delta: number;
}

const NAMES = ['alpha', 'beta', 'gamma', 'delta'] as const;

// log(e^a + e^b) without overflow.
const logAdd = (a: number, b: number) =>
  a === -Infinity
    ? b
    : b === -Infinity
      ? a
      : Math.max(a, b) + Math.log1p(Math.exp(-Math.abs(a - b)));

/** A BG/BB model with known parameters. Data: frequency x, recency t_x and T = n occasions. */
export class BgBb {
  constructor(readonly params: BgBbParams) {}

  /** Returns the maximum-likelihood model for `data` (T = occasions n) and how the fit went. */
  static fit(data: RfmData, options: FitOptions = {}): { model: BgBb; info: FitInfo } {
    validateRfm(data);
    const { params, info } = fitPositive(
      NAMES,
      { alpha: 1, beta: 1, gamma: 1, delta: 1 },
      bgBbLikelihood(data),
      options,
    );
    return { model: new BgBb(params), info };
  }

  /** Returns ln L(α, β, γ, δ | x, t_x, n), eq. (5). */
  logLikelihoodOne(x: number, tx: number, n: number): number {
    const { alpha, beta, gamma, delta } = this.params;
    return logLikelihoodOf(alpha, beta, gamma, delta, x, tx, n);
  }

  /** Returns P(alive at occasion n + 1 | x, t_x, n), eq. (11). */
  probabilityAlive(x: number, tx: number, n: number): number {
    const { alpha, beta, gamma, delta } = this.params;
    const alive =
      betaln(alpha + x, beta + n - x) -
      betaln(alpha, beta) +
      betaln(gamma, delta + n + 1) -
      betaln(gamma, delta);
    return Math.exp(alive - logLikelihoodOf(alpha, beta, gamma, delta, x, tx, n));
  }

  /** Returns the expected purchases over the next `k` occasions given x, t_x, n, eq. (13). */
  expectedPurchases(k: number, x: number, tx: number, n: number): number {
    if (k <= 0) return 0;
    const { alpha, beta, gamma, delta } = this.params;
    const lead =
      betaln(alpha + x + 1, beta + n - x) -
      betaln(alpha, beta) -
      logLikelihoodOf(alpha, beta, gamma, delta, x, tx, n);
    const tail =
      Math.exp(gammaln(1 + delta + n) - gammaln(gamma + delta + n)) -
      Math.exp(gammaln(1 + delta + n + k) - gammaln(gamma + delta + n + k));
    return (
      Math.exp(lead + gammaln(gamma + delta) - gammaln(1 + delta)) * (delta / (gamma - 1)) * tail
    );
  }

  /** Returns the expected purchases of a new customer over its first `n` occasions, eq. (7). */
  expectedPurchasesNew(n: number): number {
    const { alpha, beta, gamma, delta } = this.params;
    const ratio = Math.exp(
      gammaln(gamma + delta) +
        gammaln(1 + delta + n) -
        gammaln(gamma + delta + n) -
        gammaln(1 + delta),
    );
    return (alpha / (alpha + beta)) * (delta / (gamma - 1)) * (1 - ratio);
  }
}

function logLikelihoodOf(
  alpha: number,
  beta: number,
  gamma: number,
  delta: number,
  x: number,
  tx: number,
  n: number,
): number {
  const bab = betaln(alpha, beta);
  const bgd = betaln(gamma, delta);
  // Alive through all n occasions.
  let ll = betaln(alpha + x, beta + n - x) - bab + betaln(gamma, delta + n) - bgd;
  // Or died after occasion t_x + i, i = 0 … n − t_x − 1.
  for (let i = 0; i <= n - tx - 1; i++)
    ll = logAdd(
      ll,
      betaln(alpha + x, beta + tx - x + i) - bab + betaln(gamma + 1, delta + tx + i) - bgd,
    );
  return ll;
}

/** Returns the BG/BB likelihood of `data` (T = occasions); the gradient is left to the optimiser's differences. */
export function bgBbLikelihood(data: RfmData): Likelihood {
  const n = data.frequency.length;
  return {
    logLikelihood: (theta) => {
      const [alpha, beta, gamma, delta] = theta;
      let ll = 0;
      for (let i = 0; i < n; i++)
        ll +=
          weightAt(data, i) *
          logLikelihoodOf(alpha, beta, gamma, delta, data.frequency[i], data.recency[i], data.T[i]);
      return ll;
    },
    customers: totalWeight(data),
    rows: n,
  };
}
