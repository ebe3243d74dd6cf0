// 資産性監査 / New-customer asset audit (seed 002): did the customers of each acquisition month
// and channel repay their acquisition cost in gross profit? Totals, a chart of CPA against gross
// profit per customer by channel, the channels, then every month × channel; facts only.
import type ExcelJS from 'exceljs';
import type { WorkbookReport } from '../sections.js';
import type { AuditFigures } from '../../../store/metrics/audit.js';
import { L, findingLines, freeze, heading, image, notComputed, table, title, widths, type Column, type SheetContext } from '../style.js';
import { sheetName } from '../labels.js';
import { renderPng } from '../../charts/render.js';
import { auditChart } from '../../charts/options.js';

const CHART = { width: 860, height: 380 };

type Row = AuditFigures & { month?: string; channel?: string };

function figureColumns(ctx: SheetContext): Column<Row>[] {
  return [
    { header: L(ctx, 'ad_spend'), value: (x) => x.ad_spend, fmt: 'money', width: 14 },
    { header: L(ctx, 'new_customers'), value: (x) => x.new_customers, fmt: 'int', width: 12 },
    { header: L(ctx, 'cpa'), value: (x) => x.cpa, fmt: 'money', width: 12 },
    { header: L(ctx, 'active'), value: (x) => x.active, fmt: 'int', width: 10 },
    { header: L(ctx, 'churned'), value: (x) => x.churned, fmt: 'int', width: 10 },
    { header: L(ctx, 'gross_profit'), value: (x) => x.gross_profit, fmt: 'money', width: 14 },
    { header: L(ctx, 'gross_profit_per_customer'), value: (x) => x.gross_profit_per_customer, fmt: 'money', width: 14 },
    { header: L(ctx, 'recovered'), value: (x) => x.recovered, fmt: 'int', width: 10 },
    { header: L(ctx, 'recovered_share'), value: (x) => x.recovered_share, fmt: 'pct', width: 10 },
    { header: L(ctx, 'unrecovered_customers'), value: (x) => x.unrecovered_customers, fmt: 'int', width: 12 },
    { header: L(ctx, 'unrecovered_cost'), value: (x) => x.unrecovered_cost, fmt: 'money', width: 16 },
  ];
}

/** Adds the asset audit sheet ("not computed" for a report stored before the audit existed). */
export function addAuditSheet(wb: ExcelJS.Workbook, r: WorkbookReport, ctx: SheetContext): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(sheetName('audit', ctx.lang));
  widths(ws, [16, 14]);
  const a = r.asset_audit;
  let row = title(ws, 1, `${sheetName('audit', ctx.lang)} — ${r.as_of}`);
  if (!a) {
    notComputed(ws, ctx, row);
    return ws;
  }
  ws.getCell(row, 1).value = `${L(ctx, 'from_month')} ${a.from_month} — ${L(ctx, 'to_month')} ${a.to_month} · ${L(ctx, 'gross_margin_rate')} ${(a.gross_margin_rate * 100).toFixed(0)}%`;
  row += 2;
  const headerRow = row;
  const total = table(ws, ctx, { row }, [{ header: L(ctx, 'total'), value: () => L(ctx, 'total'), width: 16 }, ...figureColumns(ctx)], [a.total]);
  freeze(ws, headerRow, 1);
  row = heading(ws, total.next, L(ctx, 'by_channel'));
  row = table(ws, ctx, { row }, [{ header: L(ctx, 'channel'), value: (x: Row) => x.channel }, ...figureColumns(ctx)], a.by_channel).next;
  if (ctx.charts && a.by_channel.some((x) => x.cpa !== null)) {
    image(wb, ws, renderPng(auditChart(a, ctx.lang), CHART), { row, col: 1 }, CHART);
    row += 21;
  }
  const findings = r.findings.filter((f) => f.id.startsWith('audit.'));
  if (findings.length) row = findingLines(ws, ctx, findings, row) + 1;
  row = heading(ws, row, L(ctx, 'cells'));
  const cells = [...a.cells].sort((x, y) => y.month.localeCompare(x.month) || x.channel.localeCompare(y.channel));
  table(ws, ctx, { row }, [
    { header: L(ctx, 'month'), value: (x: Row) => x.month },
    { header: L(ctx, 'channel'), value: (x: Row) => x.channel },
    ...figureColumns(ctx),
  ], cells);
  return ws;
}
