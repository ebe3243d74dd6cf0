// Table columns named by report fields: each column's header and cell format come from the
// field catalogue (report/fields.ts), so a table says what the workbook and the docs say.
import type { Lang } from '../i18n';
import { fieldLabel, fmtField } from '../report/fields';
import type { Column } from './ui';

/** Returns one right-aligned column per key, for rows of the array field at `prefix` (e.g. `distribution.by_channel[]`). */
export function fieldColumns<T extends object, K extends keyof T & string>(
  prefix: string,
  keys: readonly K[],
  lang: Lang,
  currency: string,
): Column<T>[] {
  return keys.map((k) => {
    const path = `${prefix}.${k}`;
    return {
      key: k,
      label: fieldLabel(path, lang),
      align: 'right' as const,
      render: (row: T) => fmtField(path, row[k] as number | string | null, lang, currency),
    };
  });
}
