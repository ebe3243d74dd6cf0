// MBG/NBD (Batislam, Denizel & Filiztekin 2007, "Empirical validation and comparison of models
// for customer base analysis"): BG/NBD with one change — a customer may also drop out right
// after the first purchase, not only after each repeat one. So a one-time buyer is not taken as
// certainly alive (BG/NBD gives them P(alive) = 1, the complaint users raise most), and the
// drop-out branch of the likelihood holds for x = 0 too. Same notation as bgnbd.ts: purchase
// rate λ ~ gamma(r, α), drop-out probability p ~ beta(a, b).
import digamma from '@stdlib/math-base-special-digamma';
import gammaln from '@stdlib/math-base-special-gammaln';
import hyp2f1 from '@stdlib/math-base-special-hyp2f1';
import { validateRfm, weightAt } from './data.js';
import { fitPositive, withGradient, type Likelihood } from './mle.js';
import { bgNbdStartValues, type BgNbdParams } from './bgnbd.js';
import type { FitInfo, FitOptions, PurchaseModel, RfmData } from './types.js';

const NAMES = ['r', 'alpha', 'a', 'b'] as const;

/** An MBG/NBD model with known parameters (named as BG/NBD's); times in the fitted unit. */
export class MbgNbd implements PurchaseModel {
  constructor(readonly params: BgNbdParams) {}

  /** Returns the maximum-likelihood model for `data` and how the fit went. */
  static fit(data: RfmData, options: FitOptions = {}): { model: MbgNbd; info: FitInfo } {
    validateRfm(data);
    const { params, info } = fitPositive(
      NAMES,
      bgNbdStartValues(data),
      mbgNbdLikelihood(data),
      options,
    );
    return { model: new MbgNbd(params), info };
  }

  /** Returns the total log-likelihood of `data` under these parameters. */
  logLikelihood(data: RfmData): number {
    const { r, alpha, a, b } = this.params;
    return mbgNbdLikelihood(data).logLikelihood(Float64Array.from([r, alpha, a, b]));
  }

  // (a / (b + x)) · ((α + T) / (α + t_x))^(r + x): the odds of "dropped out after the last purchase".
  private dropOdds(x: number, tx: number, T: number): number {
    const { r, alpha, a, b } = this.params;
    return Math.exp(
      Math.log(a) - Math.log(b + x) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx)),
    );
  }

  /** Returns P(alive at T | x, t_x, T): below 1 for a one-time buyer too. */
  probabilityAlive(x: number, tx: number, T: number): number {
    return 1 / (1 + this.dropOdds(x, tx, T));
  }

  /** Returns E[purchases in (T, T + t] | x, t_x, T] (count). */
  expectedPurchases(t: number, x: number, tx: number, T: number): number {
    if (t <= 0) return 0;
    const { r, alpha, a, b } = this.params;
    const z = t / (alpha + T + t);
    const power = Math.exp((r + x) * (Math.log(alpha + T) - Math.log(alpha + T + t)));
    const numerator =
      ((a + b + x) / (a - 1)) * (1 - power * hyp2f1(r + x, b + x + 1, a + b + x, z));
    return numerator / (1 + this.dropOdds(x, tx, T));
  }

  /** Returns E[X(t)], the expected repeat purchases of a new customer in (0, t]. */
  expectedPurchasesNew(t: number): number {
    if (t <= 0) return 0;
    const { r, alpha, a, b } = this.params;
    const power = Math.exp(r * (Math.log(alpha) - Math.log(alpha + t)));
    return (b / (a - 1)) * (1 - power * hyp2f1(r, b + 1, a + b, t / (alpha + t)));
  }
}

/**
 * Returns the MBG/NBD likelihood of `data` with its analytic gradient. Per row:
 * ln[B(a, b+x+1)/B(a, b)] + ln[Γ(r+x) α^r / Γ(r)] + ln[(α+T)^−(r+x) + a/(b+x) (α+t_x)^−(r+x)].
 */
export function mbgNbdLikelihood(data: RfmData): Likelihood {
  const n = data.frequency.length;
  const evaluate = (theta: Float64Array, grad: Float64Array | null): number => {
    const [r, alpha, a, b] = theta;
    const lnA = Math.log(alpha);
    const lnAa = Math.log(a);
    const lgR = gammaln(r);
    const lgAB = gammaln(a + b);
    const lgB = gammaln(b);
    const dgR = grad ? digamma(r) : 0;
    const dgAB = grad ? digamma(a + b) : 0;
    const dgB = grad ? digamma(b) : 0;
    // The gamma-function terms depend on x alone: once per distinct x.
    const byX = new Map<number, { ll: number; gr: number; ga: number; gb: number }>();
    let ll = 0;
    let gr = 0;
    let gal = 0;
    let ga = 0;
    let gb = 0;
    for (let i = 0; i < n; i++) {
      const x = data.frequency[i];
      const w = weightAt(data, i);
      let g = byX.get(x);
      if (!g) {
        const a1 = gammaln(r + x) - lgR + r * lnA;
        const a2 = lgAB + gammaln(b + x + 1) - lgB - gammaln(a + b + x + 1);
        g = { ll: a1 + a2, gr: 0, ga: 0, gb: 0 };
        if (grad) {
          const dgABx = digamma(a + b + x + 1);
          g.gr = digamma(r + x) - dgR + lnA;
          g.ga = dgAB - dgABx;
          g.gb = dgAB + digamma(b + x + 1) - dgB - dgABx;
        }
        byX.set(x, g);
      }
      const lnT = Math.log(alpha + data.T[i]);
      const lnTx = Math.log(alpha + data.recency[i]);
      const a3 = -(r + x) * lnT;
      const a4 = lnAa - Math.log(b + x) - (r + x) * lnTx;
      const d = a4 - a3;
      const e = Math.exp(-Math.abs(d));
      ll += w * (g.ll + Math.max(a3, a4) + Math.log1p(e));
      if (grad) {
        const w4 = d > 0 ? 1 / (1 + e) : e / (1 + e);
        const w3 = 1 - w4;
        gr += w * (g.gr - (w3 * lnT + w4 * lnTx));
        gal +=
          w * (r / alpha - (r + x) * (w3 / (alpha + data.T[i]) + w4 / (alpha + data.recency[i])));
        ga += w * (g.ga + w4 / a);
        gb += w * (g.gb - w4 / (b + x));
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
