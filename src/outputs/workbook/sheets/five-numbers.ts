// 5つの数 / Five numbers: each month's five numbers (seed 000), coloured against the stored
// thresholds by conditional formatting, the rated month of D with its state and
// prescriptions, and the chart.
import type ExcelJS from 'exceljs';
import type { WorkbookReport } from '../sections.js';
import { FIVE_KEYS } from '../../../domain/diagnosis/five-numbers.js';
import {
  L,
  chart,
  freeze,
  heading,
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
const GOOD: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFC6EFCE' } };
const BAD: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFC7CE' } };

/** Writes the threshold row under the month table and colours each month against it. */
function ratingColours(
  ws: ExcelJS.Worksheet,
  ctx: SheetContext,
  r: WorkbookReport,
  first: number,
  last: number,
): number {
  const row = last + 1;
  ws.getCell(row, 1).value = L(ctx, 'threshold');
  ws.getCell(row, 1).font = { bold: true };
  FIVE_KEYS.forEach((k, i) => {
    const col = 2 + i;
    const c = ws.getCell(row, col);
    c.value = r.five_numbers_assessment.thresholds[k];
    c.numFmt = k.endsWith('spend') ? ctx.money : '#,##0';
    c.font = { italic: true };
    const letter = ws.getColumn(col).letter;
    // "many/high" is strictly above the threshold (seed 000); the rule reads the threshold cell.
    ws.addConditionalFormatting({
      ref: `${letter}${first}:${letter}${last}`,
      rules: [
        {
          type: 'expression',
          priority: 1,
          formulae: [`AND(ISNUMBER(${letter}${first}),${letter}${first}>${letter}$${row})`],
          style: { fill: GOOD },
        },
        {
          type: 'expression',
          priority: 2,
          formulae: [`OR(NOT(ISNUMBER(${letter}${first})),${letter}${first}<=${letter}$${row})`],
          style: { fill: BAD },
        },
      ],
    });
  });
  return row + 2;
}

/** Writes the month of D: value, threshold, rating, then the state and the prescriptions. */
function assessment(
  ws: ExcelJS.Worksheet,
  ctx: SheetContext,
  r: WorkbookReport,
  row: number,
): number {
  const a = r.five_numbers_assessment;
  row = heading(ws, row, `${r.five_numbers.month} — ${L(ctx, 'state')}: ${a.state_text[ctx.lang]}`);
  const header = row;
  const heads = [L(ctx, 'metric'), L(ctx, 'value'), L(ctx, 'threshold'), L(ctx, 'rating')];
  heads.forEach((h, i) => (ws.getCell(row, 1 + i).value = h));
  styleHeader(ws, row, 1, heads.length);
  FIVE_KEYS.forEach((k, i) => {
    const n = row + 1 + i;
    const fmt = k.endsWith('spend') ? ctx.money : '#,##0';
    ws.getCell(n, 1).value = L(ctx, k);
    ws.getCell(n, 2).value = r.five_numbers[k];
    ws.getCell(n, 3).value = a.thresholds[k];
    ws.getCell(n, 2).numFmt = fmt;
    ws.getCell(n, 3).numFmt = fmt;
    ws.getCell(n, 4).value = L(ctx, a.ratings[k]);
    ws.getCell(n, 4).fill = {
      type: 'pattern',
      pattern: 'solid',
      fgColor: { argb: a.ratings[k] === 'high' ? 'FFC6EFCE' : 'FFFFC7CE' },
    };
  });
  excelTable(ws, ctx, { row: header, col: 1, cols: heads.length, last: header + FIVE_KEYS.length });
  row += FIVE_KEYS.length + 2;
  row = heading(ws, row, L(ctx, 'prescriptions'));
  for (const p of a.prescriptions) {
    ws.getCell(row, 1).value = L(ctx, p.key);
    ws.getCell(row, 2).value = p.text[ctx.lang];
    row++;
  }
  if (!a.prescriptions.length) ws.getCell(row++, 1).value = '—';
  return row + 1;
}

/** Adds the five numbers sheet. */
export function addFiveNumbersSheet(
  wb: ExcelJS.Workbook,
  r: WorkbookReport,
  ctx: SheetContext,
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(sheetName('five', ctx.lang));
  widths(ws, [14, 14, 14, 14, 16, 16, 16, 16, 18]);
  title(ws, 1, `${sheetName('five', ctx.lang)} — ${r.as_of}`);
  const months = r.five_numbers_by_month;
  const out = table(
    ws,
    ctx,
    { row: 3 },
    [
      { header: L(ctx, 'month'), value: (m) => m.month + (m.month_to_date ? ' *' : '') },
      { header: L(ctx, 'total_customers'), value: (m) => m.total_customers, fmt: 'int' },
      { header: L(ctx, 'existing_customers'), value: (m) => m.existing_customers, fmt: 'int' },
      { header: L(ctx, 'new_customers'), value: (m) => m.new_customers, fmt: 'int' },
      { header: L(ctx, 'existing_avg_spend'), value: (m) => m.existing_avg_spend, fmt: 'money' },
      { header: L(ctx, 'new_avg_spend'), value: (m) => m.new_avg_spend, fmt: 'money' },
      { header: L(ctx, 'existing_revenue'), value: (m) => m.existing_revenue, fmt: 'money' },
      { header: L(ctx, 'new_revenue'), value: (m) => m.new_revenue, fmt: 'money' },
      { header: L(ctx, 'revenue'), value: (m) => m.revenue, fmt: 'money' },
    ],
    months,
  );
  freeze(ws, 3, 1);
  let row = ratingColours(ws, ctx, r, out.first, out.last);
  if (months.some((m) => m.month_to_date))
    ws.getCell(row - 1, 1).value = `* ${L(ctx, 'month_to_date')}`;
  row = assessment(ws, ctx, r, row);
  if (months.length) {
    row = heading(ws, row, L(ctx, 'five_chart'));
    const cats = rangeData(ws, 1, out.first, out.last);
    const col = (c: number, fmt: string) => ({
      ...seriesName(ws, c, out.first - 1),
      values: rangeData(ws, c, out.first, out.last, fmt),
    });
    chart(
      ws,
      ctx,
      { row, col: 1, rows: 20, cols: 9 },
      {
        title: L(ctx, 'five_chart'),
        categories: cats,
        stacked: true,
        series: [
          { ...col(3, '#,##0'), kind: 'bar', color: '3B6FD8' },
          { ...col(4, '#,##0'), kind: 'bar', color: '4AA567' },
          { ...col(5, ctx.money), kind: 'line', secondary: true, color: 'E8833A' },
          { ...col(6, ctx.money), kind: 'line', secondary: true, color: 'C94C4C', dash: true },
        ],
        primaryFormat: '#,##0',
        secondaryFormat: ctx.money,
      },
    );
  }
  return ws;
}
