// Reading a rate with its base: the 95 % Wilson interval of a share of n, so a rate of 3 of 4
// is shown as uncertain as it is, and the one reading of "too few to judge". Pure arithmetic
// and words on the report's ground floor (it imports nothing), so the dashboard, the workbook,
// the alerts and the rules (through domain/evidence.ts) read a rate the same way.

/** The z of a two-sided 95 % interval or test. */
export const Z95 = 1.96;

/**
 * Fewest customers a rate is judged on by default (settings.diagnosis.min_rate_base; the report
 * header carries the value in force): below it a rate is "too few to judge", never a bar at 0 %
 * or 100 %.
 */
export const MIN_RATE_BASE = 30;

/** What every output writes instead of a rate measured on too few customers. */
export const TOO_FEW_TO_JUDGE = { ja: '判断するには少なすぎます', en: 'too few to judge' } as const;

/** Returns the Wilson score interval [low, high] of `k` of `n`, or null without a base. */
export function wilson(k: number, n: number, z = Z95): [number, number] | null {
  if (!(n > 0)) return null;
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** Returns the 95 % Wilson score interval [low, high] of `rate` out of `n`, or null without a base. */
export function rateInterval(rate: number | null, n: number, z = Z95): [number, number] | null {
  if (rate === null) return null;
  return wilson(rate * n, n, z);
}

/** A rate as every output shows it: the value, its base, its interval and whether it can be judged. */
export interface RateReading {
  rate: number | null;
  n: number;
  /** The 95 % Wilson interval; null without a base. */
  interval: [number, number] | null;
  /** False below the minimum base: the rate is written as "too few to judge", not drawn. */
  judged: boolean;
}

/** Returns how a rate out of `n` customers reads, judged from `min` customers on. */
export function readRate(rate: number | null, n: number, min = MIN_RATE_BASE): RateReading {
  const judged = rate !== null && n >= min;
  return { rate, n, interval: rateInterval(rate, n), judged };
}

/** Returns a rate 0.6543 as "65.4%" (digits after the point); '—' when null. */
export function percent(r: number | null, digits = 1): string {
  return r === null || !Number.isFinite(r) ? '—' : `${(r * 100).toFixed(digits)}%`;
}

/**
 * Returns the evidence line of a rate in the language: "n=123 · 95%: 60.1–70.2%", or
 * "判断するには少なすぎます (n=4)" below the minimum; '' without a rate.
 */
export function rateEvidence(r: RateReading, lang: 'ja' | 'en'): string {
  if (r.rate === null) return '';
  const n = `n=${r.n.toLocaleString('ja-JP')}`;
  if (!r.judged) return `${TOO_FEW_TO_JUDGE[lang]} (${n})`;
  const i = r.interval;
  return i ? `${n} · 95%: ${percent(i[0])}–${percent(i[1])}` : n;
}

/**
 * The verdicts of a lift (a difference of two rates), declared here so the report contract can
 * name them; domain/evidence.ts decides them. too_few: either group below the minimum base;
 * within_noise: the 95 % interval of the difference covers 0; higher / lower: it does not.
 */
export const LIFT_VERDICTS = ['too_few', 'within_noise', 'higher', 'lower'] as const;
export type LiftVerdict = (typeof LIFT_VERDICTS)[number];
