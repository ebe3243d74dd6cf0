// Unconstrained minimisation for the maximum-likelihood fits: BFGS (Nocedal & Wright 2006,
// Alg. 6.1) with a weak-Wolfe line search (bracketing, safeguarded quadratic interpolation).
// The models pass analytic gradients where they are cheap and fall back on central
// differences otherwise. A non-finite objective is treated as "step too long", so the
// likelihoods may return Infinity outside their domain instead of throwing.

/** The objective: value at x, and optionally its gradient (written into `grad`). */
export interface Objective {
  value(x: Float64Array): number;
  /** Returns the value and fills `grad`; absent → central differences on value(). */
  valueAndGradient?(x: Float64Array, grad: Float64Array): number;
}

export interface MinimizeOptions {
  /** Stop when the largest absolute gradient component falls below this. Default 1e-7. */
  gradientTolerance?: number;
  /** Stop when an iteration improves f by less than this, relative. Default 1e-13. */
  functionTolerance?: number;
  /** Default 500. */
  maxIterations?: number;
}

export interface MinimizeResult {
  x: Float64Array;
  value: number;
  /** Largest absolute gradient component at x. */
  gradientNorm: number;
  iterations: number;
  /** Objective evaluations, a gradient by differences counting 2n + 1. */
  evaluations: number;
  converged: boolean;
  message: string;
}

/** Returns the central-difference gradient of f at x into `grad`; returns f(x). */
export function numericGradient(
  f: (x: Float64Array) => number,
  x: Float64Array,
  grad: Float64Array,
): number {
  const fx = f(x);
  const probe = Float64Array.from(x);
  for (let i = 0; i < x.length; i++) {
    // Step ~ cbrt(machine epsilon) balances truncation against rounding for central differences.
    const h = 6e-6 * Math.max(1, Math.abs(x[i]));
    probe[i] = x[i] + h;
    const up = f(probe);
    probe[i] = x[i] - h;
    const down = f(probe);
    probe[i] = x[i];
    grad[i] = (up - down) / (2 * h);
  }
  return fx;
}

/** Returns the minimiser of `objective` from `x0` found by BFGS, with convergence information. */
export function minimize(
  objective: Objective,
  x0: ArrayLike<number>,
  options: MinimizeOptions = {},
): MinimizeResult {
  const gtol = options.gradientTolerance ?? 1e-7;
  const ftol = options.functionTolerance ?? 1e-13;
  const maxIter = options.maxIterations ?? 500;
  const n = x0.length;
  let evaluations = 0;
  const fg = (x: Float64Array, g: Float64Array): number => {
    if (objective.valueAndGradient) {
      evaluations++;
      return objective.valueAndGradient(x, g);
    }
    evaluations += 2 * n + 1;
    return numericGradient((p) => objective.value(p), x, g);
  };
  const f = (x: Float64Array): number => {
    evaluations++;
    return objective.value(x);
  };

  let x: Float64Array = Float64Array.from(x0);
  let g: Float64Array = new Float64Array(n);
  let fx = fg(x, g);
  if (!Number.isFinite(fx))
    throw new RangeError('minimize: objective is not finite at the starting point');
  const H = identity(n); // inverse Hessian approximation, row-major
  let firstStep = true;
  let iterations = 0;
  let message = 'iteration limit reached';
  let converged = false;

  while (iterations < maxIter) {
    if (maxAbs(g) < gtol) {
      converged = true;
      message = 'gradient below tolerance';
      break;
    }
    let d = matVec(H, g, -1);
    if (dot(d, g) >= 0) {
      // Not a descent direction (H lost positive definiteness): restart from steepest descent.
      resetIdentity(H);
      d = matVec(H, g, -1);
    }
    const step = lineSearch(
      f,
      fg,
      x,
      fx,
      g,
      d,
      firstStep ? Math.min(1, 1 / Math.max(maxAbs(g), 1e-12)) : 1,
    );
    iterations++;
    if (!step) {
      if (!firstStep) {
        // One retry along steepest descent before giving up.
        resetIdentity(H);
        firstStep = true;
        continue;
      }
      message = 'line search failed';
      converged = maxAbs(g) < gtol * 100;
      break;
    }
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = step.x[i] - x[i];
      y[i] = step.g[i] - g[i];
    }
    const fPrev = fx;
    x = step.x;
    g = step.g;
    fx = step.f;
    const sy = dot(s, y);
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      if (firstStep) scaleIdentity(H, sy / dot(y, y)); // N&W (6.20): a well-scaled start
      bfgsUpdate(H, s, y, sy);
      firstStep = false;
    }
    if (maxAbs(g) < gtol) {
      converged = true;
      message = 'gradient below tolerance';
      break;
    }
    if (Math.abs(fPrev - fx) <= ftol * Math.max(1, Math.abs(fx)) && maxAbs(g) < gtol * 1e3) {
      converged = true;
      message = 'function change below tolerance';
      break;
    }
  }
  return { x, value: fx, gradientNorm: maxAbs(g), iterations, evaluations, converged, message };
}

interface Step {
  x: Float64Array;
  f: number;
  g: Float64Array;
}

// Weak Wolfe conditions (c1 = 1e-4, c2 = 0.9) by bracketing: shrink when the decrease is too
// small (or f is not finite), grow while the slope is still too steep.
function lineSearch(
  f: (x: Float64Array) => number,
  fg: (x: Float64Array, g: Float64Array) => number,
  x: Float64Array,
  fx: number,
  g: Float64Array,
  d: Float64Array,
  t0: number,
): Step | null {
  const c1 = 1e-4;
  const c2 = 0.9;
  const slope0 = dot(g, d);
  let lo = 0;
  let hi = Infinity;
  let t = t0;
  let best: Step | null = null;
  for (let k = 0; k < 60; k++) {
    const xt = axpy(x, t, d);
    const ft = f(xt);
    if (!Number.isFinite(ft) || ft > fx + c1 * t * slope0) {
      hi = t;
      // Safeguarded quadratic interpolation on [lo, hi] using f(x), f'(x) and f(x + t d).
      let next = (lo + hi) / 2;
      if (Number.isFinite(ft) && lo === 0) {
        const q = (-slope0 * t * t) / (2 * (ft - fx - slope0 * t));
        if (Number.isFinite(q)) next = Math.min(Math.max(q, 0.1 * t), 0.5 * t);
      }
      t = next;
    } else {
      const gt = new Float64Array(x.length);
      const ft2 = fg(xt, gt);
      best = { x: xt, f: ft2, g: gt };
      if (dot(gt, d) >= c2 * slope0) return best;
      lo = t;
      t = hi === Infinity ? 2 * t : (lo + hi) / 2;
    }
    if (hi - lo < 1e-16 * Math.max(1, lo)) break;
  }
  // No Wolfe point, but a sufficient decrease is still progress worth taking.
  return best;
}

function bfgsUpdate(H: Float64Array[], s: Float64Array, y: Float64Array, sy: number): void {
  // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, expanded so it costs O(n²).
  const n = s.length;
  const rho = 1 / sy;
  const Hy = matVec(H, y, 1);
  const yHy = dot(y, Hy);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      H[i][j] += -rho * (Hy[i] * s[j] + s[i] * Hy[j]) + (rho * rho * yHy + rho) * s[i] * s[j];
    }
  }
}

function identity(n: number): Float64Array[] {
  const H = Array.from({ length: n }, () => new Float64Array(n));
  resetIdentity(H);
  return H;
}

function resetIdentity(H: Float64Array[]): void {
  for (let i = 0; i < H.length; i++) {
    H[i].fill(0);
    H[i][i] = 1;
  }
}

function scaleIdentity(H: Float64Array[], c: number): void {
  for (let i = 0; i < H.length; i++) for (let j = 0; j < H.length; j++) H[i][j] *= c;
}

function matVec(H: Float64Array[], v: Float64Array, sign: number): Float64Array {
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = sign * dot(H[i], v);
  return out;
}

function axpy(x: Float64Array, t: number, d: Float64Array): Float64Array {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = x[i] + t * d[i];
  return out;
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function maxAbs(v: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]));
  return m;
}
