// コホート / Cohorts: first-purchase-month cohorts by age in months — share active and
// cumulative revenue per customer (the historical LTV curve) as heat maps, and the curves.
import type ExcelJS from 'exceljs';
import type { WorkbookReport } from '../sections.js';
import type { Cohort, CohortCell } from '../../../store/metrics/cohorts.js';
import {
  L,
  chart,
  excelTable,
  freeze,
  heading,
  rangeData,
  rowRangeData,
  styleHeader,
  title,
  type SheetContext,
} from '../style.js';
import { sheetName } from '../labels.js';

const COLORS = ['3B6FD8', 'E8833A', '4AA567', 'C94C4C', '8A63C9', '3AA6B9', 'B5902F', '777777'];

/** Returns the cohorts drawn in the chart: every third of those with customers, at most `max`, oldest first. */
function picked(cohorts: Cohort[], max = 8): number[] {
  const idx = cohorts.map((c, i) => (c.customers > 0 ? i : -1)).filter((i) => i >= 0);
  return idx
    .reverse()
    .filter((_, k) => k % 3 === 0)
    .slice(0, max)
    .reverse();
}

/** Writes one cohort × age matrix of `pick` with a white→colour scale; returns the next row. */
function matrix(
  ws: ExcelJS.Worksheet,
  ctx: SheetContext,
  cohorts: Cohort[],
  row: number,
  key: string,
  pick: (c: CohortCell) => number | null,
  fmt: string,
  colour: string,
): number {
  row = heading(ws, row, L(ctx, key));
  const ages = Math.max(0, ...cohorts.map((c) => c.cells.length));
  const head = row;
  ws.getCell(row, 1).value = L(ctx, 'cohort');
  ws.getCell(row, 2).value = L(ctx, 'customers');
  for (let a = 0; a < ages; a++) ws.getCell(row, 3 + a).value = a;
  styleHeader(ws, row, 1, ages + 2);
  cohorts.forEach((c, i) => {
    const n = row + 1 + i;
    ws.getCell(n, 1).value = c.cohort;
    ws.getCell(n, 2).value = c.customers;
    ws.getCell(n, 2).numFmt = '#,##0';
    for (const cell of c.cells) {
      const x = ws.getCell(n, 3 + cell.age);
      x.value = pick(cell);
      x.numFmt = fmt;
    }
  });
  if (cohorts.length && ages) {
    const last = ws.getColumn(2 + ages).letter;
    ws.addConditionalFormatting({
      ref: `C${row + 1}:${last}${row + cohorts.length}`,
      rules: [
        {
          type: 'colorScale',
          priority: 1,
          cfvo: [{ type: 'min' }, { type: 'max' }],
          color: [{ argb: 'FFFFFFFF' }, { argb: colour }],
        },
      ],
    });
  }
  excelTable(ws, ctx, { row: head, col: 1, cols: ages + 2, last: head + cohorts.length });
  return row + cohorts.length + 2;
}

/** Adds the cohorts sheet. */
export function addCohortsSheet(
  wb: ExcelJS.Workbook,
  r: WorkbookReport,
  ctx: SheetContext,
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(sheetName('cohorts', ctx.lang));
  ws.getColumn(1).width = 12;
  ws.getColumn(2).width = 10;
  const cohorts = r.cohorts;
  const maxAge = Math.max(0, ...cohorts.map((c) => c.cells.length));
  for (let c = 3; c < 3 + maxAge; c++) ws.getColumn(c).width = 7;
  let row = title(ws, 1, `${sheetName('cohorts', ctx.lang)} — ${r.as_of}`, L(ctx, 'age_months'));
  // The age header of the first matrix stays in view (and repeats on every printed page).
  freeze(ws, row + 1, 2);
  row = matrix(ws, ctx, cohorts, row, 'active_share', (c) => c.active_share, '0%', 'FF5B9BD5');
  const money = ctx.money.replace('#,##0.00', '#,##0');
  const ltvHead = row + 1;
  row = matrix(
    ws,
    ctx,
    cohorts,
    row,
    'cumulative_revenue_per_customer',
    (c) => c.cumulative_revenue_per_customer,
    money,
    'FF70AD47',
  );
  const show = picked(cohorts);
  if (show.length) {
    const ages = Math.max(...show.map((i) => cohorts[i].cells.length));
    row = heading(ws, row, L(ctx, 'cohort_chart'));
    chart(
      ws,
      ctx,
      { row, col: 1, rows: 24, cols: 14 },
      {
        title: L(ctx, 'cohort_chart'),
        categories: rowRangeData(ws, ltvHead, 3, 2 + ages),
        series: show.map((i, k) => ({
          name: cohorts[i].cohort,
          nameRef: rangeData(ws, 1, ltvHead + 1 + i, ltvHead + 1 + i).ref,
          values: rowRangeData(ws, ltvHead + 1 + i, 3, 2 + ages, money),
          kind: 'line' as const,
          color: COLORS[k % COLORS.length],
        })),
        primaryFormat: money,
      },
    );
  }
  return ws;
}
