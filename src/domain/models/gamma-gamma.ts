// Gamma-gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV: Using Iso-Value Curves for
// Customer Base Analysis", and Fader & Hardie's note "The Gamma-Gamma Model of Monetary Value"):
// a customer's transaction values are gamma(p, ν) with ν ~ gamma(q, γ) across customers, so
// the mean z̄ of x transactions has the likelihood of eq. (3) of the note, and the conditional
// expected spend is a weighted average of the population mean and the customer's own z̄.
import digamma from '@stdlib/math-base-special-digamma';
import gammaln from '@stdlib/math-base-special-gammaln';
import { validateSpend, weightAt } from './data.js';
import { fitPositive, withGradient, type Likelihood } from './mle.js';
import type { FitInfo, FitOptions, SpendData } from './types.js';

export interface GammaGammaParams {
  /** Shape of a customer's transaction values. */
  p: number;
  /** Shape and rate of the gamma over customers' scale parameter ν. */
  q: number;
  gamma: number;
}

const NAMES = ['p', 'q', 'gamma'] as const;

/** A gamma-gamma spend model with known parameters; amounts in the data's currency. */
export class GammaGamma {
  constructor(readonly params: GammaGammaParams) {}

  /**
   * Returns the maximum-likelihood model for customers with repeat purchases, and the fit. With
   * `qConstraint` (lifetimes' q_constraint) q is held above 1, where the mean spend γp/(q − 1) is
   * finite: the fit runs on q − 1 > 0.
   */
  static fit(
    data: SpendData,
    options: FitOptions & { qConstraint?: boolean } = {},
  ): { model: GammaGamma; info: FitInfo } {
    validateSpend(data);
    const lik = gammaGammaLikelihood(data);
    if (!options.qConstraint) {
      const { params, info } = fitPositive(NAMES, startValues(data), lik, options);
      return { model: new GammaGamma(params), info };
    }
    const shifted = (theta: Float64Array) => Float64Array.from([theta[0], theta[1] + 1, theta[2]]);
    const onShifted: Likelihood = {
      logLikelihood: (theta) => lik.logLikelihood(shifted(theta)),
      logLikelihoodAndGradient: (theta, grad) =>
        lik.logLikelihoodAndGradient!(shifted(theta), grad),
      customers: lik.customers,
      rows: lik.rows,
    };
    const start = startValues(data);
    const { params, info } = fitPositive(
      NAMES,
      { ...start, q: Math.max(start.q - 1, 0.5) },
      onShifted,
      { ...options, initial: options.initial && { ...options.initial, q: options.initial.q - 1 } },
    );
    return { model: new GammaGamma({ ...params, q: params.q + 1 }), info };
  }

  /** Returns the total log-likelihood of `data` under these parameters. */
  logLikelihood(data: SpendData): number {
    const { p, q, gamma } = this.params;
    return gammaGammaLikelihood(data).logLikelihood(Float64Array.from([p, q, gamma]));
  }

  /** Returns the population mean spend per transaction, γp/(q − 1) (currency; ∞ when q ≤ 1). */
  populationMeanSpend(): number {
    const { p, q, gamma } = this.params;
    return q > 1 ? (gamma * p) / (q - 1) : Infinity;
  }

  /**
   * Returns E[spend per transaction | x repeat purchases with mean z̄] (currency), eq. (5):
   * (γ + x·z̄)·p / (p·x + q − 1); the population mean when x = 0.
   */
  expectedSpend(x: number, mbar: number): number {
    const { intercept, slope } = this.spendWeights(x);
    return intercept + slope * (x > 0 ? mbar : 0);
  }

  /**
   * Returns the expected spend as intercept + slope·z̄ for a given x (slope 0 when x = 0), so a
   * database can apply it to every customer without knowing the model.
   */
  spendWeights(x: number): { intercept: number; slope: number } {
    const { p, q, gamma } = this.params;
    if (x <= 0) return { intercept: this.populationMeanSpend(), slope: 0 };
    const den = p * x + q - 1;
    return { intercept: (gamma * p) / den, slope: (p * x) / den };
  }
}

/** Returns the gamma-gamma likelihood of `data` with its analytic gradient. */
export function gammaGammaLikelihood(data: SpendData): Likelihood {
  const n = data.frequency.length;
  // Per-row constants: log z̄ and log x do not depend on the parameters.
  const lnM = new Float64Array(n);
  const lnX = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    lnM[i] = Math.log(data.monetary[i]);
    lnX[i] = Math.log(data.frequency[i]);
  }
  const evaluate = (theta: Float64Array, grad: Float64Array | null): number => {
    const [p, q, gamma] = theta;
    const lnG = Math.log(gamma);
    const lgQ = gammaln(q);
    const dgQ = grad ? digamma(q) : 0;
    let ll = 0;
    let gp = 0;
    let gq = 0;
    let gg = 0;
    for (let i = 0; i < n; i++) {
      const x = data.frequency[i];
      const w = weightAt(data, i);
      const px = p * x;
      const lnDen = Math.log(gamma + x * data.monetary[i]);
      ll +=
        w *
        (gammaln(px + q) -
          gammaln(px) -
          lgQ +
          q * lnG +
          (px - 1) * lnM[i] +
          px * lnX[i] -
          (px + q) * lnDen);
      if (grad) {
        const dgPQ = digamma(px + q);
        gp += w * x * (dgPQ - digamma(px) + lnM[i] + lnX[i] - lnDen);
        gq += w * (dgPQ - dgQ + lnG - lnDen);
        gg += w * (q / gamma - (px + q) / (gamma + x * data.monetary[i]));
      }
    }
    if (grad) {
      grad[0] = gp;
      grad[1] = gq;
      grad[2] = gg;
    }
    return ll;
  };
  return withGradient(evaluate, data);
}

// Method of moments on the customers' means gives a start in the right currency scale.
function startValues(data: SpendData): GammaGammaParams {
  let s = 0;
  let W = 0;
  for (let i = 0; i < data.frequency.length; i++) {
    const w = weightAt(data, i);
    s += w * data.monetary[i];
    W += w;
  }
  const mean = s / W;
  // With p = 1 and q = 2, the population mean γp/(q − 1) equals γ.
  return { p: 1, q: 2, gamma: mean };
}
