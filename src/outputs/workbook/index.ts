// The daily workbook (SPEC §8, seed 003): one .xlsx written from a stored checkup report —
// every number is read from the report JSON, never recomputed — one module per sheet.
import ExcelJS from 'exceljs';
import { writeFile, rename } from 'node:fs/promises';
import type { WorkbookExtras, WorkbookReport } from './sections.js';
import { newContext, type SheetContext } from './style.js';
import type { WorkbookLang } from './labels.js';
import { addNativeCharts } from './xlsx-charts.js';
import { printLayout } from './print.js';
import { addSummarySheet } from './sheets/summary.js';
import { addOverviewSheet } from './sheets/overview.js';
import { addListSheet, addDailySheet } from './sheets/list.js';
import { addCustomerSheet } from './sheets/customer.js';
import { addPurchaseSheet } from './sheets/purchase.js';
import { addDistributionSheet } from './sheets/distribution.js';
import { addFiveNumbersSheet } from './sheets/five-numbers.js';
import { addRfmSheet } from './sheets/rfm.js';
import { addLadderSheet } from './sheets/ladder.js';
import { addCohortsSheet } from './sheets/cohorts.js';
import { addProjectionSheet } from './sheets/projection.js';
import { addClvSheet } from './sheets/clv.js';
import { addAuditSheet } from './sheets/audit.js';
import { addFindingsSheet } from './sheets/findings.js';
import { neutraliseStrings } from '../cell-safety.js';

export type { WorkbookReport, WorkbookExtras } from './sections.js';
export type { WorkbookLang } from './labels.js';

export interface WorkbookOptions extends WorkbookExtras {
  lang?: WorkbookLang;
  /** false: no charts (numbers only). */
  charts?: boolean;
}

export interface WorkbookResult {
  path: string;
  bytes: number;
  sheets: string[];
  seconds: number;
}

/** Returns the workbook of a report (sheets in reading order: summary first, findings last) and the native charts still to be written into its package. */
export function buildWorkbook(
  report: WorkbookReport,
  opts: WorkbookOptions = {},
): { wb: ExcelJS.Workbook; ctx: SheetContext } {
  // Channels, products, campaigns and names come from the shop's files: none may start a formula.
  report = neutraliseStrings(report);
  const ctx = newContext(
    opts.lang ?? 'ja',
    report.business.currency,
    opts.charts ?? true,
    report.min_rate_base,
  );
  const wb = new ExcelJS.Workbook();
  wb.creator = 'kenshin';
  wb.created = new Date(report.computed_at);
  wb.title = `${report.business.name} ${report.as_of}`;
  // The daily data sheet is written first (the charts of the summary and the list diagnosis
  // read it) and moved behind the list diagnosis below.
  const daily = addDailySheet(wb, report, ctx);
  addSummarySheet(wb, report, ctx, opts, daily);
  addOverviewSheet(wb, report, ctx);
  const list = addListSheet(wb, report, ctx, daily);
  addCustomerSheet(wb, report, ctx);
  addPurchaseSheet(wb, report, ctx);
  addDistributionSheet(wb, report, ctx);
  addFiveNumbersSheet(wb, report, ctx);
  addRfmSheet(wb, report, ctx);
  addLadderSheet(wb, report, ctx);
  addCohortsSheet(wb, report, ctx);
  addAuditSheet(wb, report, ctx);
  addProjectionSheet(wb, report, ctx);
  addClvSheet(wb, report, ctx);
  addFindingsSheet(wb, report, ctx, opts);
  placeAfter(wb, daily.ws, list);
  const info = { business: report.business.name, asOf: report.as_of };
  for (const ws of wb.worksheets) printLayout(ws, ctx, info);
  return { wb, ctx };
}

/** Moves sheet `ws` right after sheet `after` in the tab order. */
function placeAfter(wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet, after: ExcelJS.Worksheet): void {
  const order = wb.worksheets.filter((w) => w !== ws);
  order.splice(order.indexOf(after) + 1, 0, ws);
  order.forEach((w, i) => ((w as unknown as { orderNo: number }).orderNo = i + 1));
}

/** Returns the bytes of the .xlsx of a report, native charts included, and its sheet names in order. */
export async function workbookBuffer(
  report: WorkbookReport,
  opts: WorkbookOptions = {},
): Promise<{ buf: Buffer; sheets: string[] }> {
  const { wb, ctx } = buildWorkbook(report, opts);
  const raw = Buffer.from(await wb.xlsx.writeBuffer());
  return {
    buf: await addNativeCharts(raw, ctx.nativeCharts),
    sheets: wb.worksheets.map((w) => w.name),
  };
}

/** Writes the workbook of a report to `path` (via a temporary file, so no half-written file remains). */
export async function writeWorkbook(
  report: WorkbookReport,
  path: string,
  opts: WorkbookOptions = {},
): Promise<WorkbookResult> {
  const t0 = performance.now();
  const { buf, sheets } = await workbookBuffer(report, opts);
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, buf);
  await rename(tmp, path);
  return {
    path,
    bytes: buf.length,
    sheets,
    seconds: (performance.now() - t0) / 1000,
  };
}
