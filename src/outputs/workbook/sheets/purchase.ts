// 業績診断B 購買 / Purchase diagnosis: purchases and order value per active customer against
// last year, customers overdue against their own interval, and discount-acquired customers
// against the rest. Reads report.purchase; says "not computed" when the report lacks it.
import type ExcelJS from 'exceljs';
import type { WorkbookReport } from '../sections.js';
import type {
  PurchaseReport,
  PurchaseYear,
  OverdueSnapshot,
  DiscountGroup,
} from '../../../store/metrics/purchase.js';
import {
  L,
  findingLines,
  freeze,
  heading,
  notComputed,
  title,
  widths,
  type Fmt,
  type SheetContext,
} from '../style.js';
import { compareTable, type CompareRow } from '../compare.js';
import { fmtOfKey } from '../generic.js';
import { sheetName } from '../labels.js';

const YEAR_KEYS: (keyof PurchaseYear)[] = [
  'active_customers',
  'purchases',
  'purchase_days',
  'purchase_amount',
  'purchases_per_active',
  'average_order_value',
  'purchase_days_per_active',
  'discounted_purchases',
  'discounted_amount',
  'discount_purchase_share',
  'discount_amount_share',
];
const OVERDUE_KEYS: (keyof OverdueSnapshot)[] = [
  'repeat_customers',
  'overdue_customers',
  'overdue_active',
  'active_customers',
  'overdue_share',
  'median_f2_days',
  'single_purchase_customers',
  'single_past_median_f2',
];
const GROUP_KEYS: (keyof DiscountGroup)[] = [
  'new_customers',
  'cohort_customers',
  'f2_within_365',
  'f2_rate',
  'retained',
  'retention_rate',
];

/** Returns the format of a PurchaseYear field. */
function yearFmt(k: string): Fmt {
  if (k.endsWith('share')) return 'pct';
  if (k.includes('per_active')) return 'dec2';
  return /amount|value/.test(k) ? 'money' : 'int';
}

/** Returns compare rows of the numeric fields `keys` of two records. */
function rowsOf<T extends object>(
  keys: (keyof T)[],
  cur: T,
  prev: T,
  fmt?: (k: string) => Fmt,
  bases: Partial<Record<keyof T, keyof T>> = {},
): CompareRow[] {
  return keys.map((k) => {
    const c = cur[k] as unknown as number | null;
    const p = prev[k] as unknown as number | null;
    const b = bases[k];
    return {
      key: String(k),
      cur: c,
      prev: p,
      fmt: fmt?.(String(k)) ?? fmtOfKey(String(k), c ?? p ?? 0),
      ...(b ? { base: [cur[b] as number, prev[b] as number] as [number, number] } : {}),
    };
  });
}

/** Writes the three comparisons of a purchase report; returns the next row. */
function body(ws: ExcelJS.Worksheet, ctx: SheetContext, p: PurchaseReport, row: number): number {
  row = heading(ws, row, `${p.current.window_start} – ${p.current.window_end}`);
  row = compareTable(
    ws,
    ctx,
    { row },
    rowsOf(YEAR_KEYS, p.current, p.previous, yearFmt, {
      discount_purchase_share: 'purchases',
    }),
  );
  row = heading(ws, row, `${L(ctx, 'overdue')} (× ${p.overdue.interval_multiple})`);
  row = compareTable(
    ws,
    ctx,
    { row },
    rowsOf(
      OVERDUE_KEYS,
      p.overdue.current,
      p.overdue.previous,
      (k) => (k.endsWith('share') ? 'pct' : 'int'),
      { overdue_share: 'active_customers' },
    ),
  );
  row = heading(
    ws,
    row,
    `${L(ctx, 'discount_acquired')} (${p.discount_acquired.cohort_start} – ${p.discount_acquired.cohort_end})`,
  );
  const d = p.discount_acquired;
  return compareTable(
    ws,
    ctx,
    { row },
    rowsOf(GROUP_KEYS, d.discounted, d.other, (k) => (k.endsWith('rate') ? 'pct' : 'int'), {
      f2_rate: 'cohort_customers',
      retention_rate: 'cohort_customers',
    }),
    [L(ctx, 'discounted'), L(ctx, 'other')],
  );
}

/** Adds the purchase diagnosis sheet. */
export function addPurchaseSheet(
  wb: ExcelJS.Workbook,
  r: WorkbookReport,
  ctx: SheetContext,
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(sheetName('purchase', ctx.lang));
  widths(ws, [36, 16, 16, 14, 12, 44]);
  let row = title(ws, 1, `${sheetName('purchase', ctx.lang)} — ${r.as_of}`);
  freeze(ws, 2);
  if (!r.purchase) {
    notComputed(ws, ctx, row);
    return ws;
  }
  row = body(ws, ctx, r.purchase, row);
  findingLines(
    ws,
    ctx,
    r.findings.filter((f) => f.id.startsWith('purchase.')),
    row,
    true,
  );
  return ws;
}
