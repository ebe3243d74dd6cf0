// How numbers and lines read in an alert: yen with separators (¥1,234), rates as 3.2 %,
// changes with an arrow, and plain-text lines wrapped to a width a phone shows whole.
import { tooFew, type Kpi, type KpiKind } from '../kpis.js';
import { rateEvidence } from '../../report/format.js';

/** Returns a number with thousands separators and `digits` decimals. */
function sep(n: number, digits = 0): string {
  return n.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

/** Returns money in the currency: ¥1,234 for yen, else "1,234.00 USD". */
export function fmtMoney(n: number, currency = 'JPY'): string {
  if (currency === 'JPY') return `${n < 0 ? '−' : ''}¥${sep(Math.abs(Math.round(n)))}`;
  return `${sep(n, 2)} ${currency}`;
}

/** Returns a value of a kind as a reader reads it ('—' for none). */
export function fmtValue(kind: KpiKind, v: number | null, currency = 'JPY'): string {
  if (v === null || !Number.isFinite(v)) return '—';
  switch (kind) {
    case 'int':
      return sep(v);
    case 'money':
      return fmtMoney(v, currency);
    case 'rate':
      return `${(v * 100).toFixed(1)} %`;
    default:
      return sep(v, 2);
  }
}

/** Returns a KPI's value as a reader reads it; a rate with its n, or "too few to judge (n=4)". */
export function fmtKpi(k: Kpi, lang: 'ja' | 'en', currency = 'JPY'): string {
  if (!k.reading || k.value === null) return fmtValue(k.kind, k.value, currency);
  if (tooFew(k)) return rateEvidence(k.reading, lang);
  return `${fmtValue(k.kind, k.value, currency)} (n=${sep(k.reading.n)})`;
}

/** Returns a change with its arrow: "▲ 772 (+27.2 %)", rates in points "▼ 1.0 pt"; none for a rate out of too few customers. */
export function fmtChange(k: Kpi, prev: number | null, currency = 'JPY'): string | null {
  if (k.value === null || prev === null || tooFew(k)) return null;
  const d = k.value - prev;
  const arrow = Math.abs(d) < 1e-12 ? '→' : d > 0 ? '▲' : '▼';
  if (k.kind === 'rate') return `${arrow} ${Math.abs(d * 100).toFixed(1)} pt`;
  const abs =
    k.kind === 'money'
      ? fmtMoney(Math.abs(d), currency)
      : k.kind === 'int'
        ? sep(Math.abs(d))
        : sep(Math.abs(d), 2);
  const rel =
    prev !== 0 ? ` (${d >= 0 ? '+' : '−'}${Math.abs((d / prev) * 100).toFixed(1)} %)` : '';
  return `${arrow} ${abs}${rel}`;
}

/** Returns the display width of text (a CJK or full-width character counts 2). */
export function displayWidth(s: string): number {
  let n = 0;
  for (const ch of s) n += /[\u2E80-\uFFEF]/.test(ch) && !/[\uFF61-\uFF9F]/.test(ch) ? 2 : 1;
  return n;
}

/** Returns `line` wrapped to `width` columns (indent kept on continuation lines); words stay whole where there are spaces. */
export function wrapLine(line: string, width = 72): string[] {
  if (displayWidth(line) <= width) return [line];
  const indent = /^\s*/.exec(line)![0];
  const out: string[] = [];
  let cur = '';
  let w = 0;
  const push = () => {
    out.push(cur.trimEnd());
    cur = indent;
    w = displayWidth(indent);
  };
  // Tokens: a run of Latin letters/digits (kept whole) or one other character.
  for (const tok of line.match(/[A-Za-z0-9.,:/@%+_#=?&-]+|./gu) ?? []) {
    const tw = displayWidth(tok);
    if (w + tw > width && cur.trim()) push();
    if (tok === ' ' && cur === indent) continue;
    cur += tok;
    w += tw;
  }
  if (cur.trim()) out.push(cur.trimEnd());
  return out;
}

/** Returns text with every line wrapped to `width` columns. */
export function wrapText(text: string, width = 72): string {
  return text
    .split('\n')
    .flatMap((l) => wrapLine(l, width))
    .join('\n');
}

/** Returns text escaped for HTML. */
export function escHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
