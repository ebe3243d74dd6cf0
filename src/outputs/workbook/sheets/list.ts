// リスト診断 / List diagnosis: A(D) and trailing-year revenue against yesterday, 7 and 30 days
// and a year earlier, the chart of both series over two years, and the list findings. The
// daily series itself is the data sheet 日次データ / Daily data (an Excel table the charts of
// this sheet and of the summary read); its print is the last month, the rest is on screen.
import type ExcelJS from 'exceljs';
import type { WorkbookReport } from '../sections.js';
import {
  L,
  chart,
  excelDate,
  findingLines,
  freeze,
  heading,
  layoutOf,
  rangeData,
  seriesName,
  styleHeader,
  table,
  title,
  widths,
  excelTable,
  type SheetContext,
} from '../style.js';
import { sheetName } from '../labels.js';
import { addDays } from '../../../domain/dates.js';

/** Where the daily series sits on its sheet (columns: date, active customers, trailing revenue). */
export interface DailyData {
  ws: ExcelJS.Worksheet;
  header: number;
  first: number;
  last: number;
}

/** Days of the daily series that print (the rest is on screen). */
const PRINT_DAYS = 31;

/** Adds the daily data sheet (one Excel table, header frozen); returns where the series is. */
export function addDailySheet(
  wb: ExcelJS.Workbook,
  r: WorkbookReport,
  ctx: SheetContext,
): DailyData {
  const ws = wb.addWorksheet(sheetName('daily', ctx.lang));
  widths(ws, [14, 16, 22]);
  title(ws, 1, `${sheetName('daily', ctx.lang)} — ${r.as_of}`);
  ws.getCell(2, 1).value = L(ctx, 'daily_print_note', {
    n: Math.min(PRINT_DAYS, r.series.length),
    total: r.series.length,
  });
  ws.getCell(2, 1).font = { color: { argb: 'FF555555' }, size: 9 };
  const t = table(
    ws,
    ctx,
    { row: 3 },
    [
      { header: L(ctx, 'date'), value: (p) => excelDate(p.date), fmt: 'date' },
      { header: L(ctx, 'active_customers'), value: (p) => p.active_customers, fmt: 'int' },
      { header: L(ctx, 'trailing_revenue'), value: (p) => p.trailing_revenue, fmt: 'money' },
    ],
    r.series,
  );
  freeze(ws, 3);
  if (r.series.length > PRINT_DAYS) layoutOf(ws).printRows = [t.last - PRINT_DAYS + 1, t.last];
  return { ws, header: 3, first: t.first, last: t.last };
}

/** Returns the chart of active customers (bars... lines) and trailing revenue over the last `days` of the series. */
export function seriesChartSpec(ctx: SheetContext, d: DailyData, days: number, titleKey: string) {
  const first = Math.max(d.first, d.last - days + 1);
  const n = d.last - first + 1;
  return {
    title: L(ctx, titleKey),
    categories: rangeData(d.ws, 1, first, d.last, 'yyyy-mm-dd'),
    series: [
      {
        ...seriesName(d.ws, 2, d.header),
        values: rangeData(d.ws, 2, first, d.last, '#,##0'),
        kind: 'line' as const,
        color: '3B6FD8',
      },
      {
        ...seriesName(d.ws, 3, d.header),
        values: rangeData(d.ws, 3, first, d.last, ctx.money),
        kind: 'line' as const,
        secondary: true,
        color: 'E8833A',
        dash: true,
      },
    ],
    primaryFormat: '#,##0',
    secondaryFormat: ctx.money,
    labelSkip: Math.max(1, Math.round(n / 8)),
  };
}

/** Writes A and trailing revenue at D, D−1, D−7, D−30, D−365 (read from the series); returns the next row. */
function comparisons(
  ws: ExcelJS.Worksheet,
  ctx: SheetContext,
  r: WorkbookReport,
  row: number,
): number {
  const heads = [
    L(ctx, 'compared'),
    L(ctx, 'date'),
    L(ctx, 'active_customers'),
    `${L(ctx, 'active_customers')} ${L(ctx, 'wb_change')}`,
    L(ctx, 'trailing_revenue'),
    `${L(ctx, 'trailing_revenue')} ${L(ctx, 'wb_change')}`,
  ];
  heads.forEach((h, i) => (ws.getCell(row, 1 + i).value = h));
  styleHeader(ws, row, 1, heads.length);
  const cur = r.series.find((x) => x.date === r.as_of);
  const backs = [0, 1, 7, 30, 365];
  backs.forEach((back, i) => {
    const n = row + 1 + i;
    const date = addDays(r.as_of, -back);
    const p = r.series.find((x) => x.date === date);
    ws.getCell(n, 1).value =
      back === 0
        ? L(ctx, 'as_of')
        : `${back}${ctx.lang === 'ja' ? '' : ' '}${L(ctx, 'days_before')}`;
    ws.getCell(n, 2).value = excelDate(date);
    ws.getCell(n, 2).numFmt = 'yyyy-mm-dd';
    ws.getCell(n, 3).value = p?.active_customers ?? null;
    ws.getCell(n, 3).numFmt = '#,##0';
    ws.getCell(n, 5).value = p?.trailing_revenue ?? null;
    ws.getCell(n, 5).numFmt = ctx.money;
    if (back && p && cur) {
      // A(D) − A(then): a formula over the two cells so the reader sees where it comes from.
      ws.getCell(n, 4).value = {
        formula: `C${row + 1}-C${n}`,
        result: cur.active_customers - p.active_customers,
      };
      ws.getCell(n, 4).numFmt = '"▲ "#,##0;"▼ "#,##0;"→ "0';
      ws.getCell(n, 6).value = {
        formula: `E${row + 1}-E${n}`,
        result: cur.trailing_revenue - p.trailing_revenue,
      };
      ws.getCell(n, 6).numFmt = ctx.money.replace(/^(.*)$/, '"▲ "$1;"▼ "$1;"→ "0');
    }
  });
  excelTable(ws, ctx, { row, col: 1, cols: heads.length, last: row + backs.length });
  return row + backs.length + 2;
}

/** Adds the list diagnosis sheet. */
export function addListSheet(
  wb: ExcelJS.Workbook,
  r: WorkbookReport,
  ctx: SheetContext,
  daily: DailyData,
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(sheetName('list', ctx.lang));
  widths(ws, [12, 12, 13, 16, 18, 22, 4, 10, 10]);
  title(ws, 1, `${sheetName('list', ctx.lang)} — ${r.as_of}`);
  freeze(ws, 3);
  let row = comparisons(ws, ctx, r, 3);
  if (r.series.length) {
    row = heading(ws, row, L(ctx, 'series_730'));
    row = chart(
      ws,
      ctx,
      { row, col: 1, rows: 20, cols: 9 },
      seriesChartSpec(ctx, daily, 730, 'series_730'),
    );
  }
  const list = r.findings.filter((f) => f.id.startsWith('list.'));
  row = findingLines(ws, ctx, list, row, true);
  if (!list.length) ws.getCell(row, 1).value = '—';
  return ws;
}
