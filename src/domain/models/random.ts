// Seeded pseudo-random numbers for simulations and tests. Math.random cannot be seeded, and a
// parameter-recovery test must see the same customers on every run, so we carry our own
// generator (xoshiro128**, seeded through splitmix32) and the samplers the customer-base
// models need: exponential, normal, gamma, beta and Poisson.
import gammaln from '@stdlib/math-base-special-gammaln';

const TWO_POW_53 = 9007199254740992;

/** A seeded generator with the distributions of the purchase and spend models. */
export class Random {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed: number) {
    // splitmix32 spreads a small integer seed over the 128-bit state (never all zero).
    let z = seed >>> 0;
    const next = (): number => {
      z = (z + 0x9e3779b9) | 0;
      let t = z ^ (z >>> 16);
      t = Math.imul(t, 0x21f0aaad);
      t ^= t >>> 15;
      t = Math.imul(t, 0x735a2d97);
      return (t ^ (t >>> 15)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
  }

  /** Returns the next raw 32-bit output (unsigned integer). */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Returns a uniform number in the open interval (0, 1), 53 bits; never 0, so logs are safe. */
  uniform(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo + 0.5) / TWO_POW_53;
  }

  /** Returns an exponential draw with the given rate (mean 1/rate). */
  exponential(rate: number): number {
    return -Math.log(this.uniform()) / rate;
  }

  /** Returns a standard normal draw (Marsaglia's polar method). */
  normal(): number {
    for (;;) {
      const u = 2 * this.uniform() - 1;
      const v = 2 * this.uniform() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) return u * Math.sqrt((-2 * Math.log(s)) / s);
    }
  }

  /** Returns a gamma draw with shape k and rate θ (mean k/θ), by Marsaglia & Tsang (2000). */
  gamma(shape: number, rate: number): number {
    if (!(shape > 0 && rate > 0))
      throw new RangeError(`gamma(${shape}, ${rate}): shape and rate must be > 0`);
    if (shape < 1) {
      // Boost: G(k) = G(k+1)·U^(1/k); done in logs so tiny shapes do not underflow to 0 too often.
      const g = this.gamma(shape + 1, 1);
      return Math.exp(Math.log(g) + Math.log(this.uniform()) / shape) / rate;
    }
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.uniform();
      if (u < 1 - 0.0331 * x * x * x * x) return (d * v) / rate;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return (d * v) / rate;
    }
  }

  /** Returns a beta(a, b) draw in (0, 1), as a ratio of gammas. */
  beta(a: number, b: number): number {
    const x = this.gamma(a, 1);
    const y = this.gamma(b, 1);
    const s = x + y;
    // Both gammas can underflow to 0 for tiny shapes; fall back on which side is bigger in logs.
    return s > 0 ? x / s : this.uniform() < a / (a + b) ? 1 : 0;
  }

  /** Returns a Poisson draw with the given mean (count). */
  poisson(mean: number): number {
    if (!(mean >= 0)) throw new RangeError(`poisson(${mean}): mean must be >= 0`);
    if (mean === 0) return 0;
    if (mean < 30) {
      // Multiplication method: exact and fast for small means.
      const limit = Math.exp(-mean);
      let k = 0;
      let p = this.uniform();
      while (p > limit) {
        k++;
        p *= this.uniform();
      }
      return k;
    }
    return this.poissonPtrs(mean);
  }

  // Hörmann's transformed rejection with squeeze (PTRS, 1993), the method numpy uses for mean ≥ 10.
  private poissonPtrs(lam: number): number {
    const slam = Math.sqrt(lam);
    const loglam = Math.log(lam);
    const b = 0.931 + 2.53 * slam;
    const a = -0.059 + 0.02483 * b;
    const invalpha = 1.1239 + 1.1328 / (b - 3.4);
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const u = this.uniform() - 0.5;
      const v = this.uniform();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + lam + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      const lhs = Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b);
      if (lhs <= -lam + k * loglam - gammaln(k + 1)) return k;
    }
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
