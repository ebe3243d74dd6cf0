// Sums and differences of numbers held as logarithms: the likelihoods multiply tiny
// probabilities by huge hypergeometric values, which only stay finite in log space.

/** Returns log(exp(a) + exp(b)) without overflow. */
export function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/** Returns log(exp(a) − exp(b)) for a ≥ b; -Infinity when they are equal (or b > a by rounding). */
export function logSubExp(a: number, b: number): number {
  if (b === -Infinity) return a;
  if (!(a > b)) return -Infinity;
  const d = b - a;
  // log1p(-e^d) loses digits near d = 0; log(-expm1(d)) does not (Mächler 2012).
  return a + (d > -Math.LN2 ? Math.log(-Math.expm1(d)) : Math.log1p(-Math.exp(d)));
}
