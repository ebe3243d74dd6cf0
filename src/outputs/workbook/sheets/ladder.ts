// ラダー / Ladder: people at each level, conversion between adjacent levels within each
// horizon, time to convert, lead conversion, and each level's retention and annual LTV.
// Reads report.ladder; "not computed" when absent.
import type ExcelJS from 'exceljs';
import type { WorkbookReport } from '../sections.js';
import type { LadderReport } from '../../../store/metrics/ladder.js';
import {
  L,
  freeze,
  heading,
  notComputed,
  table,
  title,
  widths,
  type SheetContext,
} from '../style.js';
import { sheetName } from '../labels.js';
import { writeSection } from '../generic.js';

/** Writes the levels and the per-level statistics; returns the next row. */
function levels(ws: ExcelJS.Worksheet, ctx: SheetContext, lad: LadderReport, row: number): number {
  row = heading(ws, row, L(ctx, 'level'));
  row = table(
    ws,
    ctx,
    { row },
    [
      { header: L(ctx, 'level'), value: (x) => x.level, fmt: 'dec1' },
      { header: L(ctx, 'stage'), value: (x) => (ctx.lang === 'ja' ? x.name_ja : x.name_en) },
      { header: L(ctx, 'people'), value: (x) => x.people, fmt: 'int' },
    ],
    lad.levels,
  ).next;
  return table(
    ws,
    ctx,
    { row },
    [
      { header: L(ctx, 'level'), value: (x) => x.level, fmt: 'dec1' },
      { header: L(ctx, 'active_customers'), value: (x) => x.active_customers, fmt: 'int' },
      { header: L(ctx, 'annual_revenue'), value: (x) => x.annual_revenue, fmt: 'money' },
      { header: L(ctx, 'annual_ltv'), value: (x) => x.annual_ltv, fmt: 'money' },
      { header: L(ctx, 'retention_base'), value: (x) => x.retention_base, fmt: 'int' },
      { header: L(ctx, 'retention_rate'), value: (x) => x.retention_rate, fmt: 'pct' },
    ],
    lad.level_stats,
  ).next;
}

/** Writes conversion totals and the by-cohort conversion; returns the next row. */
function conversion(
  ws: ExcelJS.Worksheet,
  ctx: SheetContext,
  lad: LadderReport,
  row: number,
): number {
  row = heading(ws, row, `${L(ctx, 'converted')} (${L(ctx, 'complete')})`);
  row = table(
    ws,
    ctx,
    { row },
    [
      { header: L(ctx, 'step'), value: (x) => x.step },
      { header: L(ctx, 'horizon_days'), value: (x) => x.horizon_days, fmt: 'int' },
      { header: L(ctx, 'cohorts'), value: (x) => x.cohorts, fmt: 'int' },
      { header: L(ctx, 'base'), value: (x) => x.base, fmt: 'int' },
      { header: L(ctx, 'converted'), value: (x) => x.converted, fmt: 'int' },
      { header: L(ctx, 'rate'), value: (x) => x.rate, fmt: 'pct' },
    ],
    lad.conversion_totals,
  ).next;
  row = heading(ws, row, 'median days');
  row = writeSection(ws, ctx, lad.median_days, row);
  row = heading(ws, row, L(ctx, 'leads'));
  row = writeSection(ws, ctx, lad.lead_conversion, row);
  row = heading(ws, row, L(ctx, 'cohort_month'));
  return table(
    ws,
    ctx,
    { row },
    [
      { header: L(ctx, 'step'), value: (x) => x.step },
      { header: L(ctx, 'cohort_month'), value: (x) => x.cohort_month },
      { header: L(ctx, 'horizon_days'), value: (x) => x.horizon_days, fmt: 'int' },
      { header: L(ctx, 'base'), value: (x) => x.base, fmt: 'int' },
      { header: L(ctx, 'converted'), value: (x) => x.converted, fmt: 'int' },
      { header: L(ctx, 'rate'), value: (x) => x.rate, fmt: 'pct' },
      { header: L(ctx, 'complete'), value: (x) => (x.complete ? '✓' : '') },
    ],
    lad.conversion,
  ).next;
}

/** Adds the ladder sheet. */
export function addLadderSheet(
  wb: ExcelJS.Workbook,
  r: WorkbookReport,
  ctx: SheetContext,
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(sheetName('ladder', ctx.lang));
  widths(ws, [16, 22, 14, 16, 14, 12, 10]);
  let row = title(ws, 1, `${sheetName('ladder', ctx.lang)} — ${r.as_of}`);
  freeze(ws, 2);
  if (!r.ladder) {
    notComputed(ws, ctx, row);
    return ws;
  }
  row = levels(ws, ctx, r.ladder, row);
  conversion(ws, ctx, r.ladder, row);
  return ws;
}
