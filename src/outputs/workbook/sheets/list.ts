// リスト診断 / List diagnosis: the daily series of active customers and trailing-year revenue
// (the blood test), A(D) against 7 and 30 days and a year earlier, and the chart.
import type ExcelJS from 'exceljs';
import type { WorkbookReport } from '../sections.js';
import {
  L,
  excelDate,
  freeze,
  heading,
  image,
  styleHeader,
  table,
  title,
  type SheetContext,
} from '../style.js';
import { sheetName } from '../labels.js';
import { addDays } from '../../../domain/dates.js';
import { renderPng } from '../../charts/render.js';
import { seriesChart } from '../../charts/options.js';

const CHART = { width: 900, height: 420 };

/** Writes A and trailing revenue at D, D−7, D−30, D−365 (read from the series) at column `col`. */
function comparisons(
  ws: ExcelJS.Worksheet,
  ctx: SheetContext,
  r: WorkbookReport,
  row: number,
  col: number,
): number {
  const heads = [
    '',
    L(ctx, 'date'),
    L(ctx, 'active_customers'),
    L(ctx, 'trailing_revenue'),
    L(ctx, 'change'),
  ];
  heads.forEach((h, i) => (ws.getCell(row, col + i).value = h));
  styleHeader(ws, row, col, heads.length);
  const colA = ws.getColumn(col + 2).letter;
  [0, 7, 30, 365].forEach((back, i) => {
    const n = row + 1 + i;
    const date = addDays(r.as_of, -back);
    const p = r.series.find((x) => x.date === date);
    ws.getCell(n, col).value =
      back === 0
        ? L(ctx, 'as_of')
        : `${back}${ctx.lang === 'ja' ? '' : ' '}${L(ctx, 'days_before')}`;
    ws.getCell(n, col + 1).value = excelDate(date);
    ws.getCell(n, col + 1).numFmt = 'yyyy-mm-dd';
    ws.getCell(n, col + 2).value = p?.active_customers ?? null;
    ws.getCell(n, col + 2).numFmt = '#,##0';
    ws.getCell(n, col + 3).value = p?.trailing_revenue ?? null;
    ws.getCell(n, col + 3).numFmt = ctx.money;
    const cur = r.series.find((x) => x.date === r.as_of);
    if (back && p && cur) {
      // A(D) − A(then): a formula over the two cells so the reader sees where it comes from.
      ws.getCell(n, col + 4).value = {
        formula: `${colA}${row + 1}-${colA}${n}`,
        result: cur.active_customers - p.active_customers,
      };
      ws.getCell(n, col + 4).numFmt = '+#,##0;-#,##0;0';
    }
  });
  return row + 6;
}

/** Adds the list diagnosis sheet. */
export function addListSheet(
  wb: ExcelJS.Workbook,
  r: WorkbookReport,
  ctx: SheetContext,
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(sheetName('list', ctx.lang));
  title(ws, 1, `${sheetName('list', ctx.lang)} — ${r.as_of}`);
  table(
    ws,
    ctx,
    { row: 3 },
    [
      { header: L(ctx, 'date'), value: (p) => excelDate(p.date), fmt: 'date', width: 12 },
      {
        header: L(ctx, 'active_customers'),
        value: (p) => p.active_customers,
        fmt: 'int',
        width: 14,
      },
      {
        header: L(ctx, 'trailing_revenue'),
        value: (p) => p.trailing_revenue,
        fmt: 'money',
        width: 20,
      },
    ],
    r.series,
  );
  freeze(ws, 3);
  ws.getColumn(4).width = 3;
  [14, 12, 14, 20, 10].forEach((w, i) => (ws.getColumn(5 + i).width = w));
  let row = comparisons(ws, ctx, r, 3, 5);
  if (ctx.charts && r.series.length) {
    image(
      wb,
      ws,
      renderPng(seriesChart(r.series, ctx.lang), CHART),
      { row: row + 1, col: 5 },
      CHART,
    );
    row += 24;
  }
  const list = r.findings.filter((f) => f.id.startsWith('list.'));
  row = heading(ws, row, sheetName('findings', ctx.lang), 5);
  for (const f of list) {
    ws.getCell(row, 5).value = `[${L(ctx, f.severity)}] ${f.title[ctx.lang]}`;
    ws.getCell(row + 1, 5).value = f.action[ctx.lang];
    row += 2;
  }
  if (!list.length) ws.getCell(row, 5).value = '—';
  return ws;
}
