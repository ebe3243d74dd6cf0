// Pareto/NBD (Schmittlein, Morrison & Colombo 1987): while alive a customer buys as a Poisson
// process with rate λ ~ gamma(r, α); lifetimes are exponential with rate μ ~ gamma(s, β).
// The likelihood follows Fader & Hardie, "A Note on Deriving the Pareto/NBD Model and Related
// Expressions" (2005), eq. (22)–(24), in the numerically stable form of the lifetimes library:
// the hypergeometric argument is |α − β| / (max(α, β) + t), always in [0, 1), and the
// difference A₀ is taken in log space.
import gammaln from '@stdlib/math-base-special-gammaln';
import hyp2f1 from '@stdlib/math-base-special-hyp2f1';
import { totalWeight, validateRfm, weightAt } from './data.js';
import { logAddExp, logSubExp } from './logspace.js';
import { fitPositive, type Likelihood } from './mle.js';
import type { FitInfo, FitOptions, PurchaseModel, RfmData } from './types.js';

export interface ParetoNbdParams {
  /** Gamma shape and rate of the purchase rate λ. */
  r: number;
  alpha: number;
  /** Gamma shape and rate of the drop-out rate μ. */
  s: number;
  beta: number;
}

const NAMES = ['r', 'alpha', 's', 'beta'] as const;

/** A Pareto/NBD model with known parameters; times in the unit the parameters were fitted in. */
export class ParetoNbd implements PurchaseModel {
  constructor(readonly params: ParetoNbdParams) {}

  /** Returns the maximum-likelihood model for `data` (numeric gradient) and how the fit went. */
  static fit(data: RfmData, options: FitOptions = {}): { model: ParetoNbd; info: FitInfo } {
    validateRfm(data);
    const { params, info } = fitPositive(
      NAMES,
      startValues(data),
      paretoNbdLikelihood(data),
      options,
    );
    return { model: new ParetoNbd(params), info };
  }

  /** Returns the total log-likelihood of `data` under these parameters. */
  logLikelihood(data: RfmData): number {
    const { r, alpha, s, beta } = this.params;
    return paretoNbdLikelihood(data).logLikelihood(Float64Array.from([r, alpha, s, beta]));
  }

  /** Returns P(alive at T | x, t_x, T), Fader & Hardie (2005) eq. (25) in log space. */
  probabilityAlive(x: number, tx: number, T: number): number {
    const { r, alpha, s, beta } = this.params;
    const logA0 = logA0Of(r, alpha, s, beta, x, tx, T);
    const z =
      Math.log(s) -
      Math.log(r + s + x) +
      (r + x) * Math.log(alpha + T) +
      s * Math.log(beta + T) +
      logA0;
    return 1 / (1 + Math.exp(z));
  }

  /** Returns E[purchases in (T, T + t] | x, t_x, T] (count), eq. (26). */
  expectedPurchases(t: number, x: number, tx: number, T: number): number {
    if (t <= 0) return 0;
    const { r, alpha, s, beta } = this.params;
    const ratio = (beta + T) / (beta + T + t);
    return (
      ((this.probabilityAlive(x, tx, T) * ((r + x) * (beta + T))) / (alpha + T)) *
      oneMinusPowOver(s - 1, Math.log(ratio))
    );
  }

  /** Returns E[X(t)] for a new customer (count): rβ/(α(s−1))·[1 − (β/(β+t))^(s−1)]. */
  expectedPurchasesNew(t: number): number {
    if (t <= 0) return 0;
    const { r, alpha, s, beta } = this.params;
    return ((r * beta) / alpha) * oneMinusPowOver(s - 1, Math.log(beta / (beta + t)));
  }
}

/**
 * Returns the Pareto/NBD likelihood of `data` (no analytic gradient: hyp2f1's is not cheap).
 * The hypergeometric term depends on (x, t) only, for t = t_x and t = T, and many rows share
 * those pairs, so each distinct pair is evaluated once per call.
 */
export function paretoNbdLikelihood(data: RfmData): Likelihood {
  const n = data.frequency.length;
  const slotX: number[] = [];
  const slotT: number[] = [];
  const slots = new Map<string, number>();
  const slotOf = (x: number, t: number): number => {
    const key = `${x}|${t}`;
    let k = slots.get(key);
    if (k === undefined) {
      k = slotX.length;
      slots.set(key, k);
      slotX.push(x);
      slotT.push(t);
    }
    return k;
  };
  const atTx = new Int32Array(n);
  const atT = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    atTx[i] = slotOf(data.frequency[i], data.recency[i]);
    atT[i] = slotOf(data.frequency[i], data.T[i]);
  }
  const term = new Float64Array(slotX.length);
  return {
    logLikelihood(theta: Float64Array): number {
      const [r, alpha, s, beta] = theta;
      for (let k = 0; k < term.length; k++)
        term[k] = hypTerm(r, alpha, s, beta, slotX[k], slotT[k]);
      const head = -gammaln(r) + r * Math.log(alpha) + s * Math.log(beta);
      let ll = 0;
      let lastX = -1;
      let lgRx = 0;
      for (let i = 0; i < n; i++) {
        const x = data.frequency[i];
        const T = data.T[i];
        if (x !== lastX) {
          lgRx = gammaln(r + x); // rows usually come sorted by x, so this is rarely recomputed
          lastX = x;
        }
        const alive = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
        const died = Math.log(s) - Math.log(r + s + x) + logSubExp(term[atTx[i]], term[atT[i]]);
        ll += weightAt(data, i) * (lgRx + head + logAddExp(alive, died));
      }
      return ll;
    },
    customers: totalWeight(data),
    rows: n,
  };
}

// log A₀: the integral over death times in (t_x, T], eq. (23)/(24) of the note, as the
// difference of one term at t = t_x and one at t = T.
function logA0Of(
  r: number,
  alpha: number,
  s: number,
  beta: number,
  x: number,
  tx: number,
  T: number,
): number {
  return logSubExp(hypTerm(r, alpha, s, beta, x, tx), hypTerm(r, alpha, s, beta, x, T));
}

// log[ ₂F₁(r+s+x, b₂; r+s+x+1; |α−β|/(max(α,β)+t)) / (max(α,β)+t)^(r+s+x) ], b₂ = s+1 when α ≥ β
// and r+x otherwise, which keeps the argument in [0, 1).
function hypTerm(r: number, alpha: number, s: number, beta: number, x: number, t: number): number {
  const rsx = r + s + x;
  const big = Math.max(alpha, beta);
  const b2 = alpha >= beta ? s + 1 : r + x;
  return (
    Math.log(hyp2f1(rsx, b2, rsx + 1, Math.abs(alpha - beta) / (big + t))) - rsx * Math.log(big + t)
  );
}

// (1 − e^{εL}) / ε, continuous at ε = 0 (where it is −L): the s = 1 case of the expectations.
function oneMinusPowOver(eps: number, L: number): number {
  return eps === 0 ? -L : -Math.expm1(eps * L) / eps;
}

function startValues(data: RfmData): ParetoNbdParams {
  let sx = 0;
  let sT = 0;
  let W = 0;
  for (let i = 0; i < data.frequency.length; i++) {
    const w = weightAt(data, i);
    sx += w * data.frequency[i];
    sT += w * data.T[i];
    W += w;
  }
  const meanT = Math.max(sT / W, 1e-9);
  const rate = Math.max(sx / W, 0.01) / meanT;
  // Lifetimes of the order of the observation window.
  return { r: 1, alpha: 1 / rate, s: 1, beta: meanT };
}
