// コホート / Cohorts: first-purchase-month cohorts by age in months — share active and
// cumulative revenue per customer (the historical LTV curve) as heat maps, and the curves.
import type ExcelJS from 'exceljs';
import type { WorkbookReport } from '../sections.js';
import type { Cohort, CohortCell } from '../../../store/metrics/cohorts.js';
import { L, freeze, heading, image, styleHeader, title, type SheetContext } from '../style.js';
import { sheetName } from '../labels.js';
import { renderPng } from '../../charts/render.js';
import { cohortChart } from '../../charts/options.js';

const CHART = { width: 860, height: 420 };

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
  for (let c = 3; c < 40; c++) ws.getColumn(c).width = 8;
  let row = title(ws, 1, `${sheetName('cohorts', ctx.lang)} — ${r.as_of}`, L(ctx, 'age'));
  freeze(ws, 0, 2);
  const cohorts = r.cohorts;
  row = matrix(ws, ctx, cohorts, row, 'active_share', (c) => c.active_share, '0%', 'FF5B9BD5');
  const money = ctx.money.replace('#,##0.00', '#,##0');
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
  if (ctx.charts && cohorts.length)
    image(wb, ws, renderPng(cohortChart(cohorts, ctx.lang), CHART), { row, col: 1 }, CHART);
  return ws;
}
