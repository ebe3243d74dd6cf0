// RFM: the R×F grid of customers as a heat map, the named segments with their shares and
// averages, M scores and the cut points. Reads report.rfm; "not computed" when absent.
import type ExcelJS from 'exceljs';
import type { WorkbookReport } from '../sections.js';
import type { RfmReport } from '../../../store/metrics/rfm.js';
import {
  L,
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

/** Writes the 5×5 grid (R 5→1 down, F 1→5 across) of customer counts; returns the next row. */
function grid(ws: ExcelJS.Worksheet, ctx: SheetContext, rfm: RfmReport, row: number): number {
  row = heading(ws, row, `R × F (${L(ctx, 'customers')})`);
  ws.getCell(row, 1).value = 'R \\ F';
  for (let f = 1; f <= 5; f++) ws.getCell(row, 1 + f).value = f;
  styleHeader(ws, row, 1, 6);
  for (let i = 0; i < 5; i++) {
    const r = 5 - i;
    ws.getCell(row + 1 + i, 1).value = r;
    ws.getCell(row + 1 + i, 1).font = { bold: true };
    for (let f = 1; f <= 5; f++) {
      const cell = rfm.grid.find((g) => g.r_score === r && g.f_score === f);
      const c = ws.getCell(row + 1 + i, 1 + f);
      c.value = cell?.customers ?? 0;
      c.numFmt = '#,##0';
    }
  }
  ws.addConditionalFormatting({
    ref: `B${row + 1}:F${row + 5}`,
    rules: [
      {
        type: 'colorScale',
        priority: 1,
        cfvo: [{ type: 'min' }, { type: 'max' }],
        color: [{ argb: 'FFFFFFFF' }, { argb: 'FFF4B183' }],
      },
    ],
  });
  return row + 7;
}

/** Writes the named segments; returns the next row. */
function segments(ws: ExcelJS.Worksheet, ctx: SheetContext, rfm: RfmReport, row: number): number {
  row = heading(ws, row, L(ctx, 'segment'));
  return table(
    ws,
    ctx,
    { row },
    [
      { header: L(ctx, 'segment'), value: (s) => (ctx.lang === 'ja' ? s.name_ja : s.name_en) },
      { header: L(ctx, 'customers'), value: (s) => s.customers, fmt: 'int' },
      { header: L(ctx, 'share_customers'), value: (s) => s.share_customers, fmt: 'pct' },
      { header: L(ctx, 'revenue'), value: (s) => s.revenue, fmt: 'money' },
      { header: L(ctx, 'share_revenue'), value: (s) => s.share_revenue, fmt: 'pct' },
      { header: L(ctx, 'avg_r_days'), value: (s) => s.avg_r_days, fmt: 'dec1' },
      { header: L(ctx, 'avg_f'), value: (s) => s.avg_f, fmt: 'dec2' },
      { header: L(ctx, 'avg_m'), value: (s) => s.avg_m, fmt: 'money' },
    ],
    rfm.segments,
  ).next;
}

/** Writes the M scores and the cut points; returns the next row. */
function scores(ws: ExcelJS.Worksheet, ctx: SheetContext, rfm: RfmReport, row: number): number {
  row = heading(ws, row, L(ctx, 'm_score'));
  row = table(
    ws,
    ctx,
    { row },
    [
      { header: L(ctx, 'm_score'), value: (s) => s.m_score, fmt: 'int' },
      { header: L(ctx, 'customers'), value: (s) => s.customers, fmt: 'int' },
      { header: L(ctx, 'revenue'), value: (s) => s.revenue, fmt: 'money' },
    ],
    rfm.m_scores,
  ).next;
  row = heading(ws, row, L(ctx, 'cut_points', { method: L(ctx, `method_${rfm.method}`) }));
  const cuts = rfm.cut_points;
  for (const [k, v] of [
    ['recency_days', cuts.recency_days],
    ['frequency', cuts.frequency],
    ['monetary', cuts.monetary],
  ] as const) {
    ws.getCell(row, 1).value = L(ctx, k);
    (v ?? []).forEach((x, i) => (ws.getCell(row, 2 + i).value = x));
    row++;
  }
  // Which purchasers the quintiles came from (issue 14); absent in a report stored before.
  const set = rfm.cut_set;
  if (set && set.basis !== 'fixed') {
    ws.getCell(row++, 1).value = L(ctx, `cut_basis_${set.basis}`, {
      date: set.estimated_as_of ?? '',
      customers: (set.customers ?? 0).toLocaleString('en-US'),
    });
  }
  return row + 1;
}

/** Adds the RFM sheet. */
export function addRfmSheet(
  wb: ExcelJS.Workbook,
  r: WorkbookReport,
  ctx: SheetContext,
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(sheetName('rfm', ctx.lang));
  widths(ws, [22, 12, 12, 16, 12, 14, 14, 14]);
  let row = title(ws, 1, `RFM — ${r.as_of}`);
  freeze(ws, 2);
  const rfm = r.rfm;
  if (!rfm) {
    notComputed(ws, ctx, row);
    return ws;
  }
  ws.getCell(row++, 1).value = `${L(ctx, 'customers')}: ${rfm.customers.toLocaleString('en-US')}`;
  row = grid(ws, ctx, rfm, row + 1);
  row = segments(ws, ctx, rfm, row);
  scores(ws, ctx, rfm, row);
  return ws;
}
