// 業績診断A 顧客 / Customer diagnosis: the flows of this year against last year (where the
// change in active customers came from), retention by tenure, and churn broken down.
import type ExcelJS from 'exceljs';
import type { WorkbookReport } from '../sections.js';
import type { ChurnRow } from '../../../store/metrics/churn.js';
import {
  L,
  chart,
  findingLines,
  freeze,
  heading,
  rangeData,
  seriesName,
  table,
  title,
  widths,
  type SheetContext,
} from '../style.js';
import { compareTable } from '../compare.js';
import { sheetName } from '../labels.js';
import { rateColumns } from '../rates.js';
import type { TenureRetention } from '../../../report/index.js';
import { LADDER_STAGES } from '../../../domain/ladder.js';
import { channelName } from '../../../domain/labels/index.js';

/** Returns a churn breakdown value in words: ladder levels and channels named, 'unknown' translated. */
function valueName(ctx: SheetContext, key: string, v: string): string {
  if (v === 'unknown') return L(ctx, 'unknown');
  if (key === 'by_ladder_level') {
    const [level, stage] = v.split(' ');
    const s = LADDER_STAGES.find((x) => x.stage === stage);
    return s ? `${level} ${ctx.lang === 'ja' ? s.name_ja : s.name_en}` : v;
  }
  if (key === 'by_recency_band') return ctx.lang === 'ja' ? `${v}日` : `${v} days`;
  return key === 'by_channel' ? channelName(v, ctx.lang) : v;
}

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
    {
      key: 'retention_rate',
      cur: m.retention_rate,
      prev: p.retention_rate,
      fmt: 'pct',
      base: [m.retention_base, p.retention_base],
    },
  ]);
}

/** Writes retention by tenure year with the targets; returns the next row. */
function tenure(ws: ExcelJS.Worksheet, ctx: SheetContext, r: WorkbookReport, row: number): number {
  row = heading(ws, row, L(ctx, 'retention_by_tenure'));
  const out = table(
    ws,
    ctx,
    { row },
    [
      { header: L(ctx, 'tenure_year'), value: (t) => L(ctx, 'year_n', { n: t.tenure_year }) },
      { header: L(ctx, 'base'), value: (t) => t.base, fmt: 'int' },
      { header: L(ctx, 'retained'), value: (t) => t.retained, fmt: 'int' },
      { header: L(ctx, 'target'), value: (t) => t.target, fmt: 'pct' },
      // Blank below the minimum base, so the chart draws no bar from three customers.
      ...rateColumns<TenureRetention>(
        ctx,
        L(ctx, 'retention_rate'),
        (t) => t.retention_rate,
        (t) => t.base,
      ),
    ],
    r.retention_by_tenure,
  );
  if (!r.retention_by_tenure.length) return out.next;
  const col = (c: number) => ({
    ...seriesName(ws, c, row),
    values: rangeData(ws, c, out.first, out.last, '0.0%'),
  });
  return chart(
    ws,
    ctx,
    { row: out.next, col: 1, rows: 16, cols: 5 },
    {
      title: L(ctx, 'tenure_chart'),
      categories: rangeData(ws, 1, out.first, out.last),
      series: [
        { ...col(5), kind: 'bar', color: '3B6FD8' },
        { ...col(4), kind: 'line', color: 'C94C4C', dash: true },
      ],
      primaryFormat: '0%',
      primaryMin: 0,
    },
  );
}

/** Writes the flows as a waterfall: its small table and the chart (stacked bars on an invisible base); returns the next row. */
function waterfall(
  ws: ExcelJS.Worksheet,
  ctx: SheetContext,
  r: WorkbookReport,
  row: number,
): number {
  const m = r.metrics;
  const start = m.active_customers_prev_year;
  const afterNew = start + m.flows.new;
  const afterReact = afterNew + m.flows.reactivated;
  const end = afterReact - m.flows.churned;
  const steps: [string, number, number][] = [
    [L(ctx, 'active_customers_prev_year'), 0, start],
    [`＋${L(ctx, 'new')}`, start, m.flows.new],
    [`＋${L(ctx, 'reactivated')}`, afterNew, m.flows.reactivated],
    [`−${L(ctx, 'churned')}`, end, m.flows.churned],
    [L(ctx, 'active_customers'), 0, m.active_customers],
  ];
  row = heading(ws, row, L(ctx, 'flows_chart'));
  const out = table(
    ws,
    ctx,
    { row },
    [
      { header: L(ctx, 'flows_step'), value: (x) => x[0] },
      { header: L(ctx, 'flows_base'), value: (x) => x[1], fmt: 'int' },
      { header: L(ctx, 'customers'), value: (x) => x[2], fmt: 'int' },
    ],
    steps,
  );
  for (let n = out.first; n <= out.last; n++)
    ws.getCell(n, 2).font = { color: { argb: 'FF999999' } };
  const col = (c: number) => ({
    ...seriesName(ws, c, row),
    values: rangeData(ws, c, out.first, out.last, '#,##0'),
  });
  return chart(
    ws,
    ctx,
    { row: out.next, col: 1, rows: 16, cols: 5 },
    {
      title: L(ctx, 'flows_chart'),
      categories: rangeData(ws, 1, out.first, out.last),
      stacked: true,
      series: [
        { ...col(2), kind: 'bar', hidden: true },
        { ...col(3), kind: 'bar', color: '3B6FD8' },
      ],
      primaryFormat: '#,##0',
    },
  );
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
      { header: L(ctx, key), value: (x) => valueName(ctx, key, x.value) },
      { header: L(ctx, 'base'), value: (x) => x.base, fmt: 'int' },
      { header: L(ctx, 'churned'), value: (x) => x.churned, fmt: 'int' },
      ...rateColumns<ChurnRow>(
        ctx,
        L(ctx, 'churn_rate'),
        (x) => x.churn_rate,
        (x) => x.base,
      ),
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
  widths(ws, [34, 14, 14, 14, 14]);
  let row = title(ws, 1, `${sheetName('customer', ctx.lang)} — ${r.as_of}`);
  freeze(ws, 2);
  row = flows(ws, ctx, r, row);
  row = waterfall(ws, ctx, r, row);
  row = tenure(ws, ctx, r, row);
  row = heading(ws, row, L(ctx, 'churn_breakdown'));
  const b = r.churn_breakdown;
  row = churnTable(ws, ctx, 'by_ladder_level', b.by_ladder_level, row);
  row = churnTable(ws, ctx, 'by_recency_band', b.by_recency_band, row);
  row = churnTable(ws, ctx, 'by_channel', b.by_channel, row);
  row = churnTable(ws, ctx, 'by_entry_product', b.by_entry_product, row);
  findingLines(
    ws,
    ctx,
    r.findings.filter((x) => x.id.startsWith('customer.')),
    row,
  );
  return ws;
}
