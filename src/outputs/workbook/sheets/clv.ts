// 顧客生涯価値 / Customer value: the report's clv section in the book's language — the models with
// their standard errors, the holdout check and its weekly tracking, the forecast, high value at
// risk (counts and value only: no names in the book) and the deciles. Field labels are the
// report catalogue's (src/report), so the sheet names each number as docs/report.md does.
// Reads report.clv; "not computed" when the report predates it, the reason when too few.
import type ExcelJS from 'exceljs';
import type { WorkbookReport } from '../sections.js';
import { fieldCatalogue, type ClvSection } from '../../../report/index.js';
import {
  L,
  heading,
  layoutOf,
  notComputed,
  numFmt,
  table,
  title,
  widths,
  type Column,
  type Fmt,
  type SheetContext,
} from '../style.js';
import { sheetName } from '../labels.js';

/** The first column of the right-hand block. */
const RIGHT = 5;

const MODEL_NAMES: Record<ClvSection['model'], string> = {
  bgnbd: 'BG/NBD',
  mbgnbd: 'MBG/NBD',
  pareto: 'Pareto/NBD',
};

let catalogue: ReturnType<typeof fieldCatalogue> | null = null;

/** Returns the catalogue label of a report field, e.g. `clv.forecast.purchases_90`. */
function F(ctx: SheetContext, path: string): string {
  catalogue ??= fieldCatalogue();
  const f = catalogue[path];
  if (!f) throw new Error(`no report field ${path}`);
  return f[ctx.lang];
}

type Line = [path: string, value: ExcelJS.CellValue, fmt: Fmt];

/** Writes label/value rows (each value with its own format); returns the next row. */
function lines(ws: ExcelJS.Worksheet, ctx: SheetContext, row: number, items: Line[]): number {
  const out = table(
    ws,
    ctx,
    { row },
    [
      { header: L(ctx, 'metric'), value: (x: Line) => F(ctx, x[0]) },
      { header: L(ctx, 'value'), value: (x: Line) => x[1] },
    ],
    items,
  );
  items.forEach(([, , fmt], i) => {
    const f = numFmt(fmt, ctx);
    if (f) ws.getCell(out.first + i, 2).numFmt = f;
  });
  return out.next;
}

/** Writes a model's parameters with their standard errors; returns the next row. */
function params(
  ws: ExcelJS.Worksheet,
  ctx: SheetContext,
  row: number,
  fit: { params: Record<string, number>; standard_errors: Record<string, number | null> },
): number {
  return table(
    ws,
    ctx,
    { row },
    [
      { header: L(ctx, 'wb_clv_parameter'), value: ([k]: [string, number]) => k },
      { header: L(ctx, 'wb_clv_estimate'), value: ([, v]) => v, fmt: 'dec2' },
      {
        header: F(ctx, 'clv.purchase.standard_errors'),
        value: ([k]) => fit.standard_errors[k] ?? null,
        fmt: 'dec2',
      },
    ],
    Object.entries(fit.params),
  ).next;
}

/** Writes the fitted models: counts, then each model's parameters; returns the next row. */
function models(ws: ExcelJS.Worksheet, ctx: SheetContext, c: ClvSection, row: number): number {
  row = heading(ws, row, L(ctx, 'wb_clv_model'));
  row = lines(ws, ctx, row, [
    ['clv.model', MODEL_NAMES[c.model], 'text'],
    ['clv.customers', c.customers, 'int'],
    ['clv.repeat_buyers', c.repeat_buyers, 'int'],
    ['clv.fitted_at', c.fitted_at, 'text'],
  ]);
  if (c.purchase) {
    row = heading(ws, row, `${L(ctx, 'wb_clv_purchase_model')}: ${MODEL_NAMES[c.model]}`);
    row = params(ws, ctx, row, c.purchase);
  }
  row = heading(ws, row, L(ctx, 'wb_clv_spend_model'));
  if (!c.spend) {
    ws.getCell(row, 1).value = c.spend_reason?.[ctx.lang] ?? null;
    return row + 2;
  }
  row = params(ws, ctx, row, c.spend);
  return lines(ws, ctx, row, [
    ['clv.spend.population_mean_spend', Math.round(c.spend.population_mean_spend), 'money'],
  ]);
}

/** Writes the holdout check's totals; returns the next row. */
function check(ws: ExcelJS.Worksheet, ctx: SheetContext, c: ClvSection, row: number): number {
  row = heading(ws, row, L(ctx, 'wb_clv_check'));
  const h = c.holdout;
  if (!h) {
    ws.getCell(row, 1).value = c.holdout_reason?.[ctx.lang] ?? null;
    return row + 2;
  }
  return lines(ws, ctx, row, [
    ['clv.holdout.calibration_end', h.calibration_end, 'text'],
    ['clv.holdout.weeks', h.weeks, 'int'],
    ['clv.holdout.customers', h.customers, 'int'],
    ['clv.holdout.actual_purchases', h.actual_purchases, 'int'],
    ['clv.holdout.expected_purchases', h.expected_purchases, 'dec1'],
    ['clv.holdout.aggregate_error', h.aggregate_error, 'pct'],
    ['clv.holdout.mae', h.mae, 'dec2'],
  ]);
}

/** Writes a heading and a table under it at (row, col); returns the next row. */
function titledTable<T>(
  ws: ExcelJS.Worksheet,
  ctx: SheetContext,
  at: { row: number; col: number },
  headingKey: string,
  columns: Column<T>[],
  rows: readonly T[],
): number {
  const row = heading(ws, at.row, L(ctx, headingKey), at.col);
  return table(ws, ctx, { row, col: at.col }, columns, rows).next;
}

type Point = NonNullable<ClvSection['holdout']>['tracking'][number];

/** The columns of the check's weekly tracking series. */
const trackingColumns = (ctx: SheetContext): Column<Point>[] => [
  { header: F(ctx, 'clv.holdout.tracking[].week'), value: (p) => p.week, fmt: 'int' },
  { header: F(ctx, 'clv.holdout.tracking[].actual'), value: (p) => p.actual, fmt: 'int' },
  { header: F(ctx, 'clv.holdout.tracking[].expected'), value: (p) => p.expected, fmt: 'dec1' },
];

/** Writes the forecast and high value at risk; returns the next row. */
function customers(ws: ExcelJS.Worksheet, ctx: SheetContext, c: ClvSection, row: number): number {
  const f = c.forecast;
  if (f) {
    row = heading(ws, row, L(ctx, 'wb_clv_forecast'));
    row = lines(ws, ctx, row, [
      ['clv.forecast.customers', f.customers, 'int'],
      ['clv.forecast.expected_alive', f.expected_alive, 'dec1'],
      ['clv.forecast.purchases_90', f.purchases_90, 'dec1'],
      ['clv.forecast.value_90', f.value_90 === null ? null : Math.round(f.value_90), 'money'],
      ['clv.forecast.purchases_365', f.purchases_365, 'dec1'],
      ['clv.forecast.value_365', f.value_365 === null ? null : Math.round(f.value_365), 'money'],
      ['clv.forecast.discount_rate', f.discount_rate, 'pct'],
    ]);
  }
  const a = c.high_value_at_risk;
  if (a) {
    row = heading(ws, row, L(ctx, 'wb_clv_at_risk'));
    row = lines(ws, ctx, row, [
      ['clv.high_value_at_risk.top_decile_customers', a.top_decile_customers, 'int'],
      ['clv.high_value_at_risk.customers', a.customers, 'int'],
      ['clv.high_value_at_risk.share', a.share, 'pct'],
      ['clv.high_value_at_risk.clv_365', Math.round(a.clv_365), 'money'],
    ]);
  }
  return row;
}

type Decile = NonNullable<ClvSection['distribution']>['p_alive'][number];

/** The columns of the deciles: P(alive)'s, with predicted CLV's of the same rank beside them. */
function decileColumns(ctx: SheetContext, byClv: readonly Decile[]): Column<Decile>[] {
  const clv = (x: Decile, k: 'mean' | 'total') =>
    byClv[x.decile - 1] ? Math.round(byClv[x.decile - 1][k]) : null;
  return [
    { header: F(ctx, 'clv.distribution.p_alive[].decile'), value: (x) => x.decile, fmt: 'int' },
    {
      header: F(ctx, 'clv.distribution.p_alive[].customers'),
      value: (x) => x.customers,
      fmt: 'int',
    },
    { header: L(ctx, 'wb_clv_p_alive_mean'), value: (x) => x.mean, fmt: 'dec2' },
    { header: L(ctx, 'wb_clv_clv_mean'), value: (x) => clv(x, 'mean'), fmt: 'money' },
    { header: L(ctx, 'wb_clv_clv_total'), value: (x) => clv(x, 'total'), fmt: 'money' },
  ];
}

/** Adds the customer-value sheet. */
export function addClvSheet(
  wb: ExcelJS.Workbook,
  r: WorkbookReport,
  ctx: SheetContext,
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(sheetName('clv', ctx.lang));
  widths(ws, [40, 18, 14, 3, 10, 12, 14, 18, 18]);
  let row = title(ws, 1, `${sheetName('clv', ctx.lang)} — ${r.as_of}`, L(ctx, 'wb_clv_lead'));
  const c = r.clv;
  if (!c) {
    notComputed(ws, ctx, row);
    return ws;
  }
  if (c.status === 'too_few') {
    row = heading(ws, row, L(ctx, 'wb_clv_too_few'));
    ws.getCell(row, 1).value = c.reason?.[ctx.lang] ?? null;
    return ws;
  }
  // Two columns so that the sheet prints on one page: the models, the check's totals, the
  // forecast and high value at risk on the left; the weekly series and the deciles beside them.
  const top = row;
  row = models(ws, ctx, c, row);
  row = check(ws, ctx, c, row);
  customers(ws, ctx, c, row);
  let right = top;
  if (c.holdout) {
    const cols = trackingColumns(ctx);
    right = titledTable(
      ws,
      ctx,
      { row: right, col: RIGHT },
      'wb_clv_tracking',
      cols,
      c.holdout.tracking,
    );
  }
  const d = c.distribution;
  if (d) {
    const cols = decileColumns(ctx, d.clv_365 ?? []);
    titledTable(ws, ctx, { row: right, col: RIGHT }, 'wb_clv_deciles', cols, d.p_alive);
  }
  layoutOf(ws).onePage = true;
  return ws;
}
