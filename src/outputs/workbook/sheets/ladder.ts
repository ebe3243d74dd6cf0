// ラダー / Ladder: people at each level, conversion between adjacent levels within each
// horizon, time to convert, lead conversion, and each level's retention and annual LTV.
// Reads report.ladder; "not computed" when absent.
import type ExcelJS from 'exceljs';
import type { WorkbookReport } from '../sections.js';
import type { LadderReport } from '../../../store/metrics/ladder.js';
import {
  L,
  excelTable,
  freeze,
  heading,
  notComputed,
  styleHeader,
  table,
  title,
  widths,
  type SheetContext,
} from '../style.js';
import { sheetName } from '../labels.js';
import { rateColumns } from '../rates.js';
import { LADDER_STAGES } from '../../../domain/ladder.js';

/** Returns the name of a ladder stage in the language. */
function stageName(ctx: SheetContext, stage: string): string {
  const s = LADDER_STAGES.find((x) => x.stage === stage);
  return s ? (ctx.lang === 'ja' ? s.name_ja : s.name_en) : stage;
}

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
      { header: L(ctx, 'stage'), value: (x) => stageName(ctx, x.stage) },
      { header: L(ctx, 'active_customers'), value: (x) => x.active_customers, fmt: 'int' },
      { header: L(ctx, 'annual_revenue'), value: (x) => x.annual_revenue, fmt: 'money' },
      { header: L(ctx, 'annual_ltv'), value: (x) => x.annual_ltv, fmt: 'money' },
      { header: L(ctx, 'retention_base'), value: (x) => x.retention_base, fmt: 'int' },
      ...rateColumns<LadderReport['level_stats'][number]>(
        ctx,
        L(ctx, 'retention_rate'),
        (x) => x.retention_rate,
        (x) => x.retention_base,
      ),
    ],
    lad.level_stats,
  ).next;
}

/** Returns the name of a ladder step in the language. */
function stepName(ctx: SheetContext, step: string): string {
  return L(ctx, `step_${step}`);
}

/** Writes the conversion totals, the medians and the leads; returns the next row. */
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
      { header: L(ctx, 'step'), value: (x) => stepName(ctx, x.step) },
      { header: L(ctx, 'horizon_days'), value: (x) => x.horizon_days, fmt: 'int' },
      { header: L(ctx, 'cohorts'), value: (x) => x.cohorts, fmt: 'int' },
      { header: L(ctx, 'base'), value: (x) => x.base, fmt: 'int' },
      { header: L(ctx, 'converted'), value: (x) => x.converted, fmt: 'int' },
      ...rateColumns<LadderReport['conversion_totals'][number]>(
        ctx,
        L(ctx, 'rate'),
        (x) => x.rate,
        (x) => x.base,
      ),
    ],
    lad.conversion_totals,
  ).next;
  row = heading(ws, row, L(ctx, 'median_days'));
  const med: [string, number | null][] = [
    [stepName(ctx, 'f1_to_f2'), lad.median_days.f1_to_f2],
    [stepName(ctx, 'f2_to_loyal'), lad.median_days.f2_to_loyal],
    [L(ctx, 'lead_to_first_purchase'), lad.median_days.lead_to_first_purchase],
  ];
  row = table(
    ws,
    ctx,
    { row },
    [
      { header: L(ctx, 'step'), value: (x) => x[0] },
      { header: L(ctx, 'median_days'), value: (x) => x[1], fmt: 'dec1' },
    ],
    med,
  ).next;
  const lc = lad.lead_conversion;
  row = heading(ws, row, L(ctx, 'lead_conversion'));
  return table(
    ws,
    ctx,
    { row },
    [
      {
        header: L(ctx, 'horizon_days'),
        value: (x) => x.horizon_days ?? L(ctx, 'total'),
        fmt: 'int',
      },
      { header: L(ctx, 'leads'), value: (x) => x.base, fmt: 'int' },
      { header: L(ctx, 'converted'), value: (x) => x.converted, fmt: 'int' },
      ...rateColumns<{ base: number; rate: number | null }>(
        ctx,
        L(ctx, 'rate'),
        (x) => x.rate,
        (x) => x.base,
      ),
    ],
    [
      { horizon_days: null, base: lc.leads, converted: lc.converted, rate: lc.rate },
      ...lc.within,
    ] as {
      horizon_days: number | null;
      base: number;
      converted: number;
      rate: number | null;
    }[],
  ).next;
}

/** Writes conversion by cohort month as one row per month: each step's base and its rate within each horizon; returns the next row. */
function byCohort(
  ws: ExcelJS.Worksheet,
  ctx: SheetContext,
  lad: LadderReport,
  row: number,
): number {
  const steps = [...new Set(lad.conversion.map((x) => x.step))];
  const horizons = [...new Set(lad.conversion.map((x) => x.horizon_days))].sort((a, b) => a - b);
  const months = [...new Set(lad.conversion.map((x) => x.cohort_month))].sort();
  if (!months.length) return row;
  row = heading(ws, row, L(ctx, 'cohort_month'));
  ws.getCell(row, 1).value = L(ctx, 'incomplete_note');
  ws.getCell(row, 1).font = { italic: true, size: 9, color: { argb: 'FF777777' } };
  row++;
  const heads = [L(ctx, 'cohort_month')];
  for (const st of steps) {
    heads.push(`${stepName(ctx, st)} ${L(ctx, 'base')}`);
    for (const h of horizons) heads.push(`${stepName(ctx, st)} ${L(ctx, 'within_days', { n: h })}`);
  }
  heads.forEach((h, i) => (ws.getCell(row, 1 + i).value = h));
  styleHeader(ws, row, 1, heads.length);
  ws.getRow(row).height = 32;
  const at = new Map(
    lad.conversion.map((x) => [`${x.step}|${x.cohort_month}|${x.horizon_days}`, x]),
  );
  months.forEach((m, i) => {
    const n = row + 1 + i;
    ws.getCell(n, 1).value = m;
    let c = 2;
    for (const st of steps) {
      const first = at.get(`${st}|${m}|${horizons[0]}`);
      ws.getCell(n, c).value = first?.base ?? null;
      ws.getCell(n, c++).numFmt = '#,##0';
      for (const h of horizons) {
        const x = at.get(`${st}|${m}|${h}`);
        const cell = ws.getCell(n, c++);
        cell.value = x?.rate ?? null;
        cell.numFmt = '0.0%';
        if (x && !x.complete) cell.font = { italic: true, color: { argb: 'FF999999' } };
      }
    }
  });
  excelTable(ws, ctx, { row, col: 1, cols: heads.length, last: row + months.length });
  return row + months.length + 2;
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
  row = conversion(ws, ctx, r.ladder, row);
  byCohort(ws, ctx, r.ladder, row);
  return ws;
}
