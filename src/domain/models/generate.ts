// Synthetic customers drawn from each model with known parameters, for the parameter-recovery
// tests, the holdout checks and the benchmark. Each generator follows its model's story
// literally (the BG/NBD one purchase by purchase), so a fit that recovers the parameters
// checks the likelihood against the model rather than against itself.
import type { BgNbdParams } from './bgnbd.js';
import type { GammaGammaParams } from './gamma-gamma.js';
import type { ParetoNbdParams } from './pareto-nbd.js';
import type { Random } from './random.js';

/** Simulated summaries: calibration (frequency, recency, T) and purchases in the holdout. */
export interface SimulatedCustomers {
  frequency: Float64Array;
  recency: Float64Array;
  T: Float64Array;
  /** Repeat purchases in (T, T + holdout]; all 0 without a holdout. */
  holdout: Float64Array;
}

function emptyCustomers(n: number): SimulatedCustomers {
  return {
    frequency: new Float64Array(n),
    recency: new Float64Array(n),
    T: new Float64Array(n),
    holdout: new Float64Array(n),
  };
}

/**
 * Returns BG/NBD customers first buying at 0 and observed until T[i], plus `holdout` more time
 * units: each buys at Poisson rate λ ~ gamma(r, α) and drops out after each repeat purchase
 * with probability p ~ beta(a, b) — and, with `dropAtFirst` (MBG/NBD), after the first one too.
 */
export function simulateBgNbd(
  params: BgNbdParams,
  T: ArrayLike<number>,
  rng: Random,
  holdout = 0,
  dropAtFirst = false,
): SimulatedCustomers {
  const out = emptyCustomers(T.length);
  for (let i = 0; i < T.length; i++) {
    const lambda = rng.gamma(params.r, params.alpha);
    const p = rng.beta(params.a, params.b);
    const end = T[i] + holdout;
    let t = 0;
    let x = 0;
    let last = 0;
    let later = 0;
    // MBG/NBD: the first purchase, too, may be the last.
    const gone = dropAtFirst && rng.uniform() < p;
    while (!gone) {
      t += rng.exponential(lambda);
      if (t > end) break;
      if (t <= T[i]) {
        x++;
        last = t;
      } else {
        later++;
      }
      if (rng.uniform() < p) break; // dropped out after this purchase
    }
    out.frequency[i] = x;
    out.recency[i] = last;
    out.T[i] = T[i];
    out.holdout[i] = later;
  }
  return out;
}

/** Returns MBG/NBD customers: as BG/NBD, but a customer may also drop out right after the first purchase. */
export function simulateMbgNbd(
  params: BgNbdParams,
  T: ArrayLike<number>,
  rng: Random,
  holdout = 0,
): SimulatedCustomers {
  return simulateBgNbd(params, T, rng, holdout, true);
}

/**
 * Returns Pareto/NBD customers observed until T[i] (plus `holdout`): rate λ ~ gamma(r, α),
 * an exponential lifetime with rate μ ~ gamma(s, β), Poisson purchases while alive.
 */
export function simulateParetoNbd(
  params: ParetoNbdParams,
  T: ArrayLike<number>,
  rng: Random,
  holdout = 0,
): SimulatedCustomers {
  const out = emptyCustomers(T.length);
  for (let i = 0; i < T.length; i++) {
    const lambda = rng.gamma(params.r, params.alpha);
    const mu = rng.gamma(params.s, params.beta);
    const tau = rng.exponential(mu);
    // Given the count, Poisson arrival times are uniform, so the last of n is D·U^(1/n).
    const alive = Math.min(tau, T[i]);
    const x = rng.poisson(lambda * alive);
    out.frequency[i] = x;
    out.recency[i] = x > 0 ? alive * Math.pow(rng.uniform(), 1 / x) : 0;
    out.T[i] = T[i];
    out.holdout[i] =
      holdout > 0 ? rng.poisson(lambda * Math.max(0, Math.min(tau, T[i] + holdout) - T[i])) : 0;
  }
  return out;
}

/**
 * Returns the mean transaction value of each customer making frequency[i] transactions, under
 * gamma-gamma: values gamma(p, ν), ν ~ gamma(q, γ). The sum of x values is gamma(p·x, ν).
 */
export function simulateGammaGamma(
  params: GammaGammaParams,
  frequency: ArrayLike<number>,
  rng: Random,
): Float64Array {
  const out = new Float64Array(frequency.length);
  for (let i = 0; i < frequency.length; i++) {
    const x = frequency[i];
    const nu = rng.gamma(params.q, params.gamma);
    out[i] = rng.gamma(params.p * x, nu) / x;
  }
  return out;
}

/** Returns n observation lengths T spread evenly over [from, to] (time units), like cohorts. */
export function spreadT(n: number, from: number, to: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = n === 1 ? to : from + ((to - from) * i) / (n - 1);
  return out;
}
