// 概要 / Overview: the §3 scalars this year and last year, the revenue identity, the five
// numbers of the month and the findings at a glance.
import type ExcelJS from 'exceljs';
import type { WorkbookReport } from '../sections.js';
import type { CoreMetrics } from '../../../store/metrics/core.js';
import {
  L,
  freeze,
  longText,
  heading,
  table,
  title,
  widths,
  type Fmt,
  type SheetContext,
} from '../style.js';
import { sheetName } from '../labels.js';
import { compareTable } from '../compare.js';
import { addDays } from '../../../domain/dates.js';

type Pick = (m: CoreMetrics) => number | null;

/** The overview rows: SPEC name, how to read it from CoreMetrics, and its format. */
export const OVERVIEW_ROWS: [string, Pick, Fmt][] = [
  ['active_customers', (m) => m.active_customers, 'int'],
  ['annual_revenue', (m) => m.annual_revenue, 'money'],
  ['annual_ltv', (m) => m.annual_ltv, 'money'],
  ['retention_rate', (m) => m.retention_rate, 'pct'],
  ['new', (m) => m.flows.new, 'int'],
  ['retained', (m) => m.flows.retained, 'int'],
  ['reactivated', (m) => m.flows.reactivated, 'int'],
  ['churned', (m) => m.flows.churned, 'int'],
  ['unattributed_revenue', (m) => m.unattributed_revenue, 'money'],
  ['contacts', (m) => m.contacts, 'int'],
  ['contacts_per_active', (m) => m.contacts_per_active, 'dec2'],
];

/** Writes the this-year / last-year table with change formulas; returns the next row. */
function scalars(ws: ExcelJS.Worksheet, ctx: SheetContext, r: WorkbookReport, row: number): number {
  return compareTable(
    ws,
    ctx,
    { row },
    OVERVIEW_ROWS.map(([key, pick, fmt]) => ({
      key,
      cur: pick(r.metrics),
      prev: pick(r.metrics_prev_year),
      fmt,
      // Retention is a rate of the retention base: blank and "too few" below the minimum.
      ...(key === 'retention_rate'
        ? {
            base: [r.metrics.retention_base, r.metrics_prev_year.retention_base] as [
              number,
              number,
            ],
          }
        : {}),
    })),
  );
}

/** Writes 年商 = 年間LTV × 稼働顧客数 with the stored numbers; returns the next row. */
function identity(
  ws: ExcelJS.Worksheet,
  ctx: SheetContext,
  r: WorkbookReport,
  row: number,
): number {
  row = heading(ws, row, L(ctx, 'revenue_identity'));
  const m = r.metrics;
  const cells: [ExcelJS.CellValue, string | undefined][] = [
    [m.annual_revenue, ctx.money],
    ['=', undefined],
    [m.annual_ltv, ctx.money],
    ['×', undefined],
    [m.active_customers, '#,##0'],
  ];
  cells.forEach(([v, f], i) => {
    const c = ws.getCell(row, i + 1);
    c.value = v;
    if (f) c.numFmt = f;
    c.font = { bold: true, size: 12 };
  });
  return row + 2;
}

/** Writes the five numbers of the month of D with thresholds and ratings; returns the next row. */
function fiveNumbers(
  ws: ExcelJS.Worksheet,
  ctx: SheetContext,
  r: WorkbookReport,
  row: number,
): number {
  const f = r.five_numbers;
  const a = r.five_numbers_assessment;
  row = heading(
    ws,
    row,
    `${sheetName('five', ctx.lang)} — ${f.month}${f.month_to_date ? ` (${L(ctx, 'month_to_date')})` : ''}`,
  );
  const keys = [
    'total_customers',
    'existing_customers',
    'new_customers',
    'existing_avg_spend',
    'new_avg_spend',
  ] as const;
  const out = table(
    ws,
    ctx,
    { row },
    [
      { header: L(ctx, 'metric'), value: (k) => L(ctx, k) },
      { header: L(ctx, 'value'), value: (k) => f[k], fmt: 'int' },
      { header: L(ctx, 'threshold'), value: (k) => a.thresholds[k], fmt: 'int' },
      { header: L(ctx, 'rating'), value: (k) => L(ctx, a.ratings[k]) },
    ],
    keys,
  );
  keys.forEach((k, i) => {
    if (k.endsWith('spend'))
      for (const c of [2, 3]) ws.getCell(out.first + i, c).numFmt = ctx.money;
  });
  ws.getCell(out.next - 1, 1).value = L(ctx, 'state');
  ws.getCell(out.next - 1, 1).font = { bold: true };
  ws.getCell(out.next - 1, 2).value = a.state_text[ctx.lang];
  return out.next + 1;
}

/** Writes the count of findings by severity and their titles; returns the next row. */
function findings(
  ws: ExcelJS.Worksheet,
  ctx: SheetContext,
  r: WorkbookReport,
  row: number,
): number {
  row = heading(ws, row, `${L(ctx, 'findings_count')}: ${r.findings.length}`);
  // Each title wraps across the sheet's width, never cut at the cell edge.
  for (const f of r.findings)
    row = longText(ws, row, `[${L(ctx, f.severity)}] ${f.title[ctx.lang]}`, [1, 5]);
  return row + 1;
}

/** Adds the overview sheet. */
export function addOverviewSheet(
  wb: ExcelJS.Workbook,
  r: WorkbookReport,
  ctx: SheetContext,
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(sheetName('overview', ctx.lang));
  widths(ws, [34, 18, 18, 16, 12]);
  const sub = `${L(ctx, 'as_of')} ${r.as_of} · ${L(ctx, 'last_year')} ${addDays(r.as_of, -365)} · ${L(ctx, 'computed_at')} ${r.computed_at}`;
  let row = title(ws, 1, `${L(ctx, 'title')} — ${r.business.name}`, sub);
  freeze(ws, row - 1);
  row = scalars(ws, ctx, r, row);
  row = identity(ws, ctx, r, row);
  row = fiveNumbers(ws, ctx, r, row);
  findings(ws, ctx, r, row);
  return ws;
}
