// 健診サマリー / Summary: the one page a manager reads — the five headline numbers as tiles,
// each with its change against yesterday, 30 days and a year before (arrow and colour), the
// list-diagnosis chart of the last 365 days, this month's five numbers rated, and every open
// finding, most severe first, with its cause and its action in full. Printed on one A4 page.
import type ExcelJS from 'exceljs';
import type { WorkbookExtras, WorkbookReport } from '../sections.js';
import { FIVE_KEYS } from '../../../domain/diagnosis/five-numbers.js';
import { changeTone, headlineKpis, tooFew, type Kpi } from '../../kpis.js';
import { TOO_FEW_TO_JUDGE } from '../../../report/format.js';
import { L, chart, fitRowHeight, layoutOf, longText, type SheetContext } from '../style.js';
import { sheetName } from '../labels.js';
import { seriesChartSpec, type DailyData } from './list.js';

const TILE_COLS = 3;
const WIDTHS = [11, 13, 9];
const NAVY = 'FF1F3864';
const GREEN = 'FF1E7B34';
const RED = 'FFC00000';
const GREY = 'FF555555';
const SEVERITY_FILL: Record<string, string> = {
  critical: 'FFF4B6B6',
  warning: 'FFFFE699',
  info: 'FFDDEBF7',
};

/** Returns the Excel format of a value of `kind`. */
function valueFmt(kind: Kpi['kind'], ctx: SheetContext): string {
  return { int: '#,##0', money: ctx.money, rate: '0.0%', dec: '#,##0.00' }[kind];
}

/** Returns the format of a change with its arrow (rates change in points). */
function arrowFmt(kind: Kpi['kind'], ctx: SheetContext): string {
  const base = kind === 'rate' ? `0.0" ${L(ctx, 'points')}"` : valueFmt(kind, ctx);
  return `"▲ "${base};"▼ "${base};"→ "${base}`;
}

/** Returns the colour of a change: green better, red worse, grey neutral or none. */
function colour(k: Kpi, d: number): string {
  return { good: GREEN, bad: RED, neutral: GREY }[changeTone(k, d)];
}

/** Writes one tile at column `col` from row `row` (name, value, three changes); returns nothing. */
function tile(ws: ExcelJS.Worksheet, ctx: SheetContext, k: Kpi, col: number, row: number): void {
  const last = col + TILE_COLS - 1;
  const thin: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FFB0B7C3' } };
  ws.mergeCells(row, col, row, last);
  const name = ws.getCell(row, col);
  // A rate names its n; out of too few customers it is words, with no changes under it.
  name.value = k.reading
    ? `${L(ctx, k.key)} (n=${k.reading.n.toLocaleString('ja-JP')})`
    : L(ctx, k.key);
  const few = tooFew(k);
  name.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  name.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: NAVY } };
  name.alignment = { horizontal: 'center', vertical: 'middle', shrinkToFit: true };
  ws.mergeCells(row + 1, col, row + 1, last);
  const cur = few ? null : k.value;
  const v = ws.getCell(row + 1, col);
  v.value = few ? TOO_FEW_TO_JUDGE[ctx.lang] : cur;
  v.numFmt = valueFmt(k.kind, ctx);
  v.font = few
    ? { italic: true, size: 11, color: { argb: GREY } }
    : { bold: true, size: 18, color: { argb: NAVY } };
  v.alignment = { horizontal: 'center', vertical: 'middle' };
  const valueRef = v.address;
  (
    [
      [1, 'change_1d'],
      [30, 'change_30d'],
      [365, 'change_365d'],
    ] as const
  ).forEach(([back, key], i) => {
    const n = row + 2 + i;
    ws.getCell(n, col).value = L(ctx, key);
    ws.getCell(n, col).font = { size: 9, color: { argb: GREY } };
    const prev = k.before[back];
    const abs = ws.getCell(n, col + 1);
    const rel = ws.getCell(n, col + 2);
    if (cur === null || prev === null) {
      abs.value = few ? '—' : L(ctx, 'not_stored');
      abs.font = { size: 9, color: { argb: GREY } };
      return;
    }
    // The change is a formula over the value and the stored number it is compared with.
    const d = cur - prev;
    abs.value =
      k.kind === 'rate'
        ? { formula: `(${valueRef}-${prev})*100`, result: d * 100 }
        : { formula: `${valueRef}-${prev}`, result: d };
    abs.numFmt = arrowFmt(k.kind, ctx);
    abs.font = { bold: true, color: { argb: colour(k, d) } };
    if (k.kind !== 'rate' && prev !== 0) {
      rel.value = { formula: `${valueRef}/${prev}-1`, result: cur / prev - 1 };
      rel.numFmt = '+0.0%;-0.0%;0.0%';
      rel.font = { color: { argb: colour(k, d) } };
    }
  });
  for (let n = row; n <= row + 4; n++)
    for (let c = col; c <= last; c++)
      ws.getCell(n, c).border = {
        top: n === row ? thin : undefined,
        bottom: n === row + 4 ? thin : undefined,
        left: c === col ? thin : undefined,
        right: c === last ? thin : undefined,
      };
}

/** Writes the five numbers of the month with ratings at (row, col); returns the next row. */
function fiveNumbers(
  ws: ExcelJS.Worksheet,
  ctx: SheetContext,
  r: WorkbookReport,
  row: number,
  col: number,
): number {
  const f = r.five_numbers;
  const a = r.five_numbers_assessment;
  const h = ws.getCell(row, col);
  h.value = `${L(ctx, 'five_month')} — ${f.month}${f.month_to_date ? ` (${L(ctx, 'month_to_date')})` : ''}`;
  h.font = { bold: true, size: 12, color: { argb: NAVY } };
  const heads = [L(ctx, 'metric'), L(ctx, 'value'), L(ctx, 'threshold'), L(ctx, 'rating')];
  heads.forEach((x, i) => {
    const c = ws.getCell(row + 1, col + i);
    c.value = x;
    c.font = { bold: true };
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F2' } };
  });
  FIVE_KEYS.forEach((k, i) => {
    const n = row + 2 + i;
    const fmt = k.endsWith('spend') ? ctx.money : '#,##0';
    ws.getCell(n, col).value = L(ctx, k);
    ws.getCell(n, col).alignment = { shrinkToFit: true };
    ws.getCell(n, col + 1).value = f[k];
    ws.getCell(n, col + 1).numFmt = fmt;
    ws.getCell(n, col + 2).value = a.thresholds[k];
    ws.getCell(n, col + 2).numFmt = fmt;
    const high = a.ratings[k] === 'high';
    const rc = ws.getCell(n, col + 3);
    rc.value = `${high ? '○' : '×'} ${L(ctx, high ? 'high' : 'low')}`;
    rc.font = { bold: true, color: { argb: high ? GREEN : RED } };
    rc.fill = {
      type: 'pattern',
      pattern: 'solid',
      fgColor: { argb: high ? 'FFC6EFCE' : 'FFFFC7CE' },
    };
  });
  row += 2 + FIVE_KEYS.length;
  ws.getCell(row, col).value = L(ctx, 'state');
  ws.getCell(row, col).font = { bold: true };
  ws.getCell(row, col).alignment = { vertical: 'top' };
  return longText(ws, row, a.state_text[ctx.lang], [col + 1, col + 5]) + 1;
}

/** Writes the open findings (severity, finding, cause, action) from `row`; returns the next row. */
function findings(
  ws: ExcelJS.Worksheet,
  ctx: SheetContext,
  r: WorkbookReport,
  row: number,
): number {
  const h = ws.getCell(row, 1);
  h.value = `${L(ctx, 'open_findings')} (${r.findings.length})`;
  h.font = { bold: true, size: 12, color: { argb: NAVY } };
  ws.getRow(row).height = 17;
  row++;
  // Columns: severity A, finding B–E, cause F–J, action K–O.
  const spans: [number, number][] = [
    [1, 1],
    [2, 5],
    [6, 10],
    [11, 15],
  ];
  const heads = [L(ctx, 'severity'), L(ctx, 'finding'), L(ctx, 'cause'), L(ctx, 'action')];
  spans.forEach(([a, b], i) => {
    if (b > a) ws.mergeCells(row, a, row, b);
    const c = ws.getCell(row, a);
    c.value = heads[i];
    c.font = { bold: true };
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F2' } };
  });
  row++;
  if (!r.findings.length) {
    ws.getCell(row, 1).value = L(ctx, 'no_findings');
    return row + 1;
  }
  for (const f of r.findings) {
    const texts = [L(ctx, f.severity), f.title[ctx.lang], f.cause[ctx.lang], f.action[ctx.lang]];
    spans.forEach(([a, b], i) => {
      if (b > a) ws.mergeCells(row, a, row, b);
      const c = ws.getCell(row, a);
      c.value = texts[i];
      c.alignment = { wrapText: true, vertical: 'top' };
      if (i === 0) {
        c.fill = {
          type: 'pattern',
          pattern: 'solid',
          fgColor: { argb: SEVERITY_FILL[f.severity] },
        };
        c.font = { bold: true };
      }
      if (i === 1) c.font = { bold: true };
    });
    fitRowHeight(ws, row);
    row++;
  }
  return row;
}

/** Adds the summary sheet (first in the book, one A4 landscape page). */
export function addSummarySheet(
  wb: ExcelJS.Workbook,
  r: WorkbookReport,
  ctx: SheetContext,
  extras: WorkbookExtras,
  daily: DailyData,
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(sheetName('summary', ctx.lang));
  for (let c = 1; c <= TILE_COLS * 5; c++) ws.getColumn(c).width = WIDTHS[(c - 1) % TILE_COLS];
  layoutOf(ws).onePage = true;
  ws.getCell(1, 1).value = `${L(ctx, 'title')} — ${r.business.name}`;
  ws.getCell(1, 1).font = { bold: true, size: 16, color: { argb: NAVY } };
  ws.getRow(1).height = 24;
  const dr = r.data_range;
  const range = dr?.first_purchase
    ? `${dr.first_purchase} – ${r.as_of} (${L(ctx, 'days', { n: dr.history_days.toLocaleString('en-US') })})`
    : '—';
  ws.getCell(2, 1).value = [
    `${L(ctx, 'business')}: ${r.business.name}`,
    `${L(ctx, 'as_of')}: ${r.as_of}`,
    `${L(ctx, 'data_range')}: ${range}`,
    `${L(ctx, 'computed_at')}: ${r.computed_at.slice(0, 16).replace('T', ' ')} UTC`,
  ].join('   ·   ');
  ws.getCell(2, 1).font = { color: { argb: GREY } };
  const kpis = headlineKpis(r, extras.metrics_before);
  kpis.forEach((k, i) => tile(ws, ctx, k, 1 + i * TILE_COLS, 4));
  ws.getRow(5).height = 30;
  let row = 10;
  const h = ws.getCell(row, 1);
  h.value = L(ctx, 'series_365');
  h.font = { bold: true, size: 12, color: { argb: NAVY } };
  ws.getRow(row).height = 17;
  const chartEnd = r.series.length
    ? chart(
        ws,
        ctx,
        { row: row + 1, col: 1, rows: 18, cols: 9 },
        seriesChartSpec(ctx, daily, 365, 'series_365'),
      )
    : row + 2;
  const fiveEnd = fiveNumbers(ws, ctx, r, row, 10);
  row = Math.max(chartEnd, fiveEnd) + 1;
  findings(ws, ctx, r, row);
  return ws;
}
