// 予測 / Projection: "if this continues" in the book's language — the year-by-year path of
// active customers (whole customers) and revenue (yen) with its band, and the inputs the
// model was fitted with, each named. Reads report.projection; "not computed" when absent.
import type ExcelJS from 'exceljs';
import type { WorkbookReport } from '../sections.js';
import type { ProjectionYear } from '../../../domain/projection.js';
import {
  L,
  freeze,
  heading,
  notComputed,
  table,
  title,
  widths,
  type Fmt,
  type SheetContext,
} from '../style.js';
import { sheetName } from '../labels.js';

const whole = (x: number) => Math.round(x);

/** Returns the label of a projected year (this year, in n years). */
function yearLabel(ctx: SheetContext, y: ProjectionYear): string {
  return y.year === 0 ? L(ctx, 'this_year') : L(ctx, 'years_ahead', { n: y.year });
}

/** Writes the fitted inputs as named rows; returns the next row. */
function inputs(ws: ExcelJS.Worksheet, ctx: SheetContext, r: WorkbookReport, row: number): number {
  const fit = r.projection.fit;
  const rows: [string, number | null, Fmt][] = [
    [L(ctx, 'new_customers_per_year'), whole(fit.new_customers_per_year), 'int'],
    [L(ctx, 'new_customers_uncertainty'), whole(fit.new_customers_uncertainty), 'int'],
    [L(ctx, 'retention_uncertainty'), fit.retention_uncertainty, 'pct'],
    [L(ctx, 'dormant_customers'), whole(fit.dormant_customers), 'int'],
    [L(ctx, 'reactivation_rate'), fit.reactivation_rate, 'pct'],
    [L(ctx, 'reactivated_annual_spend'), whole(fit.reactivated_annual_spend), 'money'],
    ...fit.active_by_tenure.map((a, i): [string, number, Fmt] => [
      L(ctx, 'tenure_active', { n: i + 1 }),
      whole(a),
      'int',
    ]),
    ...fit.retention_by_tenure.map((x, i): [string, number, Fmt] => [
      L(ctx, 'tenure_retention', { n: i + 1, m: i + 2 }),
      x,
      'pct',
    ]),
    ...fit.annual_ltv_by_tenure.map((x, i): [string, number, Fmt] => [
      L(ctx, 'tenure_ltv', { n: i + 1 }),
      whole(x),
      'money',
    ]),
  ];
  row = heading(ws, row, L(ctx, 'projection_inputs'));
  const out = table(
    ws,
    ctx,
    { row },
    [
      { header: L(ctx, 'metric'), value: (x) => x[0] },
      { header: L(ctx, 'value'), value: (x) => x[1] },
    ],
    rows,
  );
  rows.forEach(([, , fmt], i) => {
    const c = ws.getCell(out.first + i, 2);
    c.numFmt = fmt === 'pct' ? '0.0%' : fmt === 'money' ? ctx.money : '#,##0';
  });
  return out.next;
}

/** Adds the projection sheet. */
export function addProjectionSheet(
  wb: ExcelJS.Workbook,
  r: WorkbookReport,
  ctx: SheetContext,
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(sheetName('projection', ctx.lang));
  widths(ws, [34, 16, 16, 16, 18, 18, 18]);
  let row = title(
    ws,
    1,
    `${sheetName('projection', ctx.lang)} — ${r.as_of}`,
    L(ctx, 'projection_lead'),
  );
  const p = r.projection;
  if (!p?.years) {
    notComputed(ws, ctx, row);
    return ws;
  }
  row = heading(ws, row, L(ctx, 'projection_years'));
  freeze(ws, row);
  // Whole customers and whole yen: the model's fractions are not information.
  row = table(
    ws,
    ctx,
    { row },
    [
      { header: L(ctx, 'year'), value: (y: ProjectionYear) => yearLabel(ctx, y) },
      { header: L(ctx, 'active_customers'), value: (y) => whole(y.active_customers), fmt: 'int' },
      { header: L(ctx, 'active_low'), value: (y) => whole(y.active_low), fmt: 'int' },
      { header: L(ctx, 'active_high'), value: (y) => whole(y.active_high), fmt: 'int' },
      { header: L(ctx, 'revenue_projected'), value: (y) => whole(y.revenue), fmt: 'money' },
      { header: L(ctx, 'revenue_low'), value: (y) => whole(y.revenue_low), fmt: 'money' },
      { header: L(ctx, 'revenue_high'), value: (y) => whole(y.revenue_high), fmt: 'money' },
    ],
    p.years,
  ).next;
  inputs(ws, ctx, r, row);
  return ws;
}
