// Seeded pseudo-random numbers for the demo generator. Every customer gets its own stream
// (seeded from the run seed, a stream id and the customer's index), so a customer's life does
// not depend on how many random draws the customers before it happened to use: two runs that
// differ only inside a scenario window produce the same customers before that window.
//
// The core is sfc32 (Chris Doty-Humphrey's small fast counting generator): four 32-bit words,
// additions and shifts only, fast in V8 and good enough for simulation. 32-bit uniforms are
// plenty here (no sampler below needs more resolution than 2^-32).

/** A seeded generator with the samplers the demo business needs. */
export class Rng {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;

  constructor(...key: number[]) {
    this.reseed(...key);
  }

  /** Re-initialises the state from integer key parts (e.g. seed, stream, index); returns this. */
  reseed(...key: number[]): this {
    // Mix every key part through splitmix32 so that neighbouring indices give unrelated states.
    let h = 0x6a09e667;
    for (const k of key) h = mix32((h ^ (k >>> 0)) + ((k / 4294967296) >>> 0) * 0x9e3779b9);
    this.a = mix32(h + 0x9e3779b9);
    this.b = mix32(h + 0x3c6ef372);
    this.c = mix32(h + 0xdaa66d2b);
    this.d = 1;
    // sfc32 needs a few rounds before the state is well mixed.
    for (let i = 0; i < 12; i++) this.next();
    return this;
  }

  /** Returns a uniform number in [0, 1) with 32 bits of resolution. */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** Returns an integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Returns true with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Returns an exponential draw with the given mean. */
  exp(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /** Returns a standard normal draw (Box–Muller; one of the pair is discarded for simplicity). */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** Returns a log-normal multiplier with median 1 and log-standard-deviation sigma. */
  logNormal(sigma: number): number {
    return Math.exp(sigma * this.normal());
  }

  /** Returns a gamma draw with the given shape and mean (Marsaglia & Tsang 2000). */
  gamma(shape: number, mean: number): number {
    if (shape < 1) {
      // Boost a shape below 1: G(k) = G(k+1) · U^(1/k).
      // Same scale (mean / shape), so the mean of G(k+1) is mean · (k+1) / k.
      return (
        this.gamma(shape + 1, (mean * (shape + 1)) / shape) * Math.pow(1 - this.next(), 1 / shape)
      );
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
      const u = 1 - this.next();
      if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
        return (d * v * mean) / shape;
      }
    }
  }

  /** Returns a beta draw with the given mean and concentration (a + b). */
  beta(mean: number, concentration: number): number {
    // Gamma(a) / (Gamma(a) + Gamma(b)) with unit scale, i.e. mean = shape.
    const a = mean * concentration;
    const b = (1 - mean) * concentration;
    const x = this.gamma(a, a);
    const y = this.gamma(b, b);
    return x / (x + y);
  }

  /** Returns a Poisson draw with the given mean (Knuth below 30, normal approximation above). */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean >= 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }

  /** Returns an index drawn from cumulative weights (last entry = total), by binary search. */
  pick(cumulative: ArrayLike<number>): number {
    const n = cumulative.length;
    const x = this.next() * cumulative[n - 1];
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** Returns round(x) up or down at random so that the expectation is x (stochastic rounding). */
  round(x: number): number {
    const f = Math.floor(x);
    return f + (this.next() < x - f ? 1 : 0);
  }
}

/** Returns cumulative sums of the weights, for Rng.pick. */
export function cumulative(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let s = 0;
  for (let i = 0; i < weights.length; i++) out[i] = s += weights[i];
  return out;
}

// splitmix32's finaliser: a bijective mix of 32 bits.
function mix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}
