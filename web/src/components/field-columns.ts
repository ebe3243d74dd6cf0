// Table columns named by report fields: each column's header and cell format come from the
// field catalogue (report/fields.ts), so a table says what the workbook and the docs say. A rate
// whose base is a field of the same row is shown with its evidence (RateValue).
import { createElement } from 'react';
import { MIN_RATE_BASE } from '@report/format.js';
import type { Lang } from '../i18n';
import { fieldLabel, fieldOf, fmtField } from '../report/fields';
import { RateValue } from './RateValue';
import type { Column } from './ui';

/**
 * Returns one right-aligned column per key, for rows of the array field at `prefix` (e.g.
 * `distribution.by_channel[]`); `min` is the report's min_rate_base.
 */
export function fieldColumns<T extends object, K extends keyof T & string>(
  prefix: string,
  keys: readonly K[],
  lang: Lang,
  currency: string,
  min = MIN_RATE_BASE,
): Column<T>[] {
  return keys.map((k) => {
    const path = `${prefix}.${k}`;
    const base = fieldOf(path).n;
    return {
      key: k,
      label: fieldLabel(path, lang),
      align: 'right' as const,
      render: (row: T) => {
        const v = row[k] as number | string | null;
        const n = base === undefined ? undefined : (row as Record<string, unknown>)[base];
        if (typeof n === 'number' && (typeof v === 'number' || v === null))
          return createElement(RateValue, { rate: v, n, min });
        return fmtField(path, v, lang, currency);
      },
    };
  });
}
