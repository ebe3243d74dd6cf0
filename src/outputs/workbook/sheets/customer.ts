// 業績診断A 顧客 / Customer diagnosis: the flows of this year against last year (where the
// change in active customers came from), retention by tenure, and churn broken down.
import type ExcelJS from 'exceljs';
import type { WorkbookReport } from '../sections.js';
import type { ChurnRow } from '../../../store/metrics/churn.js';
import { L, freeze, heading, image, table, title, widths, type SheetContext } from '../style.js';
import { compareTable } from '../compare.js';
import { sheetName } from '../labels.js';
import { renderPng } from '../../charts/render.js';
import { flowsChart } from '../../charts/options.js';

const CHART = { width: 640, height: 360 };

/** Writes the flows, this year against last year; returns the next row. */
function flows(ws: ExcelJS.Worksheet, ctx: SheetContext, r: WorkbookReport, row: number): number {
  row = heading(ws, row, L(ctx, 'flows'));
  const m = r.metrics;
  const p = r.metrics_prev_year;
  return compareTable(ws, ctx, { row }, [
    { key: 'active_customers', cur: m.active_customers, prev: p.active_customers, fmt: 'int' },
    { key: 'new', cur: m.flows.new, prev: p.flows.new, fmt: 'int' },
    { key: 'retained', cur: m.flows.retained, prev: p.flows.retained, fmt: 'int' },
    { key: 'reactivated', cur: m.flows.reactivated, prev: p.flows.reactivated, fmt: 'int' },
    { key: 'churned', cur: m.flows.churned, prev: p.flows.churned, fmt: 'int' },
    { key: 'retention_base', cur: m.retention_base, prev: p.retention_base, fmt: 'int' },
    { key: 'retention_rate', cur: m.retention_rate, prev: p.retention_rate, fmt: 'pct' },
  ]);
}

/** Writes retention by tenure year with the targets; returns the next row. */
function tenure(ws: ExcelJS.Worksheet, ctx: SheetContext, r: WorkbookReport, row: number): number {
  row = heading(ws, row, L(ctx, 'retention_by_tenure'));
  return table(
    ws,
    ctx,
    { row },
    [
      { header: L(ctx, 'tenure_year'), value: (t) => t.tenure_year, fmt: 'int' },
      { header: L(ctx, 'base'), value: (t) => t.base, fmt: 'int' },
      { header: L(ctx, 'retained'), value: (t) => t.retained, fmt: 'int' },
      { header: L(ctx, 'retention_rate'), value: (t) => t.retention_rate, fmt: 'pct' },
      { header: L(ctx, 'target'), value: (t) => t.target, fmt: 'pct' },
    ],
    r.retention_by_tenure,
  ).next;
}

/** Writes one churn breakdown table, with a data bar on the churn rate; returns the next row. */
function churnTable(
  ws: ExcelJS.Worksheet,
  ctx: SheetContext,
  key: string,
  data: ChurnRow[],
  row: number,
): number {
  row = heading(ws, row, L(ctx, key));
  const out = table(
    ws,
    ctx,
    { row },
    [
      { header: L(ctx, 'value'), value: (x) => x.value },
      { header: L(ctx, 'base'), value: (x) => x.base, fmt: 'int' },
      { header: L(ctx, 'churned'), value: (x) => x.churned, fmt: 'int' },
      { header: L(ctx, 'churn_rate'), value: (x) => x.churn_rate, fmt: 'pct' },
    ],
    data,
  );
  if (data.length) {
    ws.addConditionalFormatting({
      ref: `D${out.first}:D${out.last}`,
      rules: [
        {
          type: 'dataBar',
          priority: 1,
          cfvo: [
            { type: 'num', value: 0 },
            { type: 'num', value: 1 },
          ],
          color: { argb: 'FFE07B7B' },
        } as ExcelJS.ConditionalFormattingRule,
      ],
    });
  }
  return out.next;
}

/** Adds the customer diagnosis sheet. */
export function addCustomerSheet(
  wb: ExcelJS.Workbook,
  r: WorkbookReport,
  ctx: SheetContext,
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(sheetName('customer', ctx.lang));
  widths(ws, [30, 14, 14, 12, 12]);
  let row = title(ws, 1, `${sheetName('customer', ctx.lang)} — ${r.as_of}`);
  freeze(ws, 2);
  const chartRow = row;
  row = flows(ws, ctx, r, row);
  row = tenure(ws, ctx, r, row);
  row = heading(ws, row, L(ctx, 'churn_breakdown'));
  const b = r.churn_breakdown;
  row = churnTable(ws, ctx, 'by_ladder_level', b.by_ladder_level, row);
  row = churnTable(ws, ctx, 'by_recency_band', b.by_recency_band, row);
  row = churnTable(ws, ctx, 'by_channel', b.by_channel, row);
  row = churnTable(ws, ctx, 'by_entry_product', b.by_entry_product, row);
  if (ctx.charts)
    image(
      wb,
      ws,
      renderPng(flowsChart(r.metrics, ctx.lang), CHART),
      { row: chartRow, col: 7 },
      CHART,
    );
  let frow = chartRow + 20;
  frow = heading(ws, frow, sheetName('findings', ctx.lang), 7);
  for (const f of r.findings.filter((x) => x.id.startsWith('customer.'))) {
    ws.getCell(frow++, 7).value = `[${L(ctx, f.severity)}] ${f.title[ctx.lang]}`;
    ws.getCell(frow++, 7).value = `${L(ctx, 'cause')}: ${f.cause[ctx.lang]}`;
    ws.getCell(frow++, 7).value = `${L(ctx, 'action')}: ${f.action[ctx.lang]}`;
    frow++;
  }
  return ws;
}
