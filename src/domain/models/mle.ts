// Maximum likelihood for models whose parameters are all positive: optimise their logarithms
// (so no bounds are needed) on the mean negative log-likelihood per customer (so tolerances do
// not depend on how many customers there are), with lifetimes' optional L2 penalty.
import { totalWeight } from './data.js';
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

/**
 * Returns the Likelihood of a model's `evaluate(θ, grad)` (the total log-likelihood, filling
 * dLL/dθ into `grad` unless it is null) over `data`.
 */
export function withGradient(
  evaluate: (theta: Float64Array, grad: Float64Array | null) => number,
  data: { frequency: ArrayLike<number>; weight?: ArrayLike<number> },
): Likelihood {
  return {
    logLikelihood: (theta) => evaluate(theta, null),
    logLikelihoodAndGradient: (theta, grad) => evaluate(theta, grad),
    customers: totalWeight(data),
    rows: data.frequency.length,
  };
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
    standardErrors: standardErrors(names, Float64Array.from(theta), lik),
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

/**
 * Returns the asymptotic standard error of each parameter: the square root of the diagonal of
 * the inverse observed information, −H⁻¹, with H the Hessian of the total log-likelihood at the
 * estimate (the penalty left out). H is taken in log-parameters u = ln θ by central differences
 * of the analytic gradient where the model has one (of the log-likelihood otherwise), and
 * carried back by the delta method, SE(θ) = θ · SE(u), which is how the optimiser sees the
 * surface. Null for a parameter when the information is not positive definite there (a
 * parameter running off to its boundary has no finite error).
 */
export function standardErrors<N extends string>(
  names: readonly N[],
  theta: Float64Array,
  lik: Likelihood,
): Record<N, number | null> {
  const n = names.length;
  const h = 1e-4;
  const at = (u: Float64Array) => Float64Array.from(u, Math.exp);
  const u0 = Float64Array.from(theta, Math.log);
  // d LL / d u = θ · d LL / d θ.
  const gradU = (u: Float64Array): Float64Array => {
    const th = at(u);
    const g = new Float64Array(n);
    if (lik.logLikelihoodAndGradient) {
      lik.logLikelihoodAndGradient(th, g);
      for (let i = 0; i < n; i++) g[i] *= th[i];
      return g;
    }
    for (let i = 0; i < n; i++) {
      const up = Float64Array.from(u);
      const down = Float64Array.from(u);
      up[i] += h;
      down[i] -= h;
      g[i] = (lik.logLikelihood(at(up)) - lik.logLikelihood(at(down))) / (2 * h);
    }
    return g;
  };
  const H = Array.from({ length: n }, () => new Float64Array(n));
  for (let j = 0; j < n; j++) {
    const up = Float64Array.from(u0);
    const down = Float64Array.from(u0);
    up[j] += h;
    down[j] -= h;
    const gu = gradU(up);
    const gd = gradU(down);
    for (let i = 0; i < n; i++) H[i][j] = (gu[i] - gd[i]) / (2 * h);
  }
  // Symmetrise, negate: the observed information.
  const info = H.map((row, i) => Float64Array.from(row, (_, j) => -(H[i][j] + H[j][i]) / 2));
  const inv = invert(info);
  const out = {} as Record<N, number | null>;
  names.forEach((k, i) => {
    const v = inv?.[i][i];
    out[k] = v !== undefined && Number.isFinite(v) && v > 0 ? theta[i] * Math.sqrt(v) : null;
  });
  return out;
}

// Gauss–Jordan inverse with partial pivoting; null when singular.
function invert(m: Float64Array[]): Float64Array[] | null {
  const n = m.length;
  const a = m.map((row, i) => {
    const r = new Float64Array(2 * n);
    r.set(row);
    r[n + i] = 1;
    return r;
  });
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[p][c])) p = r;
    if (!(Math.abs(a[p][c]) > 1e-300)) return null;
    [a[c], a[p]] = [a[p], a[c]];
    const d = a[c][c];
    for (let k = 0; k < 2 * n; k++) a[c][k] /= d;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = a[r][c];
      if (f !== 0) for (let k = 0; k < 2 * n; k++) a[r][k] -= f * a[c][k];
    }
  }
  return a.map((r) => r.slice(n));
}
