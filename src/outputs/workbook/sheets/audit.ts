// 資産性監査 / New-customer asset audit (seed 002): did the customers of each acquisition month
// and channel repay their acquisition cost in gross profit? Totals, a chart of CPA against gross
// profit per customer by channel, the channels, then every month × channel; facts only.
import type ExcelJS from 'exceljs';
import type { WorkbookReport } from '../sections.js';
import type { AuditFigures } from '../../../store/metrics/audit.js';
import {
  L,
  chart,
  findingLines,
  layoutOf,
  freeze,
  heading,
  notComputed,
  rangeData,
  seriesName,
  table,
  title,
  widths,
  type Column,
  type SheetContext,
} from '../style.js';
import { sheetName } from '../labels.js';
import { channelName } from '../../../domain/labels/index.js';

/** Acquisition months of the month × channel table that print. */
const PRINT_MONTHS = 12;

type Row = AuditFigures & { month?: string; channel?: string };

function figureColumns(ctx: SheetContext): Column<Row>[] {
  return [
    { header: L(ctx, 'ad_spend'), value: (x) => x.ad_spend, fmt: 'money', width: 14 },
    { header: L(ctx, 'new_customers'), value: (x) => x.new_customers, fmt: 'int', width: 12 },
    { header: L(ctx, 'cpa'), value: (x) => x.cpa, fmt: 'money', width: 12 },
    { header: L(ctx, 'active'), value: (x) => x.active, fmt: 'int', width: 10 },
    { header: L(ctx, 'churned'), value: (x) => x.churned, fmt: 'int', width: 10 },
    { header: L(ctx, 'gross_profit'), value: (x) => x.gross_profit, fmt: 'money', width: 14 },
    {
      header: L(ctx, 'gross_profit_per_customer'),
      value: (x) => x.gross_profit_per_customer,
      fmt: 'money',
      width: 14,
    },
    { header: L(ctx, 'recovered'), value: (x) => x.recovered, fmt: 'int', width: 10 },
    { header: L(ctx, 'recovered_share'), value: (x) => x.recovered_share, fmt: 'pct', width: 10 },
    {
      header: L(ctx, 'unrecovered_customers'),
      value: (x) => x.unrecovered_customers,
      fmt: 'int',
      width: 12,
    },
    {
      header: L(ctx, 'unrecovered_cost'),
      value: (x) => x.unrecovered_cost,
      fmt: 'money',
      width: 16,
    },
  ];
}

/** Adds the asset audit sheet ("not computed" for a report stored before the audit existed). */
export function addAuditSheet(
  wb: ExcelJS.Workbook,
  r: WorkbookReport,
  ctx: SheetContext,
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(sheetName('audit', ctx.lang));
  widths(ws, [16, 14]);
  const a = r.asset_audit;
  let row = title(ws, 1, `${sheetName('audit', ctx.lang)} — ${r.as_of}`);
  if (!a) {
    notComputed(ws, ctx, row);
    return ws;
  }
  ws.getCell(row, 1).value =
    `${L(ctx, 'from_month')} ${a.from_month} — ${L(ctx, 'to_month')} ${a.to_month} · ${L(ctx, 'gross_margin_rate')} ${(a.gross_margin_rate * 100).toFixed(0)}%`;
  row += 2;
  const headerRow = row;
  const total = table(
    ws,
    ctx,
    { row },
    [{ header: L(ctx, 'metric'), value: () => L(ctx, 'total'), width: 16 }, ...figureColumns(ctx)],
    [a.total],
  );
  freeze(ws, headerRow, 1);
  row = heading(ws, total.next, L(ctx, 'by_channel'));
  const withCpa = a.by_channel.filter((x) => x.cpa !== null);
  const rest = a.by_channel.filter((x) => x.cpa === null);
  const ch = table(
    ws,
    ctx,
    { row },
    [
      { header: L(ctx, 'channel'), value: (x: Row) => channelName(x.channel ?? '', ctx.lang) },
      ...figureColumns(ctx),
    ],
    [...withCpa, ...rest],
  );
  row = ch.next;
  if (withCpa.length) {
    // Channels with a CPA come first in the table; the chart reads those rows.
    const last = ch.first + withCpa.length - 1;
    const col = (c: number) => ({
      ...seriesName(ws, c, ch.first - 1),
      values: rangeData(ws, c, ch.first, last, ctx.money),
    });
    row = heading(ws, row, L(ctx, 'audit_chart'));
    row = chart(
      ws,
      ctx,
      { row, col: 1, rows: 20, cols: 8 },
      {
        title: L(ctx, 'audit_chart'),
        categories: rangeData(ws, 1, ch.first, last),
        series: [
          { ...col(4), kind: 'bar', color: 'E8833A' },
          { ...col(8), kind: 'bar', color: '3B6FD8' },
        ],
        primaryFormat: ctx.money,
      },
    );
  }
  const findings = r.findings.filter((f) => f.id.startsWith('audit.'));
  if (findings.length) row = findingLines(ws, ctx, findings, row) + 1;
  row = heading(ws, row, L(ctx, 'cells'));
  const cells = [...a.cells].sort(
    (x, y) => y.month.localeCompare(x.month) || x.channel.localeCompare(y.channel),
  );
  const months = [...new Set(cells.map((c) => c.month))];
  if (months.length > PRINT_MONTHS) {
    ws.getCell(row, 1).value = L(ctx, 'audit_print_note', { n: PRINT_MONTHS });
    ws.getCell(row, 1).font = { italic: true, size: 9, color: { argb: 'FF777777' } };
    row++;
  }
  const printed = cells.filter((c) => months.indexOf(c.month) < PRINT_MONTHS).length;
  // Newest months first: the print keeps the latest year, the screen has every month.
  if (months.length > PRINT_MONTHS) layoutOf(ws).printRows = [1, row + printed];
  table(
    ws,
    ctx,
    { row },
    [
      { header: L(ctx, 'month'), value: (x: Row) => x.month },
      { header: L(ctx, 'channel'), value: (x: Row) => channelName(x.channel ?? '', ctx.lang) },
      ...figureColumns(ctx),
    ],
    cells,
  );
  return ws;
}
