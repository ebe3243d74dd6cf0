// Number formatting for the dashboard: thousands separators, the currency, rates in percent.
// Values arrive as computed and stored; formatting never changes a number, only how it reads.

/** Returns an integer-like count with separators ('—' when missing). */
export function fmtInt(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return Math.round(n).toLocaleString('ja-JP');
}

/** Returns a number with `digits` decimals. */
export function fmtNum(n: number | null | undefined, digits = 1): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return n.toLocaleString('ja-JP', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

/** Returns an amount in the currency (¥ for JPY, whole units). */
export function fmtMoney(n: number | null | undefined, currency = 'JPY'): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  const s = Math.round(n).toLocaleString('ja-JP');
  return currency === 'JPY' ? `¥${s}` : `${s} ${currency}`;
}

/** Returns a large amount shortened: 1.23億 / 4,560万 (ja) or 123M / 4.56M (en). */
export function fmtCompactMoney(
  n: number | null | undefined,
  lang: 'ja' | 'en',
  currency = 'JPY',
): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  const sign = n < 0 ? '-' : '';
  const a = Math.abs(n);
  const cur = currency === 'JPY' ? '¥' : '';
  if (lang === 'ja') {
    if (a >= 1e8) return `${sign}${cur}${(a / 1e8).toFixed(2)}億`;
    // Below ¥10万 one decimal keeps axis steps like ¥1.5万 and ¥2万 apart.
    if (a >= 1e5) return `${sign}${cur}${Math.round(a / 1e4).toLocaleString('ja-JP')}万`;
    if (a >= 1e4) return `${sign}${cur}${Number((a / 1e4).toFixed(1))}万`;
    return `${sign}${cur}${Math.round(a).toLocaleString('ja-JP')}`;
  }
  if (a >= 1e9) return `${sign}${cur}${(a / 1e9).toFixed(2)}B`;
  if (a >= 1e6) return `${sign}${cur}${(a / 1e6).toFixed(2)}M`;
  if (a >= 1e3) return `${sign}${cur}${(a / 1e3).toFixed(1)}k`;
  return `${sign}${cur}${Math.round(a)}`;
}

/** Returns a rate 0.6543 as 65.4%. */
export function fmtPct(r: number | null | undefined, digits = 1): string {
  if (r === null || r === undefined || !Number.isFinite(r)) return '—';
  return `${(r * 100).toFixed(digits)}%`;
}

/** Returns the relative change of `cur` against `prev` (null when prev is 0 or missing). */
export function change(
  cur: number | null | undefined,
  prev: number | null | undefined,
): number | null {
  if (cur === null || cur === undefined || prev === null || prev === undefined || prev === 0)
    return null;
  return (cur - prev) / Math.abs(prev);
}

/** Returns a signed percent change: +3.2% / −1.0%. */
export function fmtChange(r: number | null): string {
  if (r === null || !Number.isFinite(r)) return '—';
  const s = (r * 100).toFixed(1);
  return r > 0 ? `+${s}%` : r < 0 ? `−${s.slice(1)}%` : '±0.0%';
}

/** Returns a difference of rates (a fraction) in signed points without the unit: +2.1, −0.4. */
function signedPoints(d: number): string {
  const x = d * 100;
  return `${x > 0 ? '+' : x < 0 ? '−' : '±'}${Math.abs(x).toFixed(1)}`;
}

/** Returns a signed difference in points for rates: +2.1pt. */
export function fmtPoints(cur: number | null | undefined, prev: number | null | undefined): string {
  if (cur == null || prev == null) return '—';
  return `${signedPoints(cur - prev)}pt`;
}

/** Returns the interval of a difference of rates in points: −3.0 … +12.4pt. */
export function fmtPointsRange(
  low: number | null | undefined,
  high: number | null | undefined,
): string {
  if (low == null || high == null) return '—';
  return `${signedPoints(low)} … ${signedPoints(high)}pt`;
}
