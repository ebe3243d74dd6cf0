// Maximum likelihood for models whose parameters are all positive: optimise their logarithms
// (so no bounds are needed) on the mean negative log-likelihood per customer (so tolerances do
// not depend on how many customers there are), with lifetimes' optional L2 penalty.
import { minimize } from './optimize.js';
import type { FitInfo, FitOptions } from './types.js';

/** A model's likelihood over its data, at positive parameters θ. */
export interface Likelihood {
  /** Returns the total (weighted) log-likelihood at θ; may be -Infinity or NaN outside the domain. */
  logLikelihood(theta: Float64Array): number;
  /** Returns the total log-likelihood and fills dLL/dθ into `grad`, when the model has it. */
  logLikelihoodAndGradient?(theta: Float64Array, grad: Float64Array): number;
  /** Sum of weights and row count of the data. */
  customers: number;
  rows: number;
}

/** Returns the fitted parameters by name and how the fit went. */
export function fitPositive<N extends string>(
  names: readonly N[],
  start: Record<N, number>,
  lik: Likelihood,
  options: FitOptions = {},
): { params: Record<N, number>; info: FitInfo } {
  const pen = options.penalizer ?? 0;
  const W = lik.customers;
  const n = names.length;
  const theta = new Float64Array(n);
  const toTheta = (u: Float64Array): void => {
    for (let i = 0; i < n; i++) theta[i] = Math.exp(u[i]);
  };
  const penalty = (): number => {
    let s = 0;
    for (let i = 0; i < n; i++) s += theta[i] * theta[i];
    return pen * s;
  };
  const gradTheta = new Float64Array(n);
  const objective = {
    value(u: Float64Array): number {
      toTheta(u);
      const ll = lik.logLikelihood(theta);
      return Number.isNaN(ll) ? Infinity : -ll / W + penalty();
    },
    valueAndGradient: lik.logLikelihoodAndGradient
      ? (u: Float64Array, g: Float64Array): number => {
          toTheta(u);
          const ll = lik.logLikelihoodAndGradient!(theta, gradTheta);
          // Chain rule for θ = exp(u): d/du = θ · d/dθ.
          for (let i = 0; i < n; i++)
            g[i] = (-theta[i] * gradTheta[i]) / W + 2 * pen * theta[i] * theta[i];
          return Number.isNaN(ll) ? Infinity : -ll / W + penalty();
        }
      : undefined,
  };
  const u0 = names.map((k) => Math.log(options.initial?.[k] ?? start[k]));
  const res = minimize(objective, u0, {
    maxIterations: options.maxIterations,
    gradientTolerance: options.gradientTolerance,
  });
  const params = {} as Record<N, number>;
  names.forEach((k, i) => (params[k] = Math.exp(res.x[i])));
  toTheta(res.x);
  const info: FitInfo = {
    logLikelihood: lik.logLikelihood(theta),
    converged: res.converged,
    message: res.message,
    iterations: res.iterations,
    evaluations: res.evaluations,
    gradientNorm: res.gradientNorm,
    customers: W,
    rows: lik.rows,
  };
  return { params, info };
}
