// Labels and formats of the report's numbers, from the contract's field catalogue (src/report,
// written into the bundle at build time): a table column or a card names its field by path
// (`purchase.overdue.current.overdue_active`) and gets the words and the format every other
// output uses. Paths of array rows take `[]`: `distribution.by_channel[].contacts`.
import catalogue from 'virtual:report-catalogue';
import type { FieldLabel } from '@report/catalogue.js';
import type { Lang } from '../i18n';
import { fmtInt, fmtMoney, fmtNum, fmtPct } from '../format';

/** Returns the catalogue entry of a path; an unknown path is a programming error. */
export function fieldOf(path: string): FieldLabel {
  const f = catalogue[path];
  if (!f) throw new Error(`no report field ${path}`);
  return f;
}

/** Returns the label of a field in the language. */
export function fieldLabel(path: string, lang: Lang): string {
  return fieldOf(path)[lang];
}

/** Returns a value formatted by its field's unit (counts, money, rates, ratios, days). */
export function fmtField(
  path: string,
  v: number | string | null | undefined,
  lang: Lang,
  currency = 'JPY',
): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return v;
  switch (fieldOf(path).unit) {
    case 'count':
      return fmtInt(v);
    case 'yen':
      return fmtMoney(v, currency);
    case 'rate':
      return fmtPct(v);
    case 'ratio':
    case 'number':
      return fmtNum(v, 2);
    case 'days':
      return lang === 'ja' ? `${fmtInt(v)}日` : `${fmtInt(v)} days`;
    default:
      return String(v);
  }
}
